// Parallel: runs every branch on the same input at once; the output is the array of branch outputs.
// One failing branch stops the others and fails the state with that branch's error.
import { compileCatch, compileRetry, Graph, Io } from '../state';
import { AbortedError } from '../errors';
import { runChildGraph } from '../engine';
import { Cancellation } from '../cancellation';
import { Variables } from '../variables';
import { compileTransition, StateCompiler } from './common';

export const compileParallel: StateCompiler = (name, def, scope) => {
  const at = scope.at;
  const { next } = compileTransition(def);
  const branches: Graph[] = scope.state.children.map(scope.compileGraph);
  const io = new Io(def, at, scope.language, { parameters: 'Parameters', resultSelector: true, resultPath: true, arguments: true });
  return {
    name, type: 'Parallel', language: scope.language, retriers: compileRetry(def.Retry), catchers: compileCatch(def.Catch, at, scope.language), retryable: true,
    children: branches,
    async execute(ctx, input) {
      // A redrive runs again only the branches that did not succeed (RedriveExecution, API reference).
      const redrive = ctx.frame.takeRedrive(name);
      const effective = await io.effectiveInput(ctx, input);
      const started = ctx.record('ParallelStateStarted');
      const stop = new Cancellation(ctx.frame.cancellation);
      let failure: unknown;
      const settled = await Promise.allSettled(branches.map(async (graph, index) => {
        if (redrive?.succeeded.has(index)) return redrive.succeeded.get(index);
        const frame = ctx.frame.child(started, stop, new Variables(ctx.frame.variables), { kind: 'branch', state: name, index, parent: ctx.frame });
        try {
          return await runChildGraph(graph, frame, effective, redrive?.resumed.get(index));
        } catch (error) {
          if (!(error instanceof AbortedError) && failure === undefined) {
            failure = error;
            stop.cancel();
          }
          throw error;
        } finally {
          ctx.frame.lastEventId = Math.max(ctx.frame.lastEventId, frame.lastEventId);
        }
      }));
      stop.dispose();
      if (ctx.frame.cancellation.cancelled) throw new AbortedError();
      if (failure !== undefined) throw failure;
      const results = settled.map((s) => (s as PromiseFulfilledResult<unknown>).value);
      // AWS records it; the corpus's Parallel recordings lost it to LocalStack's event sorting, whose
      // recorded ids skip its id (test/conformance/decisions.md).
      ctx.frame.recordAside('ParallelStateSucceeded');
      return { ...(await io.finish(ctx, input, results)), next };
    },
  };
};
