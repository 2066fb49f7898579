// `run-cases <case-file-or-dir>... --jsonl`: runs conformance case files on the virtual clock and
// prints one JSON line per case. It compares nothing: it reports. The cases run in a process of their
// own, watched (see execution/watchdog.ts): a case that exhausts its memory or blocks its thread is
// reported crashed, and the cases after it run in a new process.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { StateWork } from '../core/interpreter/api';
import { DEFAULT_HANDLER_TIMEOUT_SECONDS } from '../core/interpreter/engine';
import { compileStateMachine } from '../core/interpreter';
import { watchThisThread, WatchedProcess } from '../execution/watchdog';
import type { StateMachineType } from '../core/interpreter/index';
import { definitionProblem, parseMachineType, parseStartTime, runToEnd, taskResolvers, UsageError } from './execution';
import { stdout, stderr } from './output';

/** Tells the process running the cases that it is the one (see runWatched). */
const IN_PROCESS = '--in-process';

interface CaseFile {
  name?: string;
  definition: unknown;
  input?: unknown;
  /** The recorded start time, for cases whose outcome depends on the date they run. */
  startTime?: string;
  mockConfig?: Parameters<typeof taskResolvers>[0]['mockConfig'];
  expected?: unknown;
}

function caseFiles(target: string): string[] {
  const stat = fs.statSync(target, { throwIfNoEntry: false });
  if (!stat) throw new UsageError(`no such file or directory: ${target}`);
  if (stat.isFile()) return [target];
  return fs.readdirSync(target).sort().flatMap((entry) => {
    const full = path.join(target, entry);
    return fs.statSync(full).isDirectory() ? caseFiles(full) : entry.endsWith('.json') ? [full] : [];
  });
}

function readCase(file: string): { testCase: CaseFile; name: string } {
  const testCase = JSON.parse(fs.readFileSync(file, 'utf8')) as CaseFile;
  return { testCase, name: testCase.name ?? path.basename(file, '.json') };
}

async function runCase(file: string, type: StateMachineType, onStateWork: (work: StateWork) => void): Promise<Record<string, unknown>> {
  const { testCase, name } = readCase(file);
  let machine;
  try {
    machine = compileStateMachine(testCase.definition, { machineType: type });
  } catch (error) {
    const problem = definitionProblem(error);
    if (!problem) throw error;
    return { name, valid: false, ...problem };
  }
  if (testCase.expected === undefined) return { name, valid: true };
  const resolvers = testCase.mockConfig ? taskResolvers({ mockConfig: testCase.mockConfig, stateMachine: 'Case', testCase: 'Default' }) : [];
  const startTime = testCase.startTime === undefined ? undefined : parseStartTime(testCase.startTime);
  const { result, taskInputs } = await runToEnd(machine, { input: testCase.input ?? {}, stateMachineName: 'Case', type, taskResolvers: resolvers, startTime, onStateWork });
  return {
    name, status: result.status, output: result.output, error: result.error, cause: result.cause,
    events: result.events, taskInputs,
  };
}

const USAGE = `usage: asl-workbench run-cases <case-file-or-dir>... --jsonl [--type STANDARD|EXPRESS]

Runs conformance case files (test/conformance) on the virtual clock and prints one JSON line per case.
  --type TYPE   the state machine type the cases are created and started as (default STANDARD)
`;

export async function runCases(args: string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    stdout.write(USAGE);
    return 0;
  }
  const typeAt = args.indexOf('--type');
  const targets = args.filter((arg, i) => arg !== '--jsonl' && arg !== IN_PROCESS && (typeAt < 0 || (i !== typeAt && i !== typeAt + 1)));
  const unknown = targets.find((arg) => arg.startsWith('-'));
  if (targets.length === 0 || unknown) {
    stderr.write(`${unknown ? `asl-workbench run-cases: unknown option ${unknown}\n\n` : ''}${USAGE}`);
    return 2;
  }
  let files: string[];
  let type: StateMachineType;
  try {
    type = typeAt < 0 ? 'STANDARD' : parseMachineType(args[typeAt + 1]);
    files = targets.flatMap(caseFiles);
  } catch (error) {
    if (error instanceof UsageError) {
      stderr.write(`asl-workbench run-cases: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  if (args.includes(IN_PROCESS)) await runHere(files, type);
  else await runWatched(files, type);
  return 0;
}

function writeLine(line: Record<string, unknown>): Promise<void> {
  return new Promise<void>((resolve) => {
    if (stdout.write(JSON.stringify(line) + '\n')) resolve();
    else stdout.once('drain', resolve);
  });
}

/** Runs the cases in this process, watched by the process that started it. */
async function runHere(files: string[], type: StateMachineType): Promise<void> {
  const watchdog = watchThisThread(DEFAULT_HANDLER_TIMEOUT_SECONDS);
  for (const file of files) {
    let line: Record<string, unknown>;
    try {
      line = await runCase(file, type, watchdog.onStateWork);
    } catch (error) {
      line = { name: path.basename(file, '.json'), crashed: true, message: error instanceof Error ? error.stack : String(error) };
    }
    await writeLine(line);
  }
}

/** Runs the cases in watched processes: one until a case ends it, reported crashed, then a new one for the rest. */
async function runWatched(files: string[], type: StateMachineType): Promise<void> {
  for (let next = 0; next < files.length;) {
    const run = await runInProcess(files.slice(next), type);
    next += run.lines;
    if (run.cause !== undefined) {
      await writeLine({ name: readCase(files[next]).name, crashed: true, message: run.cause });
      next++;
    }
  }
}

/** Runs cases in a new process, passing its lines on; `cause` says why it ended before its last case. */
function runInProcess(files: string[], type: StateMachineType): Promise<{ lines: number; cause?: string }> {
  return new Promise((resolve) => {
    // This command again, in the same Node with the same options; entry 4 is the watchdog's pipe.
    const child = spawn(process.execPath, [...process.execArgv, process.argv[1], 'run-cases', IN_PROCESS, '--type', type, ...files], { stdio: ['ignore', 'pipe', 'pipe', 'ignore', 'pipe'] });
    let lines = 0;
    let stuck: string | undefined;
    const watched = new WatchedProcess(child, (cause) => {
      stuck = cause;
      child.kill('SIGKILL');
    });
    let pending = '';
    child.stdout!.setEncoding('utf8');
    child.stdout!.on('data', (chunk: string) => {
      pending += chunk;
      const end = pending.lastIndexOf('\n') + 1;
      if (!end) return;
      lines += pending.slice(0, end).split('\n').length - 1;
      stdout.write(pending.slice(0, end));
      pending = pending.slice(end);
    });
    child.on('close', (code, signal) => resolve({ lines, cause: lines < files.length ? stuck ?? watched.endCause(code, signal) : undefined }));
  });
}
