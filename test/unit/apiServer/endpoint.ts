// Starts `serve` (the built CLI, as users run it) on an ephemeral loopback port and stops it.
import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { SFNClient } from '@aws-sdk/client-sfn';

export const CLI = path.resolve(__dirname, '../../../../dist/cli.js');

export interface Endpoint {
  url: string;
  process: ChildProcess;
  /** What the server printed so far. */
  output(): string;
  /** An SDK client as users configure one for a local endpoint (any credentials). */
  client(): SFNClient;
  /** SIGTERM (or the signal given), and the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
  /** SIGKILL, as a crash. */
  kill(): Promise<void>;
}

/** `ipc`: with an IPC channel, as the extension starts it ("ASL: Start Local Endpoint"). */
export function startEndpoint(args: string[] = [], env: NodeJS.ProcessEnv = {}, { ipc = false } = {}): Promise<Endpoint> {
  const child = spawn(process.execPath, [CLI, 'serve', '--port', '0', ...args], {
    env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe', ...(ipc ? ['ipc' as const] : [])],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => { output += chunk; });
  child.stderr!.on('data', (chunk) => { output += chunk; });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const onData = () => {
      const listening = /listening on (http:\/\/\S+)/.exec(output);
      if (!listening) return;
      child.stdout!.off('data', onData);
      const url = listening[1];
      resolve({
        url,
        process: child,
        output: () => output,
        client: () => new SFNClient({
          endpoint: url, region: 'us-east-1', maxAttempts: 1,
          credentials: { accessKeyId: 'AKIDLOCAL', secretAccessKey: 'local' },
          // The SDK puts `sync-` before the host of StartSyncExecution, which no resolver knows for an IP.
          disableHostPrefix: true,
        }),
        stop: (signal = 'SIGTERM') => {
          child.kill(signal);
          return exited;
        },
        kill: async () => {
          child.kill('SIGKILL');
          await exited;
        },
      });
    };
    child.stdout!.on('data', onData);
    void exited.then((code) => reject(new Error(`serve exited (${code}) before listening:\n${output}`)));
  });
}

export const ROLE = 'arn:aws:iam::123456789012:role/local';

export function definition(value: unknown): string {
  return JSON.stringify(value);
}
