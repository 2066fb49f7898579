// The structure of a state machine, walked once per definition: each (sub-)machine (the top level,
// Parallel branches, Map processors) and each state with its JSON path, type, effective query language,
// transitions and nested machines; and the one scope rule for workflow variables. The validator, the
// language service, the graph and the interpreter's compiler all read it.
import { stateQueryLanguage, type QueryLanguage } from './queryLanguage';

/** A location inside the definition, as object keys and array indexes from the root. */
export type JsonPath = (string | number)[];

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export type MachineKind = 'root' | 'branch' | 'itemProcessor' | 'iterator';

export interface MachineInfo {
  path: JsonPath;
  value: JsonObject;
  /** The Parallel or Map state holding this machine; undefined for the top level. */
  owner: StateInfo | undefined;
  kind: MachineKind;
  /** A Map's processor (ItemProcessor, or the older Iterator) whose ProcessorConfig.Mode is DISTRIBUTED. */
  distributed: boolean;
  states: Map<string, StateInfo>;
}

export interface Transition {
  target: string;
  /** Path of the string naming the target. */
  path: JsonPath;
  /** Which field names it: the state's Next or Default, a choice rule's Next, a catcher's Next. */
  kind: 'Next' | 'Default' | 'Choice' | 'Catch';
  /** The object holding that field: the state, the choice rule or the catcher. */
  holder: JsonObject;
}

export interface StateInfo {
  name: string;
  path: JsonPath;
  machine: MachineInfo;
  /** The state's object ({} when the state is not an object, which the schema reports). */
  value: JsonObject;
  type: string | undefined;
  queryLanguage: QueryLanguage;
  transitions: Transition[];
  /** Machines nested in this state (Parallel branches, Map processor), in the order they are written. */
  children: MachineInfo[];
}

export interface MachineStructure {
  /** The definition as given, whatever it is. */
  definition: unknown;
  /** The definition when it is an object. */
  root: JsonObject | undefined;
  queryLanguage: QueryLanguage;
  /** Every machine, outermost first (an owner's machine comes before the machines it holds). */
  machines: MachineInfo[];
  /** Every state of every machine, a machine's states before those of the machines nested in them. */
  states: StateInfo[];
  /** Every state of every machine by name (names must be unique in the whole definition). */
  statesByName: Map<string, StateInfo[]>;
}

function transitionsOf(state: JsonObject, path: JsonPath): Transition[] {
  const result: Transition[] = [];
  addTransition(result, state, 'Next', 'Next', path);
  addTransition(result, state, 'Default', 'Default', path);
  addRuleTransitions(result, state.Choices, 'Choices', 'Choice', path);
  addRuleTransitions(result, state.Catch, 'Catch', 'Catch', path);
  return result;
}

function addTransition(result: Transition[], holder: JsonObject, field: 'Next' | 'Default', kind: Transition['kind'], at: JsonPath): void {
  const target = holder[field];
  if (typeof target === 'string') result.push({ target, path: [...at, field], kind, holder });
}

/** The Next of each choice rule or catcher. */
function addRuleTransitions(result: Transition[], rules: unknown, list: 'Choices' | 'Catch', kind: 'Choice' | 'Catch', path: JsonPath): void {
  if (!Array.isArray(rules)) return;
  for (let i = 0; i < rules.length; i++) {
    const rule: unknown = rules[i];
    if (isObject(rule) && typeof rule.Next === 'string') addTransition(result, rule, 'Next', kind, [...path, list, i]);
  }
}

/** The machines a state holds, by its type: a Parallel's branches, a Map's processor (ItemProcessor, or the older Iterator). */
function nestedMachines(state: StateInfo): [JsonObject, JsonPath, MachineKind][] {
  const { value, path } = state;
  const result: [JsonObject, JsonPath, MachineKind][] = [];
  if (state.type === 'Parallel' && Array.isArray(value.Branches)) {
    value.Branches.forEach((branch, i) => { if (isObject(branch)) result.push([branch, [...path, 'Branches', i], 'branch']); });
  }
  if (state.type === 'Map') {
    if (isObject(value.ItemProcessor)) result.push([value.ItemProcessor, [...path, 'ItemProcessor'], 'itemProcessor']);
    if (isObject(value.Iterator)) result.push([value.Iterator, [...path, 'Iterator'], 'iterator']);
  }
  return result;
}

