// The executions of a state machine on a remote target, for the executions list: those started
// anywhere (the console, a pipeline, another editor), not only from here; and one's whole history,
// for the execution view.
import type { ExecutionStatus, RemoteExecutionHistory, RemoteExecutionList, RemoteTarget } from '../../protocol';
import { remoteClients, stepFunctionsClient } from './target';
import { findStateMachine, newEvents, outcomeOf, remoteProblem } from './remoteRun';

/** The most executions listed per state machine and target: one page of ListExecutions, newest first. */
export const LISTED_REMOTE_EXECUTIONS = 100;

export async function listRemoteExecutions(target: RemoteTarget, stateMachineName: string): Promise<RemoteExecutionList> {
  const { sfn: api } = remoteClients();
  const client = stepFunctionsClient(target);
  try {
    const machine = await findStateMachine(api, client, stateMachineName);
    if (!machine) return { executions: [] };
    const { executions = [] } = await client.send(new api.ListExecutionsCommand({ stateMachineArn: machine.arn, maxResults: LISTED_REMOTE_EXECUTIONS }));
    return {
      executions: executions.map((execution) => ({
        executionArn: execution.executionArn!, name: execution.name!, status: (execution.status === 'PENDING_REDRIVE' ? 'RUNNING' : execution.status) as ExecutionStatus,
        startDate: execution.startDate!.toISOString(), ...(execution.stopDate ? { stopDate: execution.stopDate.toISOString() } : {}),
      })),
    };
  } catch (error) {
    return { error: remoteProblem(target, error) };
  } finally {
    client.destroy();
  }
}

export async function remoteExecutionHistory(target: RemoteTarget, executionArn: string): Promise<RemoteExecutionHistory> {
  const { sfn: api } = remoteClients();
  const client = stepFunctionsClient(target);
  try {
    const [described, machine, events] = await Promise.all([
      client.send(new api.DescribeExecutionCommand({ executionArn })),
      client.send(new api.DescribeStateMachineForExecutionCommand({ executionArn })),
      newEvents(api, client, executionArn, 0, 1000),
    ]);
    return { definition: machine.definition!, events, ...(described.status === 'RUNNING' || described.status === 'PENDING_REDRIVE' ? {} : { outcome: outcomeOf(described) }) };
  } catch (error) {
    return { error: remoteProblem(target, error) };
  } finally {
    client.destroy();
  }
}
