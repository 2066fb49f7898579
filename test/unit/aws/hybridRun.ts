// A hybrid run in this process, as the CLI and the editor start one (launch.ts), its outcome.
import { interpreter } from '../../../server/src/execution/interpreter';
import { launchInProcess } from '../../../server/src/execution/launch';
import type { CallAwsOptions, ExecutionOutcome } from '../../../server/src/protocol';

export async function runHybrid(
  states: object, input: unknown, callAws: CallAwsOptions, mock?: { config: unknown; selection: { stateMachine: string; testCase: string } },
  handlerTimeoutSeconds?: number,
): Promise<ExecutionOutcome> {
  const definition = { StartAt: Object.keys(states)[0], States: states };
  const launched = await launchInProcess(interpreter)({ definition, input, stateMachineName: 'Hybrid', clock: 'virtual', host: 'cli', callAws, mock, handlerTimeoutSeconds }, () => undefined);
  return (await launched.done).outcome;
}