export function buildStructure(definition: unknown): MachineStructure {
  const root = isObject(definition) ? definition : undefined;
  // The top-level QueryLanguage, JSONPath when absent, is every state's default.
  const queryLanguage = stateQueryLanguage(root?.QueryLanguage, 'JSONPath');
  const structure: MachineStructure = { definition, root, queryLanguage, machines: [], states: [], statesByName: new Map() };
  const visit = (value: JsonObject, path: JsonPath, owner: StateInfo | undefined, kind: MachineKind) => {
    const processorConfig = value.ProcessorConfig;
    const machine: MachineInfo = {
      path, value, owner, kind, states: new Map(),
      distributed: (kind === 'itemProcessor' || kind === 'iterator') && isObject(processorConfig) && processorConfig.Mode === 'DISTRIBUTED',
    };
    structure.machines.push(machine);
    if (owner) owner.children.push(machine);
    if (!isObject(value.States)) return;
    const created: StateInfo[] = [];
    const statesValue = value.States;
    for (const name of Object.keys(statesValue)) {
      const stateValue = statesValue[name];
      const statePath = [...path, 'States', name];
      const stateObject = isObject(stateValue) ? stateValue : {};
      const state: StateInfo = {
        name, path: statePath, machine, value: stateObject,
        type: typeof stateObject.Type === 'string' ? stateObject.Type : undefined,
        queryLanguage: stateQueryLanguage(stateObject.QueryLanguage, queryLanguage),
        transitions: transitionsOf(stateObject, statePath),
        children: [],
      };
      machine.states.set(name, state);
      structure.states.push(state);
      const sameName = structure.statesByName.get(name);
      if (sameName) sameName.push(state); else structure.statesByName.set(name, [state]);
      created.push(state);
    }
    for (const state of created) {
      for (const [machineValue, machinePath, machineKind] of nestedMachines(state)) visit(machineValue, machinePath, state, machineKind);
    }
  };
  if (root) visit(root, [], undefined, 'root');
  return structure;
}

/**
 * The one scope rule for workflow variables: a branch or an inline Map iteration sees the variables
 * of the machine around its Parallel or Map state; a Distributed Map's child workflows see none.
 */
export function inheritsOuterVariables(machine: MachineInfo): boolean {
  return machine.owner !== undefined && !machine.distributed;
}

/** The machines whose assignments are visible inside `machine`: itself, then outward while the scope rule lets them through. */
export function variableScope(machine: MachineInfo): MachineInfo[] {
  const scope = [machine];
  for (let inner = machine; inheritsOuterVariables(inner); inner = inner.owner!.machine) scope.push(inner.owner!.machine);
  return scope;
}

/** A variable a state assigns: in its Assign, or in those of its choice rules and catchers. */
export interface Assignment {
  name: string;
  state: StateInfo;
  /** Path of the key in `Assign` (`name`, or `name.$` in a JSONPath state). */
  path: JsonPath;
}

export function assignmentsOf(state: StateInfo): Assignment[] {
  const result: Assignment[] = [];
  const { value, path } = state;
  if (isObject(value.Assign)) addAssignments(result, state, value.Assign, [...path, 'Assign']);
  for (const field of ['Choices', 'Catch'] as const) {
    const rules = value[field];
    if (!Array.isArray(rules)) continue;
    for (let i = 0; i < rules.length; i++) {
      const rule: unknown = rules[i];
      if (isObject(rule) && isObject(rule.Assign)) addAssignments(result, state, rule.Assign, [...path, field, i, 'Assign']);
    }
  }
  return result;
}

function addAssignments(result: Assignment[], state: StateInfo, assign: JsonObject, path: JsonPath): void {
  for (const key of Object.keys(assign)) {
    const name = state.queryLanguage === 'JSONPath' && key.endsWith('.$') ? key.slice(0, -2) : key;
    result.push({ name, state, path: [...path, key] });
  }
}
