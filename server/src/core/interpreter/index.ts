// The interpreter: compile a definition once, start as many executions as you like. A definition is
// refused as AWS's CreateStateMachine refuses it, by the validator's first error; the compiler reads the
// machine's structure (core/machineStructure) and compiles what the validator has passed.
import type { Execution } from './api';
import type { SteppedStartOptions } from './stepping';
import { DefinitionError } from './errors';
import { pointerToPath, toPointer } from '../jsonPointer';
import type { JsonPath } from '../validation/types';
import { refusesRun, validateStructure, type ValidationOptions } from '../validation';
import { buildStructure, type MachineInfo, type MachineStructure } from '../machineStructure';
import { NESTING_MESSAGE, pathBeyondNesting } from '../apiLimits';
import { ExecutionRuntime } from './engine';
import { CompiledState, CompileScope, Graph } from './state';
import { StateCompiler } from './states/common';
import { compilePass } from './states/pass';
import { compileTask } from './states/task';
import { compileChoice } from './states/choice';
import { compileWait } from './states/wait';
import { compileSucceed } from './states/succeed';
import { compileFail } from './states/fail';
import { compileParallel } from './states/parallel';
import { compileMap } from './states/map';

export * from './api';
export { DefinitionError } from './errors';
export { executionArnOf, statesArn } from './engine';

const COMPILERS: Record<string, StateCompiler> = {
  Pass: compilePass, Task: compileTask, Choice: compileChoice, Wait: compileWait,
  Succeed: compileSucceed, Fail: compileFail, Parallel: compileParallel, Map: compileMap,
};

export interface CompiledStateMachine {
  readonly definition: Record<string, unknown>;
  /** Starts an execution; it runs on its own and reports through `onEvent` and `done` (and to a debugger's hooks). */
  start(options: SteppedStartOptions): Execution;
}

function compileMachine(machine: MachineInfo): Graph {
  const compiled = new Map<string, CompiledState>();
  for (const info of machine.states.values()) {
    const scope: CompileScope = { language: info.queryLanguage, at: toPointer(info.path), state: info, compileGraph: compileMachine };
    const state = COMPILERS[info.type!](info.name, info.value, scope);
    const ends = info.value.End === true || state.type === 'Succeed';
    compiled.set(info.name, { ...state, enteredType: `${state.type}StateEntered`, exitedType: `${state.type}StateExited`, ends });
  }
  return { startAt: machine.value.StartAt as string, states: compiled };
}

/** A compile's answer: the machine, or its errors located by a path into the definition. */
export type CompileResult = { errors: { message: string; path?: JsonPath }[] } | { machine: Pick<CompiledStateMachine, 'start'> };

/**
 * compileStateMachine answering its error instead of throwing it. `validated`: the definition's structure
 * when the caller has validated it without errors (a document's analysis), so it is not validated again.
 */
export function compileDefinition(definition: unknown, validated?: MachineStructure): CompileResult {
  try {
    return { machine: validated ? compiledMachine(validated) : compileStateMachine(definition) };
  } catch (error) {
    if (error instanceof DefinitionError) return { errors: [{ message: error.detail, path: pointerToPath(error.path) }] };
    throw error;
  }
}

/**
 * Compiles a definition (object or JSON text); throws DefinitionError located by a JSON pointer: the
 * validator's first error (its message without the location AWS's wording ends with), else what the
 * interpreter cannot run. `options`: what the validator checks for the workflow type.
 */
export function compileStateMachine(definition: unknown, options: ValidationOptions = {}): CompiledStateMachine {
  let value = definition;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch (error) {
      throw new DefinitionError('', `The definition is not valid JSON: ${(error as Error).message}`);
    }
  }
  // Walking the structure recurses into branches and processors: AWS's nesting limit keeps it within the stack.
  const tooDeep = pathBeyondNesting(value);
  if (tooDeep !== undefined) throw new DefinitionError(tooDeep, NESTING_MESSAGE);
  const structure = buildStructure(value);
  const error = validateStructure(structure, options).find(refusesRun);
  if (error) throw new DefinitionError(toPointer(error.path), error.message.replace(/ at \/\S*$/, ''));
  return compiledMachine(structure);
}

function compiledMachine(structure: MachineStructure): CompiledStateMachine {
  const definition = structure.root!;
  const graph = compileMachine(structure.machines[0]);
  const info = { graph, timeoutSeconds: definition.TimeoutSeconds as number | undefined };
  return {
    definition,
    start: (options) => new ExecutionRuntime(info, options),
  };
}
