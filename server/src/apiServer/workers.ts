// The Task states that wait for workers outside the server: `.waitForTaskToken` integrations wait
// for SendTaskSuccess/SendTaskFailure with their token, activities for a worker that takes their task
// with GetActivityTask and answers the same way. Heartbeats restart the Task's HeartbeatSeconds.
import { randomUUID } from '../core/crypto';
import type { TaskInvocation, TaskOutcome, TaskResolver } from '../core/interpreter';
import { resourceKind } from '../core/interpreter/states/task';
import type { TaskTokenAnswer } from '../protocol';
import type { Actions } from './http';
import { ApiError, invalidToken, text } from './errors';

interface WaitingTask {
  answer(outcome: TaskOutcome): void;
  heartbeat(): void;
}

interface ActivityTask {
  taskToken: string;
  input: string;
}

interface Poller {
  take(task: ActivityTask | undefined): void;
}

/** Task tokens are UUIDs; any other text is not one of ours. */
const TOKEN_SHAPE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Also the task tokens of hybrid executions' `.waitForTaskToken` calls to AWS (awsResolver's TaskTokens). */
export class Workers {
  private readonly waiting = new Map<string, WaitingTask>();
  /** Tasks no worker has taken yet, and workers polling, by activity ARN. */
  private readonly activities = new Map<string, { tasks: ActivityTask[]; pollers: Poller[] }>();

  /** Serves callback and activity Tasks (after the mocks and local handlers). */
  readonly resolver: TaskResolver = {
    external: true,
    resolve: (invocation) => {
      const kind = resourceKind(invocation.resource);
      if (kind.family === 'Activity') {
        const task = { taskToken: randomUUID(), input: JSON.stringify(invocation.input) };
        const answer = this.wait(task.taskToken, invocation, () => this.withdraw(invocation.resource, task));
        this.offer(invocation.resource, task);
        return answer;
      }
      if (kind.family === 'Task' && kind.pattern === 'callback' && invocation.taskToken) return this.wait(invocation.taskToken, invocation);
      return undefined;
    },
  };

  constructor(
    /** Activity ARNs as the server keys them (any region and account name the same activity). */
    private readonly activityKey: (arn: string) => string,
  ) {}

  wait(taskToken: string, invocation: TaskInvocation, onEnd?: () => void): Promise<TaskOutcome> {
    return new Promise((resolve) => {
      let heartbeatTimer: NodeJS.Timeout | undefined;
      const seconds = invocation.heartbeatSeconds;
      const restartHeartbeat = () => {
        clearTimeout(heartbeatTimer);
        if (seconds !== undefined) heartbeatTimer = setTimeout(() => answer({ error: 'States.HeartbeatTimeout' }), seconds * 1000);
      };
      const answer = (outcome: TaskOutcome) => {
        clearTimeout(heartbeatTimer);
        invocation.signal.removeEventListener('abort', onAbort);
        this.waiting.delete(taskToken);
        onEnd?.();
        resolve(outcome);
      };
      // The state was stopped (StopExecution, a failed branch): its token is no longer valid.
      const onAbort = () => answer({ error: 'States.Runtime', cause: 'aborted' });
      invocation.signal.addEventListener('abort', onAbort, { once: true });
      this.waiting.set(taskToken, { answer, heartbeat: restartHeartbeat });
      restartHeartbeat();
    });
  }

  private task(taskToken: string): WaitingTask {
    const task = this.waiting.get(taskToken);
    if (task) return task;
    throw unknownTaskToken(taskToken);
  }

  /** SendTaskSuccess, SendTaskFailure or SendTaskHeartbeat; AWS's error (ApiError) when it cannot be taken. */
  answer(taskToken: string, answer: TaskTokenAnswer): void {
    if ('heartbeat' in answer) this.heartbeat(taskToken);
    else if ('output' in answer) this.succeed(taskToken, taskOutput(answer.output));
    else this.fail(taskToken, answer.error, answer.cause);
  }

  succeed(taskToken: string, output: unknown): void {
    this.task(taskToken).answer({ result: output });
  }

  fail(taskToken: string, error: string | undefined, cause: string | undefined): void {
    this.task(taskToken).answer({ error: error ?? '', ...(cause === undefined ? {} : { cause }) });
  }

  heartbeat(taskToken: string): void {
    this.task(taskToken).heartbeat();
  }

  private queue(activityArn: string) {
    const key = this.activityKey(activityArn);
    let queue = this.activities.get(key);
    if (!queue) this.activities.set(key, queue = { tasks: [], pollers: [] });
    return queue;
  }

  private offer(activityArn: string, task: ActivityTask): void {
    const queue = this.queue(activityArn);
    const poller = queue.pollers.shift();
    if (poller) poller.take(task);
    else queue.tasks.push(task);
  }

  private withdraw(activityArn: string, task: ActivityTask): void {
    const queue = this.queue(activityArn);
    const index = queue.tasks.indexOf(task);
    if (index >= 0) queue.tasks.splice(index, 1);
  }

  /** GetActivityTask: the oldest waiting task, else the first one scheduled within `waitMs`, else none. */
  poll(activityArn: string, waitMs: number): Promise<ActivityTask | undefined> {
    const queue = this.queue(activityArn);
    const task = queue.tasks.shift();
    if (task) return Promise.resolve(task);
    return new Promise((resolve) => {
      const poller: Poller = {
        take: (taken) => {
          clearTimeout(timer);
          resolve(taken);
        },
      };
      const timer = setTimeout(() => {
        queue.pollers.splice(queue.pollers.indexOf(poller), 1);
        resolve(undefined);
      }, waitMs);
      queue.pollers.push(poller);
    });
  }

  /** The server stops: every long poll answers now, with no task. */
  close(): void {
    for (const queue of this.activities.values()) for (const poller of queue.pollers.splice(0)) poller.take(undefined);
  }
}

/** SendTaskSuccess's output, as JSON text, parsed; AWS's error when it is not JSON. */
export function taskOutput(output: string): unknown {
  try {
    return JSON.parse(output);
  } catch {
    throw new ApiError('InvalidOutput', 'Invalid State Machine Execution Output');
  }
}

/** AWS's error for a token that no Task waits for: not one of ours, or its Task has ended. */
export function unknownTaskToken(taskToken: string): ApiError {
  return TOKEN_SHAPE.test(taskToken) ? new ApiError('TaskDoesNotExist', 'Task Does Not Exist') : invalidToken('Invalid token');
}

/** Where the SendTask* actions go: a waiting Task takes the answer, or AWS's error (ApiError) is thrown. */
export interface TaskTokenAnswers {
  answer(taskToken: string, answer: TaskTokenAnswer): void | Promise<void>;
}

/** SendTaskSuccess, SendTaskFailure and SendTaskHeartbeat as the API takes them (the local endpoint, a CLI run's token port). */
export function taskTokenActions(tokens: TaskTokenAnswers): Actions {
  const answering = (answerOf: (input: Record<string, unknown>) => TaskTokenAnswer) => async (input: Record<string, unknown>) => {
    const taskToken = text(input, 'taskToken', true);
    await tokens.answer(taskToken, answerOf(input));
    return {};
  };
  return {
    SendTaskSuccess: answering((input) => ({ output: text(input, 'output', true) })),
    SendTaskFailure: answering((input) => ({ error: text(input, 'error'), cause: text(input, 'cause') })),
    SendTaskHeartbeat: answering(() => ({ heartbeat: true })),
  };
}
