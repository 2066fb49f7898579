// `test [FILE|DIR...]`: runs the tests of state machines (`*.asl.test.json|yaml`) in parallel on the
// virtual clock, reports them (spec, junit or json) and, with --coverage, writes lcov.info.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { combineCoverage, formatSummary, percent, summarize, toLcov } from '../core/testing/coverage';
import { isTestFile } from '../testing/runner';
import { runTestFiles } from '../testing/pool';
import { countResults, jsonReport, junitReport, REPORTERS, specReport, type ReporterName } from '../testing/reporters';
import { UsageError } from './execution';
import { stdout, stderr } from './output';

const USAGE = `usage: asl-workbench test [FILE|DIR...] [--reporter spec|junit|json] [--output FILE] [--grep TEXT]
         [--coverage] [--coverage-dir DIR] [--coverage-threshold N] [--update-snapshots]

  FILE|DIR             test files (*.asl.test.json, *.asl.test.yaml), or folders searched for them
                       (node_modules and hidden folders skipped). Default: the current folder
  --reporter NAME      spec (default): a mark per test, a diff per failure, then "N passed, N failed";
                       junit: JUnit XML (a testsuite per file); json: the results as JSON
  --output FILE        write the report to FILE instead of the standard output
  --grep TEXT          run only the tests whose name contains TEXT
  --coverage           write lcov.info: a line per state (at its name) hit as often as it was entered,
                       a branch per Choice rule and Default, Retrier and Catcher; print a summary
  --coverage-dir DIR   where lcov.info goes (default: coverage)
  --coverage-threshold N  fail unless states, transitions and branches are each at least N% covered
  --update-snapshots   record the outcome of each test that has "snapshot" in its "expect" into its file
Tests run in parallel, one process per core, on the virtual clock.
Exit status: 0 all passed, 1 a test failed (or a file could not run, or coverage is under the threshold), 2 usage.
`;

interface Options {
  targets: string[];
  reporter: ReporterName;
  output?: string;
  grep?: string;
  coverage: boolean;
  coverageDir: string;
  threshold?: number;
  updateSnapshots: boolean;
}

function parseArgs(args: string[]): Options {
  const options: Options = { targets: [], reporter: 'spec', coverage: false, coverageDir: 'coverage', updateSnapshots: false };
  const value = (i: number) => {
    if (i + 1 >= args.length) throw new UsageError(`${args[i]} needs a value`);
    return args[i + 1];
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--coverage') options.coverage = true;
    else if (arg === '--update-snapshots') options.updateSnapshots = true;
    else if (arg === '--reporter') {
      const reporter = value(i++);
      if (!(REPORTERS as readonly string[]).includes(reporter)) throw new UsageError(`--reporter is one of ${REPORTERS.join(', ')}, not '${reporter}'`);
      options.reporter = reporter as ReporterName;
    } else if (arg === '--output') options.output = value(i++);
    else if (arg === '--grep') options.grep = value(i++);
    else if (arg === '--coverage-dir') {
      options.coverageDir = value(i++);
      options.coverage = true;
    } else if (arg === '--coverage-threshold') {
      const threshold = Number(value(i++));
      if (!(threshold >= 0 && threshold <= 100)) throw new UsageError(`--coverage-threshold needs a percentage from 0 to 100, not '${args[i]}'`);
      options.threshold = threshold;
      options.coverage = true;
    } else if (arg.startsWith('-')) throw new UsageError(`unknown option ${arg}`);
    else options.targets.push(arg);
  }
  return options;
}

/** The test files under a target, in a stable order. */
export function findTestFiles(target: string): string[] {
  const stat = fs.statSync(target, { throwIfNoEntry: false });
  if (!stat) throw new UsageError(`no such file or folder: ${target}`);
  if (stat.isFile()) {
    if (!isTestFile(target)) throw new UsageError(`${target} is not a test file (*.asl.test.json, *.asl.test.yaml)`);
    return [target];
  }
  return fs.readdirSync(target, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1)).flatMap((entry) => {
    const full = path.join(target, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' || entry.name.startsWith('.') ? [] : findTestFiles(full);
    return entry.isFile() && isTestFile(entry.name) ? [full] : [];
  });
}

export async function test(args: string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    stdout.write(USAGE);
    return 0;
  }
  let options: Options;
  let files: string[];
  try {
    options = parseArgs(args);
    files = [...new Set((options.targets.length ? options.targets : ['.']).flatMap(findTestFiles))];
    if (!files.length) throw new UsageError(`no test files (*.asl.test.json, *.asl.test.yaml) under ${options.targets.join(', ') || 'the current folder'}`);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    stderr.write(`asl-workbench test: ${error.message}\n\n${USAGE}`);
    return 2;
  }
  const results = await runTestFiles(files.map((file) => ({ file })), { grep: options.grep, coverage: options.coverage, updateSnapshots: options.updateSnapshots });
  const report = options.reporter === 'junit' ? junitReport(results) : options.reporter === 'json' ? jsonReport(results) : specReport(results);
  if (options.output) {
    fs.mkdirSync(path.dirname(path.resolve(options.output)), { recursive: true });
    fs.writeFileSync(options.output, report);
  } else stdout.write(report);
  let failed = countResults(results).failed > 0;
  if (options.coverage) {
    const coverage = combineCoverage(results.flatMap((result) => (result.coverage ? [{ ...result.coverage, file: path.relative(process.cwd(), result.coverage.file).split(path.sep).join('/') }] : [])));
    fs.mkdirSync(options.coverageDir, { recursive: true });
    const lcovFile = path.join(options.coverageDir, 'lcov.info');
    fs.writeFileSync(lcovFile, toLcov(coverage));
    const summary = summarize(coverage);
    // The summary goes where people look, apart from a report a program reads.
    const log = options.reporter === 'spec' && !options.output ? stdout : stderr;
    log.write(`Coverage: ${formatSummary(summary)} (${lcovFile})\n`);
    if (options.threshold !== undefined) {
      const under = (['states', 'transitions', 'branches'] as const).filter((part) => percent(summary[part]) < options.threshold!);
      if (under.length) {
        log.write(`Coverage under the threshold of ${options.threshold}%: ${under.join(', ')}\n`);
        failed = true;
      }
    }
  }
  return failed ? 1 : 0;
}
