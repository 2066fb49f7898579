// Map: runs its ItemProcessor (or legacy Iterator) once per item. Inline iterations record their
// events in this execution's history and read outer variables; Distributed iterations are child
// executions (not in this history, fresh variables) with tolerated failures, ItemReader, ItemBatcher
// and ResultWriter.
import { compileCatch, compileRetry, Graph, Io, jsonataField, located, readPathNumber, StatesError } from '../state';
import { compileTemplate, compileValuePath, PathScope, Template, ValuePath } from '../payload';
import { JsonataValue, compileJsonataTemplate, unexpectedType } from '../jsonata';
import { AbortedError, FieldError, queryError, runtimeError } from '../errors';
import { MISSING } from '../jsonpath';
import { runChildGraph, runGraph, StateContext, Frame } from '../engine';
import { Cancellation } from '../cancellation';
import { Variables } from '../variables';
import { compileTransition, StateCompiler } from './common';
import type { NestedResume } from '../redrive';
import { ChildRuns, compileItemReader, ItemReader, compileResultWriter, ResultWriter } from './itemReader';

/** How many inline iterations AWS runs at once when MaxConcurrency is 0 or absent. */
const INLINE_CONCURRENCY = 40;
const DISTRIBUTED_CONCURRENCY = 10_000;

/** The state types whose runs never wait on the clock or on a Task's answer (a Parallel's or Map's, when their branches never do). */
const NEVER_WAITING = new Set(['Pass', 'Choice', 'Succeed', 'Fail', 'Parallel', 'Map']);

/**
 * Whether a graph's runs never wait: no Wait, Task or Retry, no Distributed Map, in it nor in its branches and
 * inline iterations. Child executions of such a graph only interleave in microtasks, so running them one after
 * another shows the same (their events stay out of the history); and each child's objects die young, where
 * 10,000 children at once kept each other's alive: a 1,000,000-item Distributed Map peaked at 414 MiB.
 */
function neverWaits(graph: Graph): boolean {
  for (const state of graph.states.values()) {
    if (!NEVER_WAITING.has(state.type) || state.retriers.length) return false;
    if ((state.type === 'Parallel' || state.type === 'Map') && !state.children?.every(neverWaits)) return false;
  }
  return true;
}

type NumberSource = (ctx: StateContext, selected: unknown) => Promise<number | undefined> | number | undefined;

/** A numeric Map field: literal, `*Path` (JSONPath) or expression (JSONata), with AWS's checks. */
function compileNumber(
  def: Record<string, unknown>, at: string, language: string, field: string, kind: 'integer' | 'float',
): NumberSource {
  const literal = def[field];
  const pathText = def[`${field}Path`];
  if (language === 'JSONata' && typeof literal === 'string') {
    const value = jsonataField(literal, at, field)!;
    return async (ctx) => {
      const result = await value(ctx.jsonataScope());
      if (typeof result !== 'number' || (kind === 'integer' && !Number.isInteger(result))) throw unexpectedType(literal, field, kind, result);
      return result;
    };
  }
  if (literal !== undefined) return () => literal as number;
  if (pathText !== undefined) {
    const path: ValuePath = located(`${at}/${field}Path`, () => compileValuePath(pathText as string));
    return (ctx, selected) => {
      const raw = readPathNumber(ctx.pathScope(selected), path);
      // AWS parses the referenced value as Java does: numbers, or strings that read as numbers.
      const value = typeof raw === 'string' && (kind === 'integer' ? /^[+-]?\d+$/ : /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/).test(raw.trim()) ? Number(raw) : raw;
      const valid = kind === 'integer' ? typeof value === 'number' && Number.isInteger(value) : typeof value === 'number';
      if (!valid) {
        const shown = typeof raw === 'string' ? raw : JSON.stringify(raw);
        throw runtimeError(`The ${field}Path field refers to value "${shown}" which is not a valid ${kind}: ${path.text}`);
      }
      return value as number;
    };
  }
  return () => undefined;
}

/** ItemBatcher's BatchInput: a payload template (JSONPath) or JSONata, evaluated over the Map's input. */
function compileBatchInput(value: unknown, at: string, language: string): (ctx: StateContext, selected: unknown) => unknown {
  if (language === 'JSONata') {
    const expression = located(at, () => compileJsonataTemplate(value, 'BatchInput'));
    return (ctx) => expression(ctx.jsonataScope());
  }
  const template: Template = compileTemplate(value, at);
  return (ctx, selected) => template(ctx.pathScope(selected));
}

