// Runs an execution on a remote target (AWS, the local endpoint, any Step Functions-compatible URL)
// as a launcher: the runner and the CLI stream its history exactly as a local run's. A Standard
// execution is followed with DescribeExecution and GetExecutionHistory (newest first, paged, only
// the events not yet seen) while it runs, backing off while nothing happens; an Express one runs as
// StartSyncExecution, which answers with its end (Step Functions keeps no history of it).
import type { HistoryEvent } from '../../core/interpreter/api';
import type { ExecutionOutcome, RemoteTarget } from '../../protocol';
import type { Finished, Launched, LaunchRequest, Lost } from '../launch';
import { HistoryWriter } from '../historyFiles';
import { answered, remoteClients, stepFunctionsClient, targetLabel, transportFailure } from './target';

export type Sfn = ReturnType<typeof remoteClients>['sfn'];
export type SfnClient = ReturnType<typeof stepFunctionsClient>;

/** The role a machine created on an endpoint gets: an endpoint assumes no role, yet CreateStateMachine requires one. */
export const PLACEHOLDER_ROLE = 'arn:aws:iam::123456789012:role/asl-workbench-endpoint';

export interface FollowPace {
  /** The wait after a poll that brought events. */
  firstPollMs: number;
  /** The longest wait between polls, reached by doubling while nothing happens. */
  maxPollMs: number;
  /** Polls that fail in a row before following stops (the SDK has retried each already). */
  failuresBeforeLost: number;
  /** GetExecutionHistory's page size. */
  pageSize: number;
}

export const DEFAULT_PACE: FollowPace = { firstPollMs: 250, maxPollMs: 5000, failuresBeforeLost: 5, pageSize: 1000 };

/** A remote execution being followed: the launcher's view, and what Redrive needs to follow it again. */
export interface RemoteLaunched extends Launched<Finished | Lost> {
  target: RemoteTarget;
  /** The last event id streamed. */
  lastEventId(): number;
}

/** How long StartSyncExecution may take to answer: an express execution's five minutes, and a margin. */
const EXPRESS_ANSWER_MILLISECONDS = 6 * 60_000;

/** Starts executions on `target`; a failure to start says which call failed and where. */
export function launchRemote(target: RemoteTarget, pace: FollowPace = DEFAULT_PACE): (request: LaunchRequest, onEvents: (events: HistoryEvent[]) => void) => Promise<RemoteLaunched> {
  return async (request, onEvents) => {
    const { sfn: api } = remoteClients();
    const client = stepFunctionsClient(target);
    try {
      const machine = await ensureStateMachine(api, client, target, request);
      const input = JSON.stringify(request.input ?? {});
      if (machine.type === 'EXPRESS') {
        // StartSyncExecution answers when the execution ends: up to AWS's five minutes for an express one.
        const ended = await client.send(new api.StartSyncExecutionCommand({ stateMachineArn: machine.arn, name: request.name, input }), { requestTimeout: EXPRESS_ANSWER_MILLISECONDS });
        client.destroy();
        const executionArn = answered(ended.executionArn, 'StartSyncExecution', 'executionArn');
        return {
          executionArn, name: ended.name ?? nameOf(executionArn), target, lastEventId: () => 0,
          stop: () => undefined, done: Promise.resolve({ outcome: outcomeOf(ended) }),
        };
      }
      const { executionArn } = await client.send(new api.StartExecutionCommand({ stateMachineArn: machine.arn, name: request.name, input }));
      return follow(target, client, answered(executionArn, 'StartExecution', 'executionArn'), onEvents, { pace, historyFolder: request.historyFolder, afterEventId: 0 });
    } catch (error) {
      client.destroy();
      throw new RemoteRunError(remoteProblem(target, error));
    }
  };
}

/** Follows a remote execution again after RedriveExecution: its new events continue the history's ids. */
export async function redriveRemote(launched: { executionArn: string; target: RemoteTarget; lastEventId(): number }, onEvents: (events: HistoryEvent[]) => void, historyFolder?: string, pace: FollowPace = DEFAULT_PACE): Promise<RemoteLaunched> {
  const { sfn: api } = remoteClients();
  const client = stepFunctionsClient(launched.target);
  try {
    await client.send(new api.RedriveExecutionCommand({ executionArn: launched.executionArn }));
  } catch (error) {
    client.destroy();
    throw new RemoteRunError(remoteProblem(launched.target, error));
  }
  return follow(launched.target, client, launched.executionArn, onEvents, { pace, historyFolder, afterEventId: launched.lastEventId(), append: true });
}

/**
 * The state machine the run starts: on AWS the one published under the file's name (a run never
 * deploys there); on an endpoint that one created, or updated to the definition the editor holds.
 */
async function ensureStateMachine(api: Sfn, client: SfnClient, target: RemoteTarget, request: LaunchRequest): Promise<{ arn: string; type: string }> {
  const name = request.stateMachineName;
  const definition = JSON.stringify(request.definition);
  const found = await findStateMachine(api, client, name);
  if (found) {
    if (target.kind === 'endpoint') await client.send(new api.UpdateStateMachineCommand({ stateMachineArn: found.arn, definition }));
    return found;
  }
  if (target.kind === 'aws') throw new RemoteRunError(`There is no state machine named '${name}' in ${targetLabel(target)}: publish it first (ASL: Publish to AWS), then run it there.`);
  const type = request.type ?? 'STANDARD';
  const created = await client.send(new api.CreateStateMachineCommand({ name, definition, roleArn: PLACEHOLDER_ROLE, type }));
  return { arn: answered(created.stateMachineArn, 'CreateStateMachine', 'stateMachineArn'), type };
}

