// The interpreter: compile a definition once, start as many executions as you like.
import type { Execution } from './api';
import type { SteppedStartOptions } from './stepping';
import { DefinitionError } from './errors';
import { escapePointerSegment, pointerToPath } from '../jsonPointer';
import type { JsonPath } from '../validation/types';
import { stateQueryLanguage } from '../queryLanguage';
import { NESTING_MESSAGE, pathBeyondNesting } from '../apiLimits';
import { ExecutionRuntime } from './engine';
import { CompiledState, CompileScope, fail, Graph, QueryLanguage } from './state';
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
export { executionArnOf } from './engine';

const COMPILERS: Record<string, StateCompiler> = {
  Pass: compilePass, Task: compileTask, Choice: compileChoice, Wait: compileWait,
  Succeed: compileSucceed, Fail: compileFail, Parallel: compileParallel, Map: compileMap,
};

export interface CompiledStateMachine {
  readonly definition: Record<string, unknown>;
  /** Starts an execution; it runs on its own and reports through `onEvent` and `done` (and to a debugger's hooks). */
  start(options: SteppedStartOptions): Execution;
}

function language(value: unknown, at: string, topLevel: QueryLanguage): QueryLanguage {
  if (value !== undefined && value !== 'JSONPath' && value !== 'JSONata') fail(`${at}/QueryLanguage`, "QueryLanguage must be 'JSONPath' or 'JSONata'");
  return stateQueryLanguage(value, topLevel);
}

function compileGraph(definition: Record<string, unknown>, at: string, machineLanguage: QueryLanguage): Graph {
  if (definition === null || typeof definition !== 'object' || Array.isArray(definition)) fail(at, 'Expected an object with StartAt and States');
  const states = definition.States as Record<string, Record<string, unknown>>;
  if (states === null || typeof states !== 'object' || Array.isArray(states)) fail(`${at}/States`, "The field 'States' must be an object");
  const startAt = definition.StartAt;
  if (typeof startAt !== 'string') fail(`${at}/StartAt`, "The field 'StartAt' must be a string");
  if (!Object.prototype.hasOwnProperty.call(states, startAt)) fail(`${at}/StartAt`, `StartAt '${startAt}' is not a state`);
  const compiled = new Map<string, CompiledState>();
  for (const [name, def] of Object.entries(states)) {
    const here = `${at}/States/${escapePointerSegment(name)}`;
    if (def === null || typeof def !== 'object' || Array.isArray(def)) fail(here, 'A state must be an object');
    const compiler = COMPILERS[def.Type as string];
    if (!compiler) fail(`${here}/Type`, `Unknown state type '${String(def.Type)}'`);
    const stateLanguage = language(def.QueryLanguage, here, machineLanguage);
    if (machineLanguage === 'JSONata' && stateLanguage === 'JSONPath') {
      fail(`${here}/QueryLanguage`, "A state cannot use JSONPath when its state machine's QueryLanguage is JSONata");
    }
    const scope: CompileScope = {
      language: stateLanguage, at: here,
      compileGraph: (graph, graphAt) => compileGraph(graph, graphAt, machineLanguage),
    };
    const state = compiler(name, def, scope);
    compiled.set(name, { ...state, enteredType: `${state.type}StateEntered`, exitedType: `${state.type}StateExited` });
  }
  for (const [name, def] of Object.entries(states)) {
    const here = `${at}/States/${escapePointerSegment(name)}`;
    const targets: [string, unknown][] = [['Next', def.Next], ['Default', def.Default]];
    (Array.isArray(def.Choices) ? def.Choices : []).forEach((c: Record<string, unknown>, i: number) => targets.push([`Choices/${i}/Next`, c?.Next]));
    (Array.isArray(def.Catch) ? def.Catch : []).forEach((c: Record<string, unknown>, i: number) => targets.push([`Catch/${i}/Next`, c?.Next]));
    for (const [field, target] of targets) {
      if (typeof target === 'string' && !Object.prototype.hasOwnProperty.call(states, target)) {
        fail(`${here}/${field}`, `Missing 'Next' target: ${target}`);
      }
    }
  }
  return { startAt, states: compiled };
}

/** A compile's answer: the machine, or its errors located by a path into the definition. */
export type CompileResult = { errors: { message: string; path?: JsonPath }[] } | { machine: Pick<CompiledStateMachine, 'start'> };

/** compileStateMachine answering its error instead of throwing it. */
export function compileDefinition(definition: unknown): CompileResult {
  try {
    return { machine: compileStateMachine(definition) };
  } catch (error) {
    if (error instanceof DefinitionError) return { errors: [{ message: error.detail, path: pointerToPath(error.path) }] };
    throw error;
  }
}

/** Compiles a definition (object or JSON text); throws DefinitionError located by a JSON pointer. */
export function compileStateMachine(definition: unknown): CompiledStateMachine {
  let value = definition;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch (error) {
      throw new DefinitionError('', `The definition is not valid JSON: ${(error as Error).message}`);
    }
  }
  const def = value as Record<string, unknown>;
  if (def === null || typeof def !== 'object' || Array.isArray(def)) throw new DefinitionError('', 'The definition must be a JSON object');
  // Compiling recurses into branches, processors and payload templates: AWS's nesting limit keeps it within the stack.
  const tooDeep = pathBeyondNesting(def);
  if (tooDeep !== undefined) throw new DefinitionError(tooDeep, NESTING_MESSAGE);
  const top = language(def.QueryLanguage, '', 'JSONPath');
  const graph = compileGraph(def, '', top);
  let timeoutSeconds: number | undefined;
  if (def.TimeoutSeconds !== undefined) {
    if (typeof def.TimeoutSeconds !== 'number' || !Number.isInteger(def.TimeoutSeconds) || def.TimeoutSeconds <= 0) {
      fail('/TimeoutSeconds', 'TimeoutSeconds must be a positive integer');
    }
    timeoutSeconds = def.TimeoutSeconds;
  }
  return {
    definition: def,
    start: (options) => new ExecutionRuntime({ graph, timeoutSeconds }, options),
  };
}
