// The task tokens of a hybrid run's `.waitForTaskToken` Tasks: the run waits for an answer to each, as
// the local endpoint's workers do (SendTaskSuccess, SendTaskFailure, heartbeats restarting
// HeartbeatSeconds), and tells which tokens wait so that the execution view can show and answer them.
import type { TaskInvocation, TaskOutcome } from '../../core/interpreter/api';
import type { TaskTokenAnswer, WaitingTaskToken } from '../../protocol';
import { taskOutput, unknownTaskToken, Workers } from '../../apiServer/workers';
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
      this.workers.answer(taskToken, answer);
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


/**
 * The tokens a run's process waits for, seen from where it was started (a CLI run, the runner): the
 * SendTask* answers are checked here with AWS's errors, then forwarded to the process.
 */
export class ForwardedTaskTokens {
  private waiting: WaitingTaskToken[] = [];

  constructor(private readonly forward: (taskToken: string, answer: TaskTokenAnswer) => void) {}

  /** What the process tells whenever its waiting tokens change. */
  update(waiting: WaitingTaskToken[]): void {
    this.waiting = waiting;
  }

  /** Throws AWS's error (ApiError) when the answer cannot be taken. */
  answer(taskToken: string, answer: TaskTokenAnswer): void {
    if ('output' in answer) taskOutput(answer.output);
    if (!this.waits(taskToken)) throw unknownTaskToken(taskToken);
    this.forward(taskToken, answer);
  }

  waits(taskToken: string): boolean {
    return this.waiting.some((waiting) => waiting.taskToken === taskToken);
  }
}
