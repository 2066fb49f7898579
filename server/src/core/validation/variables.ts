// Workflow variables: every read must follow an Assign that can have run before it (along the
// transitions of its machine, or before the Parallel/Map state that holds it; a Distributed
// Map's child workflows see no outer variable), assignments nobody reads, reserved names.
// A read nothing assigns is a warning, not an error: AWS accepts such definitions (the read
// yields nothing at run time, which `$exists($x)` may even intend).
import { DiagnosticCode } from './codes';
import type { ValidationContext, VariableRead } from './context';
import type { MachineInfo, StateInfo } from './definitionIndex';
import { assignmentsOf, inheritsOuterVariables } from '../machineStructure';
import { closestMatch } from './suggest';

const RESERVED = new Set(['states']);
/**
 * The developer guide: a Unicode ID_Start character, then ID_Continue characters, at most 80 of them.
 * A leading underscore is let through: refusing a name AWS accepts would be worse than missing one it refuses.
 * Made on first use: its Unicode property classes cost half a millisecond, in every process that validates.
 */
let variableName: RegExp | undefined;
const MAX_VARIABLE_NAME_LENGTH = 80;

/**
 * The variables that may hold a value when each state is entered: a forward data-flow over
 * each machine's transitions, seeded at StartAt with what is visible where its owner is entered.
 */
function computeAvailable(machines: MachineInfo[], assigned: Map<StateInfo, Set<string>>): Map<StateInfo, Set<string>> {
  const available = new Map<StateInfo, Set<string>>();
  for (const machine of machines) {
    const startAt = machine.value.StartAt;
    const start = typeof startAt === 'string' ? machine.states.get(startAt) : undefined;
    if (!start) continue;
    const inherits = inheritsOuterVariables(machine);
    const inherited = inherits ? available.get(machine.owner!) : undefined;
    if (inherits && !inherited) continue; // the owner is unreachable
    available.set(start, new Set(inherited));
    const queue = [start];
    while (queue.length > 0) {
      const state = queue.pop()!;
      // What the state assigns adds to what entered it (read only below: without assignments, the same set).
      const entering = available.get(state)!;
      const assignedHere = assigned.get(state);
      const leaving = assignedHere ? new Set(entering) : entering;
      if (assignedHere) for (const name of assignedHere) leaving.add(name);
      for (const { target } of state.transitions) {
        const next = machine.states.get(target);
        if (!next) continue;
        const current = available.get(next);
        if (!current) {
          available.set(next, new Set(leaving));
          queue.push(next);
        } else {
          const before = current.size;
          for (const name of leaving) current.add(name);
          if (current.size > before) queue.push(next);
        }
      }
    }
  }
  return available;
}

export function checkVariables(context: ValidationContext): void {
  const { index, variableReads } = context;
  const assignments = index.states.flatMap(assignmentsOf);
  const assigned = new Map<StateInfo, Set<string>>();
  for (const assignment of assignments) {
    const names = assigned.get(assignment.state);
    if (names) names.add(assignment.name); else assigned.set(assignment.state, new Set([assignment.name]));
    if (RESERVED.has(assignment.name)) {
      context.error(assignment.path, `The variable name '${assignment.name}' is reserved`, { aws: 'SCHEMA_VALIDATION_FAILED', part: 'key' });
    } else if (!(variableName ??= /^[\p{ID_Start}_][\p{ID_Continue}]*$/u).test(assignment.name) || [...assignment.name].length > MAX_VARIABLE_NAME_LENGTH) {
      context.error(assignment.path, `The variable name '${assignment.name}' is not valid: it must start with a letter and continue with letters, digits or underscores, at most ${MAX_VARIABLE_NAME_LENGTH} characters`, { aws: 'SCHEMA_VALIDATION_FAILED', part: 'key' });
    }
  }
  if (assignments.length === 0 && variableReads.length === 0) return;
  // Machines are listed outermost first, so an owner's set is known before its children's.
  const available = computeAvailable(index.machines, assigned);
  const allNames = new Set(assignments.map(({ name }) => name));
  const read = new Set<string>();
  for (const variableRead of variableReads) {
    read.add(variableRead.name);
    const visible = available.get(variableRead.state);
    if (visible && !visible.has(variableRead.name)) reportUndefined(context, variableRead, allNames);
  }
  for (const assignment of assignments) {
    if (!read.has(assignment.name) && !RESERVED.has(assignment.name)) {
      context.warning(assignment.path, `Variable '$${assignment.name}' is assigned but never read`, {
        part: 'key', code: DiagnosticCode.unusedVariable, data: { variable: assignment.name },
      });
    }
  }
}

function reportUndefined(context: ValidationContext, read: VariableRead, allNames: Set<string>): void {
  const { name, state } = read;
  const suggestion = allNames.has(name) ? undefined : closestMatch(name, allNames);
  const reason = allNames.has(name)
    ? `no state that can run before '${state.name}' in its scope assigns it`
    : 'no state assigns it';
  context.warning(read.path, `Variable '$${name}' is read, but ${reason}${suggestion ? ` (did you mean '$${suggestion}'?)` : ''}`, {
    offset: read.offset, length: read.length, code: DiagnosticCode.undefinedVariable,
    data: { variable: name, ...(suggestion ? { suggestion } : {}) },
  });
}
