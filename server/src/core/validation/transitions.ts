// The graph of each machine: StartAt and every Next/Default/Catch target name a state of the
// same machine, Next/End rules, reachability from StartAt, terminal states, unique names.
import { stateSchemas } from './aslSchema';
import { DiagnosticCode } from './codes';
import type { ValidationContext } from './context';
import { isObject, MachineInfo, StateInfo } from './definitionIndex';
import { closestMatch } from './suggest';
import { isPlaceholder } from './payloadTemplates';
import type { JsonPath } from './types';
import { reportUnrunnablePlaceholder } from './localRuns';

const TRANSITIONING_TYPES = new Set(['Pass', 'Task', 'Wait', 'Parallel', 'Map']);
const MAX_NAME_LENGTH = 80;

/** The fields that say where a state goes: a typo in one of them hides it. */
const TRANSITION_FIELDS = new Set(['Next', 'End', 'Default', 'Choices', 'Catch']);

function isTerminal(state: StateInfo): boolean {
  return state.type === 'Succeed' || state.type === 'Fail' || state.value.End === true;
}

/** A Choices or Catch list with a rule that names no target (its own error says so). */
const hasRuleWithoutTarget = (rules: unknown) => !Array.isArray(rules) || rules.some((rule) => !isObject(rule) || typeof rule.Next !== 'string');

/**
 * Whether the state's own error leaves unknown where it goes: a type that is missing or not a state type,
 * a transition field of the wrong type, a rule without Next, or a key that misspells a transition field
 * ("Nxt", as the unknown-field error suggests). Its transitions could be anything, so the rules about the
 * whole machine wait for the fix instead of echoing the typo as "no terminal state" or unreachable states.
 */
function transitionsUnknown(state: StateInfo): boolean {
  const properties = state.type !== undefined && Object.hasOwn(stateSchemas, state.type) ? stateSchemas[state.type].properties : undefined;
  if (!properties) return true;
  const { value } = state;
  if (('End' in value && typeof value.End !== 'boolean') || ('Next' in value && typeof value.Next !== 'string')
    || ('Default' in value && typeof value.Default !== 'string')) return true;
  if (('Choices' in value && hasRuleWithoutTarget(value.Choices)) || ('Catch' in value && hasRuleWithoutTarget(value.Catch))) return true;
  const fields = Object.keys(properties);
  return Object.keys(value).some((key) => !Object.hasOwn(properties, key) && TRANSITION_FIELDS.has(closestMatch(key, fields) ?? ''));
}

function reportMissingTarget(context: ValidationContext, machine: MachineInfo, target: string, path: JsonPath, field: string): void {
  const suggestion = context.maySuggest(machine.states.size) ? closestMatch(target, machine.states.keys()) : undefined;
  const elsewhere = !suggestion && context.index.statesByName.has(target)
    ? ' (that state is in another machine: transitions cannot leave a Parallel branch or a Map processor)' : '';
  context.error(path, `Missing '${field}' target: ${target}${suggestion ? ` (did you mean '${suggestion}'?)` : ''}${elsewhere}`, {
    aws: 'MISSING_TRANSITION_TARGET', code: DiagnosticCode.unknownTarget,
    data: { target, ...(suggestion ? { suggestion } : {}) },
  });
}

function checkNextAndEnd(context: ValidationContext, state: StateInfo): void {
  if (!state.type || !TRANSITIONING_TYPES.has(state.type)) return;
  const hasNext = 'Next' in state.value;
  const ends = state.value.End === true;
  if (hasNext && ends) {
    context.error([...state.path, 'End'], `State '${state.name}' has both 'Next' and 'End': a state either transitions or ends`, {
      aws: 'SCHEMA_VALIDATION_FAILED', part: 'key', at: state.path, code: DiagnosticCode.nextAndEnd, data: { state: state.name },
    });
  } else if (!hasNext && !ends && !transitionsUnknown(state)) {
    context.error(state.path, `State '${state.name}' must have either 'Next' or 'End': true`, {
      aws: 'SCHEMA_VALIDATION_FAILED', part: 'key', code: DiagnosticCode.missingTransition, data: { state: state.name },
    });
  }
}

