// `run --task-token-port`: a hybrid run's waiting task tokens answered by the user's worker through the
// API server's SendTask* actions on loopback (a module of its own: only such a run loads node:http).
import type * as http from 'node:http';
import { ForwardedTaskTokens } from '../execution/aws/taskTokens';
import { createApiServer } from '../apiServer/http';
import { taskTokenActions } from '../apiServer/workers';
import type { Finished, Launched, Lost } from '../execution/launch';
import type { WaitingTaskToken } from '../protocol';
import { UsageError } from './execution';

/**
 * `--task-token-port`: the run's waiting task tokens printed (standard error) as they come, and the
 * API server's SendTask* actions served on loopback, for the user's worker to answer them.
 */
export class TaskTokenPort {
  private launched: Launched<Finished | Lost> | undefined;
  private readonly tokens = new ForwardedTaskTokens((taskToken, answer) => this.launched?.answer?.(taskToken, answer));
  private readonly told = new Set<string>();

  private constructor(private readonly server: http.Server) {}

  static async open(port: number): Promise<TaskTokenPort> {
    const tokenPort: TaskTokenPort = new TaskTokenPort(createApiServer(taskTokenActions({ answer: (taskToken, answer) => tokenPort.tokens.answer(taskToken, answer) })));
    const { server } = tokenPort;
    const failed = await new Promise<Error | undefined>((resolve) => {
      server.once('error', resolve);
      server.listen(port, '127.0.0.1', () => resolve(undefined));
    });
    if (failed) throw new UsageError(`--task-token-port: cannot listen on 127.0.0.1:${port}: ${failed.message}`);
    // The run ends the process; a worker's kept-alive connection must not hold it.
    server.unref();
    process.stderr.write(`Task tokens: SendTaskSuccess, SendTaskFailure, SendTaskHeartbeat on http://127.0.0.1:${(server.address() as { port: number }).port}\n`);
    return tokenPort;
  }

  readonly onTokens = (waiting: WaitingTaskToken[]): void => {
    this.tokens.update(waiting);
    for (const { stateName, taskToken } of waiting) {
      if (this.told.has(taskToken)) continue;
      this.told.add(taskToken);
      process.stderr.write(`Task token of ${stateName}: ${taskToken}\n`);
    }
  };

  answerTo(launched: Launched<Finished | Lost>): void {
    this.launched = launched;
  }

  close(): void {
    this.server.close();
    this.server.closeAllConnections();
  }
}
