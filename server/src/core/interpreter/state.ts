// What every compiled state shares: its name and transition, input/output processing in its
// query language, Assign, Retry and Catch. Each state type's module compiles the rest.
import { compileValuePath, compileTemplate, Template, ValuePath, PathScope } from './payload';
import { compileReferencePath, CompiledPath, MISSING, setAtPath } from './jsonpath';
import { compileJsonataTemplate, isJsonataText, JsonataValue, compileExpression } from './jsonata';
import { DefinitionError, runtimeError, StatesError } from './errors';
import type { StateContext } from './engine';
import type { QueryLanguage } from '../queryLanguage';
import type { MachineInfo, StateInfo } from '../machineStructure';

export type { QueryLanguage };

/** A compiled group of states: the machine itself, a Parallel branch or a Map's ItemProcessor. */
export interface Graph {
  readonly startAt: string;
  readonly states: ReadonlyMap<string, CompiledState>;
}

export interface StateOutcome {
  output: unknown;
  /** The next state; undefined ends the graph. */
  next?: string;
  /** Variables the state assigns (applied when it exits). */
  assigned?: Record<string, unknown>;
}

export interface CompiledState {
  readonly name: string;
  readonly type: string;
  /** `${type}StateEntered` and `${type}StateExited`, made once (added by the machine compiler). */
  readonly enteredType: string;
  readonly exitedType: string;
  readonly language: QueryLanguage;
  readonly retriers: readonly Retrier[];
  readonly catchers: readonly Catcher[];
  /** Whether `$$.State.RetryCount` is part of the context object. */
  readonly retryable: boolean;
  /** A Parallel's branches, an inline Map's processor: the graphs whose events this execution's history records. */
  readonly children?: readonly Graph[];
  /** Whether exiting the state ends its graph (End, or a Succeed state): set by the machine compiler. */
  readonly ends?: boolean;
  /** Runs the state once (one attempt); the engine records Entered/Exited and applies Retry/Catch. Synchronous when it can be. */
  execute(ctx: StateContext, input: unknown): Promise<StateOutcome> | StateOutcome;
}

/** What a state type's module compiles; the machine compiler adds the rest. */
export type StateDefinitionCompiled = Omit<CompiledState, 'enteredType' | 'exitedType' | 'ends'>;

/** Where states compile from: the state in the machine's structure, its location and the language in force. */
export interface CompileScope {
  language: QueryLanguage;
  /** The state's JSON pointer. */
  at: string;
  state: StateInfo;
  /** Compiles a branch or processor of the state. */
  compileGraph(machine: MachineInfo): Graph;
}

/** Compiles with located errors: any exception thrown by `compile` becomes a DefinitionError at `at`. */
export function located<T>(at: string, compile: () => T): T {
  try {
    return compile();
  } catch (error) {
    if (error instanceof DefinitionError) throw error;
    const nested = (error as { at?: string }).at;
    throw new DefinitionError(nested ?? at, error instanceof Error ? error.message : String(error));
  }
}

const json = (value: unknown): string => JSON.stringify(value);

/** `inputDetails`/`outputDetails` of every event: payloads are never truncated here. Shared: events are many. */
export const NOT_TRUNCATED = Object.freeze({ truncated: false });

// ---------------------------------------------------------------- JSONPath processing

/** InputPath/OutputPath: a path (null gives {}); selecting nothing is a runtime error. */
export class SelectPath {
  private readonly path?: ValuePath | null;
  constructor(value: unknown, at: string, field: string) {
    if (value === null) this.path = null;
    else if (value !== undefined) this.path = located(`${at}/${field}`, () => compileValuePath((value as string)));
  }
  apply(scope: PathScope): unknown {
    if (this.path === undefined) return scope.input;
    if (this.path === null) return {};
    const { value, root, path } = this.path.lookup(scope);
    if (value === MISSING) throw runtimeError(`Invalid path '${this.path.text}' : ${path.explainMissing(root)}`);
    return value;
  }
}

/** ResultPath: where the result goes in the state input ('$' replaces it, null discards the result). */
export class ResultPath {
  private readonly path?: CompiledPath | null;
  constructor(value: unknown, at: string) {
    if (value === null) this.path = null;
    else if (value !== undefined) {
      const text = (value as string);
      this.path = located(`${at}/ResultPath`, () => compileReferencePath(text));
    }
  }
  apply(input: unknown, result: unknown): unknown {
    if (this.path === undefined) return result;
    if (this.path === null) return input;
    try {
      return setAtPath(input, this.path.segments, result, this.path.text);
    } catch (error) {
      throw runtimeError((error as Error).message);
    }
  }
}

export function optionalTemplate(value: unknown, at: string, field: string): Template | undefined {
  if (value === undefined) return undefined;
  if (value === null || typeof value !== 'object') {
    // AWS accepts any JSON here; only objects and arrays carry `.$` keys.
    return () => value;
  }
  return located(`${at}/${field}`, () => compileTemplate(value, `${at}/${field}`));
}

// ---------------------------------------------------------------- Assign

