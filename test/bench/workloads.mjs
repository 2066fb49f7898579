// The interpreter benchmarks' workloads, the same in one process (inProcess.bench.mjs) and as whole CLI runs
// (interpreter.bench.mjs): a 5,000-iteration Pass/Choice/States.MathAdd loop and an inline Map of n items.

export const loop = {
  StartAt: 'Init',
  States: {
    Init: { Type: 'Pass', Result: { count: 0 }, Next: 'Increment' },
    Increment: { Type: 'Pass', Parameters: { 'count.$': 'States.MathAdd($.count, 1)' }, Next: 'Check' },
    Check: { Type: 'Choice', Choices: [{ Variable: '$.count', NumericLessThan: 5000, Next: 'Increment' }], Default: 'Done' },
    Done: { Type: 'Succeed' },
  },
};

export function mapOf(items) {
  return {
    definition: {
      StartAt: 'Map',
      States: {
        Map: {
          Type: 'Map', ItemsPath: '$.items',
          ItemProcessor: { ProcessorConfig: { Mode: 'INLINE' }, StartAt: 'Double', States: { Double: { Type: 'Pass', Parameters: { 'n.$': 'States.MathAdd($.n, $.n)' }, End: true } } },
          End: true,
        },
      },
    },
    input: { items: Array.from({ length: items }, (_, n) => ({ n })) },
  };
}