/** The target's state machine of this name (ListStateMachines, every page), or undefined. */
export async function findStateMachine(api: Sfn, client: SfnClient, name: string): Promise<{ arn: string; type: string } | undefined> {
  let nextToken: string | undefined;
  do {
    const page = await client.send(new api.ListStateMachinesCommand({ nextToken }));
    const found = page.stateMachines?.find((machine) => machine.name === name);
    if (found) return { arn: answered(found.stateMachineArn, 'ListStateMachines', 'stateMachineArn'), type: found.type ?? 'STANDARD' };
    nextToken = page.nextToken;
  } while (nextToken);
  return undefined;
}

interface FollowOptions {
  pace: FollowPace;
  historyFolder?: string;
  afterEventId: number;
  append?: boolean;
}

function follow(target: RemoteTarget, client: SfnClient, executionArn: string, onEvents: (events: HistoryEvent[]) => void, options: FollowOptions): RemoteLaunched {
  const { sfn: api } = remoteClients();
  const { pace } = options;
  const history = options.historyFolder === undefined ? undefined : new HistoryWriter(options.historyFolder, options.append);
  let lastEventId = options.afterEventId;

  const poll = async (): Promise<ExecutionOutcome | undefined> => {
    // Described first: when it has ended, the history read after it is whole.
    const described = await client.send(new api.DescribeExecutionCommand({ executionArn }));
    const events = await newEvents(api, client, executionArn, lastEventId, pace.pageSize);
    if (events.length) {
      lastEventId = events[events.length - 1].id;
      onEvents(history ? events.map((event) => history.write(event)) : events);
    }
    return described.status === 'RUNNING' || described.status === 'PENDING_REDRIVE' ? undefined : outcomeOf(described);
  };

  const done = (async (): Promise<Finished | Lost> => {
    let wait = pace.firstPollMs;
    let failures = 0;
    for (;;) {
      const seen = lastEventId;
      try {
        const outcome = await poll();
        failures = 0;
        if (outcome) return { outcome, historyError: history?.close() };
      } catch (error) {
        if (++failures >= pace.failuresBeforeLost) {
          history?.close();
          return { lost: `Following execution ${executionArn} on ${targetLabel(target)} stopped: ${remoteProblem(target, error)}. It may still be running there; its status is unknown.` };
        }
      }
      wait = lastEventId > seen ? pace.firstPollMs : Math.min(wait * 2, pace.maxPollMs);
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  })().finally(() => client.destroy());

  return {
    executionArn, name: nameOf(executionArn), target, done,
    lastEventId: () => lastEventId,
    stop: async () => {
      try {
        await client.send(new api.StopExecutionCommand({ executionArn }));
      } catch (error) {
        throw new RemoteRunError(remoteProblem(target, error));
      }
    },
  };
}

/** The events after `afterEventId`, oldest first: read newest first, page by page, down to the last one seen. */
export async function newEvents(api: Sfn, client: SfnClient, executionArn: string, afterEventId: number, pageSize: number): Promise<HistoryEvent[]> {
  const newestFirst: HistoryEvent[] = [];
  let nextToken: string | undefined;
  do {
    const page = await client.send(new api.GetExecutionHistoryCommand({ executionArn, reverseOrder: true, includeExecutionData: true, maxResults: pageSize, nextToken }));
    for (const event of page.events ?? []) {
      const historyEvent = historyEventOf(event);
      if (historyEvent.id <= afterEventId) return newestFirst.reverse();
      newestFirst.push(historyEvent);
    }
    nextToken = page.nextToken;
  } while (nextToken);
  return newestFirst.reverse();
}

/** An SDK history event as a local run records it: its timestamp as ISO 8601, no absent fields. */
function historyEventOf(event: { id?: number; type?: string; timestamp?: Date }): HistoryEvent {
  for (const member of ['id', 'type', 'timestamp'] as const) answered(event[member], 'GetExecutionHistory', `event ${member}`);
  return JSON.parse(JSON.stringify(event)) as HistoryEvent;
}

/** DescribeExecution's or StartSyncExecution's answer as a local run's outcome. */
export function outcomeOf(described: { executionArn?: string; name?: string; status?: string; startDate?: Date; stopDate?: Date; input?: string; output?: string; error?: string; cause?: string }): ExecutionOutcome {
  const startDate = (described.startDate ?? new Date()).toISOString();
  return {
    executionArn: described.executionArn!, name: described.name ?? nameOf(described.executionArn!), status: described.status as ExecutionOutcome['status'],
    startDate, stopDate: described.stopDate?.toISOString() ?? startDate, input: parseJson(described.input),
    ...(described.output !== undefined ? { output: parseJson(described.output) } : {}),
    ...(described.error !== undefined ? { error: described.error } : {}),
    ...(described.cause !== undefined ? { cause: described.cause } : {}),
  };
}

/** The execution's name: the last part of its ARN. */
function nameOf(executionArn: string): string {
  return executionArn.slice(executionArn.lastIndexOf(':') + 1);
}

function parseJson(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Why a remote run cannot go on, in words that name the target already. */
class RemoteRunError extends Error {}

/** A failed call as the user reads it: the target, the error's name as AWS gives it, and its message. */
export function remoteProblem(target: RemoteTarget, error: unknown): string {
  if (error instanceof RemoteRunError) return error.message;
  if (!(error instanceof Error)) return `${targetLabel(target)}: ${String(error)}`;
  const transport = transportFailure(error);
  if (transport) return `${targetLabel(target)}: ${transport.code}: ${transport.message}`;
  const name = error.name && error.name !== 'Error' ? `${error.name}: ` : '';
  return `${targetLabel(target)}: ${name}${error.message}`;
}
