// `run-cases <case-file-or-dir>... --jsonl`: runs conformance case files on the virtual clock and
// prints one JSON line per case. It compares nothing: it reports.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { compileOrExplain, definitionProblem, runToEnd, taskResolvers, UsageError } from './execution';

interface CaseFile {
  name?: string;
  definition: unknown;
  input?: unknown;
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

async function runCase(file: string): Promise<Record<string, unknown>> {
  const testCase = JSON.parse(fs.readFileSync(file, 'utf8')) as CaseFile;
  const name = testCase.name ?? path.basename(file, '.json');
  let machine;
  try {
    machine = compileOrExplain(testCase.definition);
  } catch (error) {
    const problem = definitionProblem(error);
    if (!problem) throw error;
    return { name, valid: false, ...problem };
  }
  if (testCase.expected === undefined) return { name, valid: true };
  const resolvers = testCase.mockConfig ? taskResolvers({ mockConfig: testCase.mockConfig, stateMachine: 'Case', testCase: 'Default' }) : [];
  const { result, taskInputs } = await runToEnd(machine, { input: testCase.input ?? {}, stateMachineName: 'Case', taskResolvers: resolvers });
  return {
    name, status: result.status, output: result.output, error: result.error, cause: result.cause,
    events: result.events, taskInputs,
  };
}

const USAGE = `usage: asl-workbench run-cases <case-file-or-dir>... --jsonl

Runs conformance case files (test/conformance) on the virtual clock and prints one JSON line per case.
`;

export async function runCases(args: string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(USAGE);
    return 0;
  }
  const targets = args.filter((arg) => arg !== '--jsonl');
  const unknown = targets.find((arg) => arg.startsWith('-'));
  if (targets.length === 0 || unknown) {
    process.stderr.write(`${unknown ? `asl-workbench run-cases: unknown option ${unknown}\n\n` : ''}${USAGE}`);
    return 2;
  }
  let files: string[];
  try {
    files = targets.flatMap(caseFiles);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`asl-workbench run-cases: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  for (const file of files) {
    let line: Record<string, unknown>;
    try {
      line = await runCase(file);
    } catch (error) {
      line = { name: path.basename(file, '.json'), crashed: true, message: error instanceof Error ? error.stack : String(error) };
    }
    await new Promise<void>((resolve) => process.stdout.write(JSON.stringify(line) + '\n', () => resolve()));
  }
  return 0;
}
