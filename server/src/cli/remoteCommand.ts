// What the commands that reach AWS or an endpoint share (publish, download): --help, the target's
// options, AWS's refusals printed with their code, and asking on the terminal before a change.
import * as readline from 'node:readline/promises';
import type { RemoteFailure, RemoteTarget } from '../protocol';
import { UsageError } from './execution';
import { takeTargetOptions } from './targetOptions';
import { stdout, stderr } from './output';

/** The command's work, given the target and the other arguments; it calls `argumentsRead` once they are checked. */
type RemoteWork = (target: RemoteTarget, rest: string[], argumentsRead: () => void) => Promise<number>;

/**
 * Runs a command that needs `--target aws|endpoint`. A usage error in the arguments prints the usage;
 * one found afterwards (a file, no terminal to ask) its message only. Exit status 2 for either.
 */
export async function remoteCommand(name: string, usage: string, args: string[], work: RemoteWork): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    stdout.write(usage);
    return 0;
  }
  let checked = false;
  try {
    const { target, rest } = takeTargetOptions(args, ['aws', 'endpoint']);
    if (!target || target.kind === 'local') throw new UsageError('give --target aws or --target endpoint --endpoint-url URL');
    return await work(target, rest, () => { checked = true; });
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    stderr.write(`asl-workbench ${name}: ${error.message}\n${checked ? '' : `\n${usage}`}`);
    return 2;
  }
}

/** AWS's refusal, with its code: exit status 1. */
export function failed(failure: RemoteFailure): number {
  stderr.write(`asl-workbench: ${failure.code}: ${failure.message}\n`);
  return 1;
}

/** Asks on the terminal; without one there is nobody to ask, so nothing is done (`withoutAsking` says it beforehand). */
export async function confirmed(question: string, withoutAsking: string): Promise<boolean> {
  if (!process.stdin.isTTY) throw new UsageError(`${question} No terminal to ask: give ${withoutAsking}`);
  const terminal = readline.createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await terminal.question(`${question} [y/N] `)).trim());
  } finally {
    terminal.close();
  }
}