function checkMachineGraph(context: ValidationContext, machine: MachineInfo): void {
  const { states } = machine;
  const startAt = machine.value.StartAt;
  // A target known only at deployment, one that names no state (a typo for which?) or a state whose own
  // error hides where it goes may reach any state: the machine's graph cannot be judged.
  let graphKnown = true;
  for (const state of states.values()) {
    checkNextAndEnd(context, state);
    if (transitionsUnknown(state)) graphKnown = false;
    for (const transition of state.transitions) {
      if (isPlaceholder(transition.target)) {
        reportUnrunnablePlaceholder(context, transition.path, "a state's name");
        graphKnown = false;
      }
      else if (!states.has(transition.target)) {
        reportMissingTarget(context, machine, transition.target, transition.path, 'Next');
        graphKnown = false;
      }
    }
  }
  if (isPlaceholder(startAt)) reportUnrunnablePlaceholder(context, [...machine.path, 'StartAt'], "a state's name");
  if (typeof startAt !== 'string' || isPlaceholder(startAt)) return;
  if (!states.has(startAt)) {
    reportMissingTarget(context, machine, startAt, [...machine.path, 'StartAt'], 'StartAt');
    return;
  }
  if (!graphKnown) return;
  const terminals = [...states.values()].filter(isTerminal);
  if (terminals.length === 0) {
    // AWS reports this alone: it suppresses the reachability walk.
    context.error([...machine.path, 'StartAt'], 'Workflow has no terminal state', { aws: 'MISSING_END_STATE', at: machine.path });
    return;
  }
  const reachable = new Set<string>([startAt]);
  const queue = [startAt];
  while (queue.length > 0) {
    const state = states.get(queue.pop()!)!;
    for (const { target } of state.transitions) {
      if (states.has(target) && !reachable.has(target)) {
        reachable.add(target);
        queue.push(target);
      }
    }
  }
  for (const state of states.values()) {
    if (!reachable.has(state.name)) {
      context.error(state.path, `State "${state.name}" is not reachable.`, {
        aws: 'MISSING_TRANSITION_TARGET', part: 'key', code: DiagnosticCode.unreachableState, data: { state: state.name },
      });
    }
  }
  checkPathsToTerminal(context, states, reachable, terminals);
}

/** A reachable state from which no terminal state can be reached runs until the execution times out. */
function checkPathsToTerminal(context: ValidationContext, states: Map<string, StateInfo>, reachable: Set<string>, terminals: StateInfo[]): void {
  const predecessors = new Map<string, string[]>();
  for (const state of states.values()) {
    for (const { target } of state.transitions) {
      const list = predecessors.get(target);
      if (list) list.push(state.name); else predecessors.set(target, [state.name]);
    }
  }
  const ending = new Set(terminals.map((state) => state.name));
  const queue = [...ending];
  while (queue.length > 0) {
    for (const predecessor of predecessors.get(queue.pop()!) ?? []) {
      if (!ending.has(predecessor)) {
        ending.add(predecessor);
        queue.push(predecessor);
      }
    }
  }
  for (const name of reachable) {
    const state = states.get(name)!;
    // A missing transition or target is reported on its own.
    if (!ending.has(name) && state.transitions.length > 0 && state.transitions.every(({ target }) => states.has(target))) {
      context.warning(state.path, `State '${name}' has no path to a terminal state: once entered, the execution never ends`, { part: 'key' });
    }
  }
}

function checkNames(context: ValidationContext): void {
  for (const [name, sameName] of context.index.statesByName) {
    const length = [...name].length; // in Unicode characters, as AWS counts
    if (length > MAX_NAME_LENGTH) {
      for (const state of sameName) {
        context.error(state.path, `State name '${name.slice(0, 20)}…' is ${length} characters long; the limit is ${MAX_NAME_LENGTH}`, { aws: 'INVALID_STATE_NAME', part: 'key' });
      }
    }
    for (const state of sameName.slice(1)) {
      context.error(state.path, `Duplicate State name: ${name}`, { aws: 'DUPLICATE_STATE_NAME', part: 'key' });
    }
  }
}

export function checkTransitions(context: ValidationContext): void {
  for (const machine of context.index.machines) checkMachineGraph(context, machine);
  checkNames(context);
}