/** Assign in either language; evaluated after the state, all values from the same scope. */
export type Assigned = Record<string, unknown> | undefined;
export type Assigner = (ctx: StateContext, jsonpathValue: unknown, jsonataExtras: Record<string, unknown>) => Promise<Assigned> | Assigned;

export function compileAssign(value: unknown, at: string, language: QueryLanguage, field = 'Assign'): Assigner | undefined {
  if (value === undefined) return undefined;
  if (language === 'JSONata') {
    const template = located(`${at}/${field}`, () => compileJsonataTemplate(value, field));
    return (ctx, _value, extras) => template(ctx.jsonataScope(extras)) as Promise<Assigned> | Assigned;
  }
  const template = compileTemplate(value, `${at}/${field}`);
  return (ctx, input) => template(ctx.pathScope(input)) as Record<string, unknown>;
}

// ---------------------------------------------------------------- Retry and Catch

export interface Retrier {
  errorEquals: readonly string[];
  intervalSeconds: number;
  maxAttempts: number;
  backoffRate: number;
  maxDelaySeconds?: number;
  jitter: 'FULL' | 'NONE';
}

export interface Catcher {
  errorEquals: readonly string[];
  next: string;
  /** The state output after the catch, from the raw state input and the error output. */
  output(ctx: StateContext, input: unknown, errorOutput: { Error: string; Cause?: string }): Promise<unknown>;
  assign?: Assigner;
}

/** Does an ErrorEquals list match this error? */
export function matches(errorEquals: readonly string[], error: string): boolean {
  if (error === 'States.Runtime') return false;
  for (const name of errorEquals) {
    if (name === error || name === 'States.ALL') return true;
    // "Any known error except States.Timeout" (a heartbeat timeout is a timeout too).
    if (name === 'States.TaskFailed' && error !== 'States.Timeout' && error !== 'States.HeartbeatTimeout') return true;
    if (name === 'States.Timeout' && error === 'States.HeartbeatTimeout') return true;
  }
  return false;
}

/** The validator has checked Retry (core/validation): its values are read as they are, with AWS's defaults. */
export function compileRetry(value: unknown): Retrier[] {
  if (value === undefined) return [];
  return (value as Record<string, unknown>[]).map((r) => ({
    errorEquals: r.ErrorEquals as string[],
    intervalSeconds: (r.IntervalSeconds as number | undefined) ?? 1,
    maxAttempts: (r.MaxAttempts as number | undefined) ?? 3,
    backoffRate: (r.BackoffRate as number | undefined) ?? 2,
    maxDelaySeconds: r.MaxDelaySeconds as number | undefined,
    jitter: r.JitterStrategy === 'FULL' ? 'FULL' : 'NONE',
  }));
}

export function compileCatch(value: unknown, at: string, language: QueryLanguage): Catcher[] {
  if (value === undefined) return [];
  return (value as Record<string, unknown>[]).map((c, i) => {
    const here = `${at}/Catch/${i}`;
    const next = c.Next as string;
    const errorEquals = c.ErrorEquals as string[];
    const assign = compileAssign(c.Assign, here, language, `Catch[${i}]/Assign`);
    if (language === 'JSONata') {
      const outputTemplate = c.Output === undefined ? undefined : located(`${here}/Output`, () => compileJsonataTemplate(c.Output, `Catch[${i}]/Output`));
      return {
        errorEquals, next, assign,
        async output(ctx, _input, errorOutput) {
          return outputTemplate ? outputTemplate(ctx.jsonataScope({ errorOutput })) : errorOutput;
        },
      };
    }
    const resultPath = new ResultPath(c.ResultPath, here);
    return {
      errorEquals, next, assign,
      async output(_ctx, input, errorOutput) { return resultPath.apply(input, errorOutput); },
    };
  });
}

// ---------------------------------------------------------------- JSONata fields

/** A JSONata field that may be a literal or a `{% %}` expression (TimeoutSeconds, Items, ...). */
export function jsonataField(value: unknown, at: string, field: string): JsonataValue | undefined {
  if (value === undefined) return undefined;
  if (isJsonataText(value)) return located(`${at}/${field}`, () => compileExpression(value, field));
  return located(`${at}/${field}`, () => compileJsonataTemplate(value, field));
}

/** Reads the integer a *Path field refers to (TimeoutSecondsPath, HeartbeatSecondsPath, ...). */
export function readPathNumber(scope: PathScope, path: ValuePath): unknown {
  const { value, root, path: compiled } = path.lookup(scope);
  if (value === MISSING) throw runtimeError(`Invalid path '${path.text}' : ${compiled.explainMissing(root)}`);
  return value;
}

/** Which processing fields a state type has. */
export interface IoFields {
  parameters?: 'Parameters' | 'ItemSelector';
  resultSelector?: boolean;
  resultPath?: boolean;
  arguments?: boolean;
}

/**
 * A state's input and output processing. JSONPath: InputPath -> Parameters -> (work) ->
 * ResultSelector -> ResultPath -> OutputPath, Assign over the result. JSONata: Arguments ->
 * (work) -> Output and Assign over `$states.result`.
 */