export const compileMap: StateCompiler = (name, def, scope) => {
  const at = scope.at;
  const language = scope.language;
  const { next } = compileTransition(def);
  // ItemProcessor, or the older Iterator.
  const processor = scope.state.children[0];
  const distributed = processor.distributed;
  const graph: Graph = scope.compileGraph(processor);
  const childrenNeverWait = distributed && neverWaits(graph);
  const io = new Io(def, at, language, {
    parameters: def.ItemSelector !== undefined ? 'ItemSelector' : 'Parameters', resultSelector: true, resultPath: true,
  });
  const maxConcurrency = compileNumber(def, at, language, 'MaxConcurrency', 'integer');
  const toleratedCount = compileNumber(def, at, language, 'ToleratedFailureCount', 'integer');
  const toleratedPercentage = compileNumber(def, at, language, 'ToleratedFailurePercentage', 'float');
  const readerConfig = ((def.ItemReader as Record<string, unknown> | undefined)?.ReaderConfig ?? {}) as Record<string, unknown>;
  const itemReader: ItemReader | undefined = def.ItemReader !== undefined
    ? compileItemReader(def.ItemReader, `${at}/ItemReader`, language, compileNumber(readerConfig, `${at}/ItemReader/ReaderConfig`, language, 'MaxItems', 'integer'))
    : undefined;
  const resultWriter: ResultWriter | undefined = def.ResultWriter !== undefined ? compileResultWriter(def.ResultWriter, `${at}/ResultWriter`, language) : undefined;
  const batcher = def.ItemBatcher as Record<string, unknown> | undefined;
  const label = def.Label as string | undefined;
  const batcherAt = `${at}/ItemBatcher`;
  const maxItemsPerBatch = compileNumber(batcher ?? {}, batcherAt, language, 'MaxItemsPerBatch', 'integer');
  const maxBytesPerBatch = compileNumber(batcher ?? {}, batcherAt, language, 'MaxInputBytesPerBatch', 'integer');
  const batchInput = batcher?.BatchInput === undefined ? undefined : compileBatchInput(batcher.BatchInput, `${batcherAt}/BatchInput`, language);

  // Items: ItemsPath (JSONPath) or Items (JSONata); ItemSelector per item.
  const itemsPath = language === 'JSONPath' && def.ItemsPath !== undefined
    ? located(`${at}/ItemsPath`, () => compileValuePath((def.ItemsPath as string))) : undefined;
  const itemsExpression: JsonataValue | undefined = language === 'JSONata' && def.Items !== undefined ? jsonataField(def.Items, at, 'Items') : undefined;
  const jsonataSelector: JsonataValue | undefined = language === 'JSONata' && def.ItemSelector !== undefined
    ? located(`${at}/ItemSelector`, () => compileJsonataTemplate(def.ItemSelector, 'ItemSelector')) : undefined;
  /** Without ItemSelector (or Parameters) each iteration's input is its item as it is. */
  const hasItemSelector = language === 'JSONata' ? jsonataSelector !== undefined : io.hasParameters;

  async function readItems(ctx: StateContext, input: unknown, selected: unknown): Promise<unknown[]> {
    if (itemReader) return itemReader.read(ctx, selected);
    if (language === 'JSONata') {
      if (itemsExpression) {
        const items = await itemsExpression(ctx.jsonataScope());
        if (!Array.isArray(items)) throw unexpectedType(def.Items, 'Items', 'array', items);
        return items;
      }
      if (!Array.isArray(input)) throw queryError(`Map state input must be an array but was: ${JSON.stringify(input)}`);
      return input;
    }
    let items: unknown = selected;
    if (itemsPath) {
      const { value, root, path } = itemsPath.lookup(ctx.pathScope(selected));
      if (value === MISSING) throw runtimeError(`Invalid path '${itemsPath.text}' : ${path.explainMissing(root)}`);
      items = value;
    }
    if (!Array.isArray(items)) throw runtimeError(`Map state input must be an array but was: ${JSON.stringify(items)}`);
    return items;
  }

  /** The input of one iteration: ItemSelector/Parameters over the Map's input with `$$.Map.Item`. */
  async function itemInput(ctx: StateContext, selected: unknown, value: unknown, index: number): Promise<unknown> {
    const item = { Index: index, Value: value };
    if (language === 'JSONata') {
      if (!jsonataSelector) return value;
      const scopeWithItem = ctx.jsonataScope();
      (scopeWithItem.states.context as Record<string, unknown>).Map = { Item: item };
      return jsonataSelector(scopeWithItem);
    }
    if (!io.hasParameters) return value;
    const withItem: PathScope = {
      input: selected,
      context: () => ({ ...ctx.contextObject(), Map: { Item: item } }),
      variable: (variableName) => ctx.frame.variables.get(variableName),
    };
    return io.applyParametersIn(withItem);
  }

  /**
   * Groups the items into batches of at most MaxItemsPerBatch items and MaxInputBytesPerBatch bytes (the
   * batch's JSON, BatchInput included), each `{ Items, BatchInput? }`: one child execution per batch.
   */
  async function batches(items: unknown[], ctx: StateContext, selected: unknown): Promise<unknown[]> {
    if (!batcher) return items;
    const maxItems = (await maxItemsPerBatch(ctx, selected)) || Infinity;
    const maxBytes = (await maxBytesPerBatch(ctx, selected)) || Infinity;
    const extra = batchInput ? await batchInput(ctx, selected) : undefined;
    const batchOf = (batchItems: unknown[]) => (extra === undefined ? { Items: batchItems } : { Items: batchItems, BatchInput: extra });
    // A batch's JSON size is its empty shape's plus each item's and a comma between two: counted as items are added.
    const emptySize = Buffer.byteLength(JSON.stringify(batchOf([])));
    const out: unknown[] = [];
    let current: unknown[] = [];
    let size = emptySize;
    for (const item of items) {
      const itemSize = Buffer.byteLength(JSON.stringify(item) ?? 'null');
      const grown = size + itemSize + (current.length > 0 ? 1 : 0);
      if (current.length > 0 && (current.length >= maxItems || grown > maxBytes)) {
        out.push(batchOf(current));
        current = [item];
        size = emptySize + itemSize;
      } else {
        current.push(item);
        size = grown;
      }
    }
    if (current.length) out.push(batchOf(current));
    return out;
  }

  return {
    name, type: 'Map', language, retriers: compileRetry(def.Retry), catchers: compileCatch(def.Catch, at, language), retryable: true,
    // A Distributed Map's iterations are child executions, outside this history.
    children: distributed ? undefined : [graph],
    async execute(ctx, input) {
      // A redrive runs again only the iterations that did not succeed (RedriveExecution, API reference).
      const redrive = ctx.frame.takeRedrive(name);
      const selected = language === 'JSONata' ? input : io.selectInput(ctx, input);
      const limit = await evaluating(ctx, async () => {
        const limit = (await maxConcurrency(ctx, selected)) || (distributed ? DISTRIBUTED_CONCURRENCY : INLINE_CONCURRENCY);
        if (limit < 0) throw outOfRange('MaxConcurrency cannot be negative.', 'MaxConcurrency');
        // A debugger shows each running child as a thread: there, they run as many at once as AWS runs.
        return distributed && childrenNeverWait && !ctx.runtime.stepHooks ? 1 : limit;
      });
      const items = await evaluating(ctx, () => readItems(ctx, input, selected));
      const started = ctx.record('MapStateStarted', { mapStateStartedEventDetails: { length: items.length } });
      const tolerance = distributed ? await evaluating(ctx, () => readTolerance(ctx, selected)) : undefined;
      // ItemSelector shapes each item; an ItemBatcher then groups them (one iteration per batch).
      const selectedItems: unknown[] = hasItemSelector ? [] : items;
      if (hasItemSelector) for (let i = 0; i < items.length; i++) selectedItems.push(await itemInput(ctx, selected, items[i], i));
      const inputs = distributed ? await evaluating(ctx, () => batches(selectedItems, ctx, selected)) : selectedItems;
      const runs = distributed
        ? await runDistributed(ctx, inputs, limit, tolerance!)
        : await runInline(ctx, inputs, items, limit, started, redrive);
      const output = resultWriter ? await resultWriter.write(ctx, runs) : runs.results;
      ctx.frame.recordAside('MapStateSucceeded');
      return { ...(await io.finish(ctx, input, output)), next };
    },
  };

  async function readTolerance(ctx: StateContext, selected: unknown): Promise<{ count?: number; percentage?: number }> {
    const count = await toleratedCount(ctx, selected);
    const percentage = await toleratedPercentage(ctx, selected);
    if (count !== undefined && count < 0) throw outOfRange('ToleratedFailureCount cannot be negative.', 'ToleratedFailureCount');
    if (percentage !== undefined && (percentage < 0 || percentage > 100)) {
      throw outOfRange('ToleratedFailurePercentage must be between 0 and 100.', 'ToleratedFailurePercentage');
    }
    return { count, percentage };
  }

  /**
   * A field's value out of its range. In a JSONata state the field's expression failed: States.QueryEvaluationError,
   * as AWS reports a JSONata Items that is no array (corpus: test_map_state_items_input_types_*); in JSONPath, States.Runtime.
   */
  function outOfRange(detail: string, field: string): FieldError {
    return language === 'JSONata' ? queryError(detail, field) : runtimeError(detail);
  }

  /** Evaluates fields of the state; a JSONata failure is recorded as an EvaluationFailed event before it fails the state, as AWS does. */
  async function evaluating<T>(ctx: StateContext, evaluation: () => Promise<T>): Promise<T> {
    try {
      return await evaluation();
    } catch (error) {
      if (error instanceof FieldError && error.error === 'States.QueryEvaluationError') {
        const failure = ctx.failure(error);
        failure.evaluationRecorded = true;
        ctx.followEnteredsPredecessor();
        ctx.record('EvaluationFailed', { evaluationFailedEventDetails: { error: failure.error, cause: failure.cause, ...(failure.location ? { location: failure.location } : {}), state: name } });
        throw failure;
      }
      throw error;
    }
  }

  async function runInline(ctx: StateContext, inputs: unknown[], values: unknown[], limit: number, started: number, redrive?: NestedResume): Promise<ChildRuns> {
    const stop = new Cancellation(ctx.frame.cancellation);
    const results = new Array<unknown>(inputs.length);
    const pending: number[] = [];
    for (let index = 0; index < inputs.length; index++) {
      if (redrive?.succeeded.has(index)) results[index] = redrive.succeeded.get(index);
      else pending.push(index);
    }
    let failure: unknown;
    let nextPending = 0;
    // As AWS records it: an iteration starts after the last state event of the one before (not after its
    // MapIterationSucceeded), the state goes on after the last MapIterationSucceeded, or after the state
    // event before a MapIterationFailed.
    let lastEventId = started;
    let lastIterationEventId = started;
    const worker = async () => {
      while (nextPending < pending.length && !stop.cancelled) {
        const index = pending[nextPending++];
        const frame = ctx.frame.child(lastEventId, stop, new Variables(ctx.frame.variables), { kind: 'iteration', state: name, index, parent: ctx.frame }, { Index: index, Value: values[index] });
        frame.recordIterationEvent(false, name, index);
        try {
          results[index] = await runChildGraph(graph, frame, inputs[index], redrive?.resumed.get(index));
          lastEventId = Math.max(lastEventId, frame.lastEventId);
          frame.recordIterationEvent(true, name, index);
          lastIterationEventId = Math.max(lastIterationEventId, frame.lastEventId);
        } catch (error) {
          lastEventId = lastIterationEventId = Math.max(lastEventId, lastIterationEventId, frame.lastEventId);
          if (error instanceof AbortedError || stop.cancelled) {
            frame.recordAlways('MapIterationAborted', { mapIterationAbortedEventDetails: { name, index } });
          } else {
            failure = error;
            frame.recordAlways('MapIterationFailed', { mapIterationFailedEventDetails: { name, index } });
            stop.cancel();
          }
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(limit, pending.length) }, worker));
    stop.dispose();
    ctx.frame.lastEventId = Math.max(ctx.frame.lastEventId, lastIterationEventId);
    if (ctx.frame.cancellation.cancelled) throw new AbortedError();
    if (failure !== undefined) throw failure;
    return { mapRunArn: '', inputs, results, failed: new Set() };
  }

  async function runDistributed(ctx: StateContext, inputs: unknown[], limit: number, tolerance: { count?: number; percentage?: number }): Promise<ChildRuns> {
    // AWS names a Map Run after the state's Label when it has one.
    const mapRunArn = `${ctx.runtime.stateMachineArn.replace(':stateMachine:', ':mapRun:')}/${label ?? name}:${ctx.runtime.name}`;
    ctx.record('MapRunStarted', { mapRunStartedEventDetails: { mapRunArn } });
    const results = new Array<unknown>(inputs.length);
    const failures = new Set<number>();
    let lastFailure: StatesError | undefined;
    let nextIndex = 0;
    const worker = async () => {
      while (nextIndex < inputs.length) {
        const index = nextIndex++;
        // A child execution: its events stay out of this history and it sees no outer variables.
        const frame = new Frame(ctx.runtime, 0, ctx.frame.cancellation, new Variables(), { Index: index, Value: inputs[index] }, true, true, { kind: 'iteration', state: name, index, parent: ctx.frame });
        try {
          results[index] = await runGraph(graph, frame, inputs[index]);
        } catch (error) {
          if (error instanceof AbortedError) throw error;
          failures.add(index);
          lastFailure = error instanceof StatesError ? error : new StatesError('States.Runtime', String(error));
          results[index] = { Error: lastFailure.error, Cause: lastFailure.cause };
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(limit, inputs.length) }, worker));
    const allowedCount = tolerance.count ?? 0;
    const allowedPercentage = tolerance.percentage ?? 0;
    const failed = failures.size;
    const tooMany = failed > 0 && failed > allowedCount && (failed / inputs.length) * 100 > allowedPercentage;
    if (tooMany) {
      const failure = new StatesError('States.ExceedToleratedFailureThreshold', 'The specified tolerated failure threshold was exceeded');
      ctx.record('MapRunFailed', { mapRunFailedEventDetails: { error: failure.error, cause: failure.cause } });
      throw failure;
    }
    ctx.record('MapRunSucceeded');
    return { mapRunArn, inputs, results, failed: failures };
  }
};

