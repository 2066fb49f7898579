// Parallel: runs every branch on the same input at once; the output is the array of branch outputs.
// One failing branch stops the others and fails the state with that branch's error.
import { compileCatch, compileRetry, Graph, Io, type StateOutcome } from '../state';
import { AbortedError } from '../errors';
import { runChildGraph, type Frame, type StateContext } from '../engine';
import { Cancellation } from '../cancellation';
import { Variables } from '../variables';
import type { NestedResume } from '../redrive';
import { compileTransition, StateCompiler } from './common';

/** The branches of one run of the state: the first failure stops the others. */
interface BranchRun { started: number; stop: Cancellation; failure?: unknown }

export const compileParallel: StateCompiler = (name, def, scope) => {
  const at = scope.at;
  const { next } = compileTransition(def);
  const branches: Graph[] = scope.state.children.map(scope.compileGraph);
  const io = new Io(def, at, scope.language, { parameters: 'Parameters', resultSelector: true, resultPath: true, arguments: true });

  /**
   * Starts every branch in its own frame, in order, each on from where a redrive resumes it: their outputs, or
   * promises of them. `awaitEach`: every branch is awaited, as in a branch or an iteration, whose siblings see the
   * order of its steps; else a branch that ended at once needs no promise (the execution's only line of control).
   */
  function startBranches(ctx: StateContext, run: BranchRun, input: unknown, redrive: NestedResume | undefined, awaitEach: boolean): unknown[] {
    return branches.map((graph, index) => {
      if (redrive?.succeeded.has(index)) return redrive.succeeded.get(index);
      const frame = ctx.frame.child(run.started, run.stop, new Variables(ctx.frame.variables), { kind: 'branch', state: name, index, parent: ctx.frame });
      const output = runChildGraph(graph, frame, input, redrive?.resumed.get(index));
      if (awaitEach || output instanceof Promise) return branchEnd(ctx, run, frame, output);
      ctx.frame.lastEventId = Math.max(ctx.frame.lastEventId, frame.lastEventId);
      return output;
    });
  }

  /** A started branch's end: its failure stops the others; the state goes on after its last event. */
  async function branchEnd(ctx: StateContext, run: BranchRun, frame: Frame, output: unknown): Promise<unknown> {
    try {
      return await output;
    } catch (error) {
      if (!(error instanceof AbortedError) && run.failure === undefined) {
        run.failure = error;
        run.stop.cancel();
      }
      throw error;
    } finally {
      ctx.frame.lastEventId = Math.max(ctx.frame.lastEventId, frame.lastEventId);
    }
  }

  function startRun(ctx: StateContext): BranchRun {
    return { started: ctx.record('ParallelStateStarted'), stop: new Cancellation(ctx.frame.cancellation) };
  }

  /** After every branch: the state fails with the first failure, or records its success. */
  function ended(ctx: StateContext, run: BranchRun): void {
    run.stop.dispose();
    if (ctx.frame.cancellation.cancelled) throw new AbortedError();
    if (run.failure !== undefined) throw run.failure;
    // AWS records it; the corpus's Parallel recordings lost it to LocalStack's event sorting, whose
    // recorded ids skip its id (test/conformance/decisions.md).
    ctx.frame.recordAside('ParallelStateSucceeded');
  }

  /** The branches awaited: started here once the effective input is (nested), or already (`started`). */
  async function awaitBranches(
    ctx: StateContext, input: unknown, evaluated: unknown, redrive: NestedResume | undefined, started?: { run: BranchRun; outputs: unknown[] },
  ): Promise<StateOutcome> {
    let run: BranchRun;
    let outputs: unknown[];
    if (started) ({ run, outputs } = started);
    else {
      const effective = await evaluated;
      run = startRun(ctx);
      outputs = startBranches(ctx, run, effective, redrive, true);
    }
    const settled = await Promise.allSettled(outputs);
    ended(ctx, run);
    const results = settled.map((s) => (s as PromiseFulfilledResult<unknown>).value);
    return { ...(await io.finish(ctx, input, results)), next };
  }

  return {
    name, type: 'Parallel', language: scope.language, retriers: compileRetry(def.Retry), catchers: compileCatch(def.Catch, at, scope.language), retryable: true,
    children: branches,
    execute(ctx, input) {
      // A redrive runs again only the branches that did not succeed (RedriveExecution, API reference).
      const redrive = ctx.frame.takeRedrive(name);
      const effective = io.effectiveInput(ctx, input);
      if (ctx.frame.nested || effective instanceof Promise) return awaitBranches(ctx, input, effective, redrive);
      const run = startRun(ctx);
      const outputs = startBranches(ctx, run, effective, redrive, false);
      if (outputs.some((output) => output instanceof Promise)) return awaitBranches(ctx, input, effective, redrive, { run, outputs });
      ended(ctx, run);
      return io.finishTo(ctx, input, outputs, next);
    },
  };
};
