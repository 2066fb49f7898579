// The local endpoint started by the extension ("ASL: Start Local Endpoint") answers workers for VS
// Code's hybrid runs too: a SendTask* whose token no Task here waits for goes to the extension over
// the process's IPC channel, which asks the language server's runner, and AWS's answer comes back.
import type { EndpointTaskAnswer, EndpointTaskAnswered } from '../protocol';
import { apiErrorOf } from './errors';
import { unknownTaskToken, type TaskTokenAnswers } from './workers';

/** None when this process has no parent listening (serve started from a terminal). */
export function extensionTaskTokens(): TaskTokenAnswers | undefined {
  if (!process.send) return undefined;
  const pending = new Map<number, (answered: EndpointTaskAnswered) => void>();
  let next = 0;
  process.on('message', (message: EndpointTaskAnswered) => {
    if (message?.type !== 'taskAnswered') return;
    pending.get(message.id)?.(message);
    pending.delete(message.id);
  });
  // The channel does not keep the endpoint alive (it stops on SIGTERM, as from a terminal).
  process.channel?.unref();
  return {
    answer: (taskToken, answer) => new Promise<void>((resolve, reject) => {
      const id = next++;
      pending.set(id, ({ problem }) => problem === undefined ? resolve() : reject(apiErrorOf(problem)));
      const message: EndpointTaskAnswer = { type: 'answerTask', id, taskToken, answer };
      process.send!(message, undefined, undefined, (error) => {
        if (!error) return;
        // The extension is gone: no run of it waits.
        pending.delete(id);
        reject(unknownTaskToken(taskToken));
      });
    }),
  };
}
