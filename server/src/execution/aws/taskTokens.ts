// The task tokens of a hybrid run's `.waitForTaskToken` Tasks: the run waits for an answer to each, as
// the local endpoint's workers do (SendTaskSuccess, SendTaskFailure, heartbeats restarting
// HeartbeatSeconds), and tells which tokens wait so that the execution view can show and answer them.
import type { TaskInvocation, TaskOutcome } from '../../core/interpreter/api';
import type { TaskTokenAnswer, WaitingTaskToken } from '../../protocol';
import { taskOutput, Workers } from '../../apiServer/workers';
import { ApiError } from '../../apiServer/errors';
import type { TaskTokens } from './awsResolver';

export class RunTaskTokens implements TaskTokens {
  /** No activities here: only the waiting of task tokens is used. */
  private readonly workers = new Workers((arn) => arn);
  private readonly waiting = new Map<string, string>();

  constructor(private readonly onChange: (waiting: WaitingTaskToken[]) => void) {}

  async wait(taskToken: string, invocation: TaskInvocation): Promise<TaskOutcome> {
    this.waiting.set(taskToken, invocation.stateName);
    this.changed();
    try {
      return await this.workers.wait(taskToken, invocation);
    } finally {
      this.waiting.delete(taskToken);
      this.changed();
    }
  }

  /** Nothing when the answer was taken, else why not, in the words of AWS's SendTask* errors. */
  answer(taskToken: string, answer: TaskTokenAnswer): string | undefined {
    try {
      if ('heartbeat' in answer) this.workers.heartbeat(taskToken);
      else if ('output' in answer) this.workers.succeed(taskToken, taskOutput(answer.output));
      else this.workers.fail(taskToken, answer.error, answer.cause);
      return undefined;
    } catch (error) {
      if (error instanceof ApiError) return `${error.type}: ${error.message}`;
      throw error;
    }
  }

  private changed(): void {
    this.onChange([...this.waiting].map(([taskToken, stateName]) => ({ stateName, taskToken })));
  }
}

