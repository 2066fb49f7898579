// What a test run prints: `spec` for people (a mark per test, a diff per failed expectation, a
// count), `junit` for CI servers (JUnit XML: a testsuite per file, a testcase per test), `json`
// for programs (the results as they are).
import * as path from 'node:path';
import { lineDiff } from '../core/testing/expectations';
import type { LocatedProblem, TestFileResult } from '../protocol';

export const REPORTERS = ['spec', 'junit', 'json'] as const;
export type ReporterName = (typeof REPORTERS)[number];

export interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}

/** A file that could not run counts as one failure: its tests are not known to have passed. */
export function countResults(results: readonly TestFileResult[]): Counts {
  const counts: Counts = { passed: 0, failed: 0, skipped: 0 };
  for (const result of results) {
    if (result.problems.length) counts.failed++;
    for (const test of result.tests) counts[test.outcome]++;
  }
  return counts;
}

/** `3 passed, 1 failed` (`, 2 skipped` when some were). */
export function formatCounts({ passed, failed, skipped }: Counts): string {
  return `${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`;
}

/** `file:line:col`, 1-based, as compilers print. */
function where(file: string, problem: LocatedProblem): string {
  return `${file}:${problem.range.start.line + 1}:${problem.range.start.character + 1}`;
}

/** A failure: where, what, and the diff of expected (-) and actual (+). */
export function describeFailure(file: string, problem: LocatedProblem): string[] {
  const lines = [`${where(file, problem)} ${problem.message}`];
  if (problem.expected !== undefined && problem.actual !== undefined) {
    lines.push('- expected', '+ actual', ...lineDiff(problem.expected, problem.actual));
  }
  return lines;
}

export function specReport(results: readonly TestFileResult[], cwd = process.cwd()): string {
  const out: string[] = [];
  for (const result of results) {
    const file = path.relative(cwd, result.file) || result.file;
    out.push(result.definition ? `${file} (${path.relative(cwd, result.definition)})` : file);
    if (result.snapshotsWritten) out.push(`  ${result.snapshotsWritten} snapshot${result.snapshotsWritten === 1 ? '' : 's'} written`);
    for (const problem of result.problems) out.push(...describeFailure(file, problem).map((line, index) => `${index ? '      ' : '  ✗ '}${line}`));
    for (const test of result.tests) {
      out.push(`  ${test.outcome === 'passed' ? '✓' : test.outcome === 'failed' ? '✗' : '-'} ${test.name}${test.outcome === 'skipped' ? ' (skipped)' : ''}`);
      for (const failure of test.failures) out.push(...describeFailure(file, failure).map((line) => `      ${line}`));
    }
  }
  out.push('', formatCounts(countResults(results)));
  return out.join('\n') + '\n';
}

function xml(text: string): string {
  // XML 1.0 allows no control characters but tab, newline and carriage return.
  return text.replace(/[&<>"']/g, (c) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": 'apos' }[c]};`)
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '\ufffd');
}

const seconds = (ms: number) => (ms / 1000).toFixed(3);

export function junitReport(results: readonly TestFileResult[], cwd = process.cwd()): string {
  const counts = countResults(results);
  const total = counts.passed + counts.failed + counts.skipped;
  const time = results.reduce((sum, result) => sum + result.tests.reduce((s, test) => s + test.durationMs, 0), 0);
  const out = ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites name="asl-workbench test" tests="${total}" failures="${counts.failed}" skipped="${counts.skipped}" time="${seconds(time)}">`];
  for (const result of results) {
    const file = path.relative(cwd, result.file) || result.file;
    const failed = result.tests.filter((test) => test.outcome === 'failed').length;
    const skipped = result.tests.filter((test) => test.outcome === 'skipped').length;
    const fileTime = result.tests.reduce((sum, test) => sum + test.durationMs, 0);
    out.push(`  <testsuite name="${xml(file)}" file="${xml(file)}" tests="${result.tests.length + (result.problems.length ? 1 : 0)}" failures="${failed}" errors="${result.problems.length ? 1 : 0}" skipped="${skipped}" time="${seconds(fileTime)}">`);
    if (result.problems.length) {
      const text = result.problems.flatMap((problem) => describeFailure(file, problem)).join('\n');
      out.push(`    <testcase name="${xml(file)}" classname="${xml(file)}" time="0"><error message="${xml(result.problems[0].message)}">${xml(text)}</error></testcase>`);
    }
    for (const test of result.tests) {
      const open = `    <testcase name="${xml(test.name)}" classname="${xml(file)}" time="${seconds(test.durationMs)}"`;
      if (test.outcome === 'passed') out.push(`${open}/>`);
      else if (test.outcome === 'skipped') out.push(`${open}><skipped/></testcase>`);
      else {
        const text = test.failures.flatMap((failure) => describeFailure(file, failure)).join('\n');
        out.push(`${open}><failure message="${xml(test.failures.map((failure) => failure.message).join('; '))}" type="AssertionError">${xml(text)}</failure></testcase>`);
      }
    }
    out.push('  </testsuite>');
  }
  out.push('</testsuites>');
  return out.join('\n') + '\n';
}

export function jsonReport(results: readonly TestFileResult[]): string {
  return JSON.stringify({ ...countResults(results), files: results.map(({ coverage, ...result }) => result) }, null, 2) + '\n';
}