export interface Finished { output: unknown; assigned?: Record<string, unknown> }

export class Io {
  private readonly inputPath?: SelectPath;
  private readonly outputPath?: SelectPath;
  private readonly parameters?: Template;
  private readonly resultSelector?: Template;
  private readonly resultPath?: ResultPath;
  private readonly arguments?: JsonataValue;
  private readonly output?: JsonataValue;
  private readonly assign?: Assigner;

  constructor(def: Record<string, unknown>, at: string, readonly language: QueryLanguage, fields: IoFields) {
    this.assign = compileAssign(def.Assign, at, language);
    if (language === 'JSONata') {
      if (fields.arguments && def.Arguments !== undefined) this.arguments = jsonataField(def.Arguments, at, 'Arguments');
      if (def.Output !== undefined) this.output = jsonataField(def.Output, at, 'Output');
      return;
    }
    this.inputPath = new SelectPath(def.InputPath, at, 'InputPath');
    this.outputPath = new SelectPath(def.OutputPath, at, 'OutputPath');
    if (fields.parameters) this.parameters = optionalTemplate(def[fields.parameters], at, fields.parameters);
    if (fields.resultSelector) this.resultSelector = optionalTemplate(def.ResultSelector, at, 'ResultSelector');
    if (fields.resultPath) this.resultPath = new ResultPath(def.ResultPath, at);
  }

  /** JSONPath: the input after InputPath (before Parameters). */
  selectInput(ctx: StateContext, input: unknown): unknown {
    return ctx.effectiveInput = this.inputPath ? this.inputPath.apply(ctx.pathScope(input)) : input;
  }

  /** The effective input: InputPath and Parameters (JSONPath) or Arguments (JSONata). */
  effectiveInput(ctx: StateContext, input: unknown): Promise<unknown> | unknown {
    if (this.language === 'JSONata') {
      if (!this.arguments) return ctx.effectiveInput = input;
      const evaluated = this.arguments(ctx.jsonataScope());
      if (!(evaluated instanceof Promise)) return ctx.effectiveInput = evaluated;
      return ctx.runtime.stepHooks ? evaluated.then((value) => ctx.effectiveInput = value) : evaluated;
    }
    return this.applyParameters(ctx, this.selectInput(ctx, input));
  }

  /** Applies Parameters (or ItemSelector) to an already selected value. */
  applyParameters(ctx: StateContext, selected: unknown): unknown {
    return ctx.effectiveInput = this.parameters ? this.parameters(ctx.pathScope(selected)) : selected;
  }

  /** Applies Parameters (or ItemSelector) in a given scope (a Map item's). */
  applyParametersIn(scope: PathScope): unknown {
    return this.parameters ? this.parameters(scope) : scope.input;
  }

  get hasParameters(): boolean {
    return this.parameters !== undefined;
  }

  /** From the raw result to the state output and assigned variables. */
  finish(ctx: StateContext, input: unknown, raw: unknown): Promise<Finished> | Finished {
    ctx.result = raw;
    return this.language === 'JSONata' ? this.finishJsonata(ctx, raw) : this.finishJsonPath(ctx, input, raw, undefined);
  }

  /** `finish` with the transition added. */
  finishTo(ctx: StateContext, input: unknown, raw: unknown, next: string | undefined): Promise<StateOutcome> | StateOutcome {
    ctx.result = raw;
    if (this.language === 'JSONPath') return this.finishJsonPath(ctx, input, raw, next);
    const finished = this.finishJsonata(ctx, raw);
    return finished instanceof Promise ? finished.then((f) => ({ ...f, next })) : { output: finished.output, assigned: finished.assigned, next };
  }

  /** Assign, then Output; synchronous while their expressions are (JSONata's fast path). */
  private finishJsonata(ctx: StateContext, raw: unknown): Promise<Finished> | Finished {
    const assigned = this.assign ? this.assign(ctx, raw, { result: raw }) : undefined;
    if (assigned instanceof Promise) return assigned.then(async (variables) => ({ output: await this.outputOf(ctx, raw), assigned: variables }));
    const output = this.outputOf(ctx, raw);
    return output instanceof Promise ? output.then((value) => ({ output: value, assigned })) : { output, assigned };
  }

  private outputOf(ctx: StateContext, raw: unknown): Promise<unknown> | unknown {
    return this.output ? this.output(ctx.jsonataScope({ result: raw })) : raw;
  }

  /** The outcome made once, with its transition (the engine takes it as it is). */
  private finishJsonPath(ctx: StateContext, input: unknown, raw: unknown, next: string | undefined): StateOutcome {
    const result = this.resultSelector ? this.resultSelector(ctx.pathScope(raw)) : raw;
    const assigned = this.assign ? (this.assign(ctx, result, {}) as Assigned) : undefined;
    const placed = this.resultPath ? this.resultPath.apply(input, result) : result;
    const output = this.outputPath ? this.outputPath.apply(ctx.pathScope(placed)) : placed;
    return { output, assigned, next };
  }
}

export { json, StatesError };
