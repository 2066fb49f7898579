// The tests of state machines in VS Code: the Test Explorer lists each test file's tests under the
// definition they test; Run (continuous on save too) and Coverage profiles run them through the
// language server, which runs them as the CLI's `test` does; a failure shows the diff of expected
// and actual where the expectation is written; a code lens runs or debugs one test; the Debug profile
// runs each test in the step debugger.
import * as path from 'path';
import * as vscode from 'vscode';
import {
  ListTestsRequest, RunTestsRequest, type FileCoverage, type LocatedProblem, type TestFileJob, type TestFileOutline, type TestFileResult, type TestResult,
} from '../../../server/src/protocol';
import type { CommandTable } from '../commands';
import { openExecution } from '../commands/runLocally';
import type { WorkbenchContext, WorkbenchHost } from '../context';
import type { ExecutionService } from '../runs/service';
import { readSource } from '../runs/runInputs';
import { importExecutionAsTest, saveExecutionAsTest } from './saveAsTest';
import { registerTestFileAssist } from './assist';
import { debugTest } from './debugTest';

const TEST_FILES = '**/*.asl.test.{json,yaml,yml}';
const TEST_FILE = /\.asl\.test\.(json|ya?ml)$/i;

/** The Test Explorer's controller and what it knows of the workspace's test files; one per window, on the context. */
export interface TestExplorer extends vscode.Disposable {
  /** Runs one test of a test file (the code lens's command). */
  runTest(uriText: string, name: string): Promise<void>;
  /** Debugs one test of a test file (the code lens's command). */
  debugTest(uriText: string, name: string): Promise<void>;
  /** The execution of a test's last failed run, in the executions list. */
  failedExecution(test: vscode.TestItem): string | undefined;
}

/** The context value of a failure's messages whose execution can be opened (package.json's testing/message menus). */
const FAILURE_WITH_EXECUTION = 'aslWorkbench.failureWithExecution';

export function createTestExplorer(workbench: WorkbenchHost, runs: ExecutionService): TestExplorer {
  const { client } = workbench;
  /** The execution of each test's last failed run (by test item id). */
  const failedExecutions = new Map<string, string>();
  const controller = vscode.tests.createTestController('aslWorkbench.tests', 'State Machine Tests');
  /** The definition each test file tests, to find the tests a save of a definition concerns. */
  const definitions = new Map<string, string>();
  const details = new WeakMap<vscode.FileCoverage, FileCoverage>();

  const outline = async (uri: vscode.Uri, text?: string): Promise<TestFileOutline> => {
    return client.sendRequest(ListTestsRequest, { file: uri.fsPath, text: text ?? (await readSource(uri)).text });
  };

  /** The item of a definition: a top-level item holding the items of its test files. */
  const definitionItem = (definition: string | undefined) => {
    const id = definition ? `definition:${vscode.Uri.file(definition)}` : 'definition:?';
    let item = controller.items.get(id);
    if (!item) {
      item = controller.createTestItem(id, definition ? path.basename(definition) : '(no state machine)', definition ? vscode.Uri.file(definition) : undefined);
      controller.items.add(item);
    }
    return item;
  };

  const removeFile = (uri: vscode.Uri) => {
    controller.items.forEach((parent) => {
      parent.children.delete(uri.toString());
      if (parent.children.size === 0) controller.items.delete(parent.id);
    });
    definitions.delete(uri.fsPath);
  };

  const refreshFile = async (uri: vscode.Uri): Promise<vscode.TestItem | undefined> => {
    let listed: TestFileOutline;
    try {
      listed = await outline(uri);
    } catch {
      removeFile(uri);
      return undefined;
    }
    removeFile(uri);
    if (listed.definition) definitions.set(uri.fsPath, listed.definition);
    const file = controller.createTestItem(uri.toString(), path.basename(uri.fsPath), uri);
    file.children.replace(listed.tests.map((test) => {
      const item = controller.createTestItem(`${uri}#${test.name}`, test.name, uri);
      item.range = new vscode.Range(test.range.start.line, test.range.start.character, test.range.end.line, test.range.end.character);
      return item;
    }));
    definitionItem(listed.definition).children.add(file);
    return file;
  };

  const discoverAll = async () => {
    const files = await vscode.workspace.findFiles(TEST_FILES, '**/node_modules/**');
    await Promise.all(files.map(refreshFile));
  };
  controller.resolveHandler = async (item) => {
    if (!item) await discoverAll();
  };
  controller.refreshHandler = async () => {
    controller.items.replace([]);
    await discoverAll();
  };

  const watcher = vscode.workspace.createFileSystemWatcher(TEST_FILES);
  watcher.onDidCreate((uri) => void refreshFile(uri));
  watcher.onDidChange((uri) => void refreshFile(uri));
  watcher.onDidDelete((uri) => removeFile(uri));

  /** The test files a run covers, each with the names of its tests to run (all when absent). */
  const jobsOf = (request: vscode.TestRunRequest): Map<string, { file: vscode.TestItem; tests: vscode.TestItem[] }> => {
    const jobs = new Map<string, { file: vscode.TestItem; tests: vscode.TestItem[] }>();
    const excluded = new Set((request.exclude ?? []).map((item) => item.id));
    const addFile = (file: vscode.TestItem, tests: vscode.TestItem[]) => {
      const job = jobs.get(file.id) ?? { file, tests: [] };
      for (const test of tests) if (!excluded.has(test.id) && !job.tests.includes(test)) job.tests.push(test);
      jobs.set(file.id, job);
    };
    const children = (item: vscode.TestItem) => { const all: vscode.TestItem[] = []; item.children.forEach((child) => all.push(child)); return all; };
    const add = (item: vscode.TestItem) => {
      if (excluded.has(item.id)) return;
      if (item.id.startsWith('definition:')) children(item).forEach(add);
      else if (item.parent && !item.parent.id.startsWith('definition:')) addFile(item.parent, [item]);
      else addFile(item, children(item));
    };
    if (request.include) request.include.forEach(add);
    else controller.items.forEach(add);
    return jobs;
  };

  const location = (uri: vscode.Uri, problem: LocatedProblem) =>
    new vscode.Location(uri, new vscode.Range(problem.range.start.line, problem.range.start.character, problem.range.end.line, problem.range.end.character));

  const message = (uri: vscode.Uri, problem: LocatedProblem) => {
    const shown = problem.expected !== undefined && problem.actual !== undefined
      ? vscode.TestMessage.diff(problem.message, problem.expected, problem.actual)
      : new vscode.TestMessage(problem.message);
    shown.location = location(uri, problem);
    return shown;
  };

  const report = (run: vscode.TestRun, file: vscode.TestItem, result: TestFileResult, tests: vscode.TestItem[]) => {
    const uri = file.uri!;
    if (result.problems.length) {
      for (const test of tests) run.errored(test, result.problems.map((problem) => message(uri, problem)));
      return;
    }
    for (const test of tests) {
      const outcome = result.tests.find((candidate) => candidate.name === test.label);
      if (!outcome) run.skipped(test);
      else if (outcome.outcome === 'passed') run.passed(test, outcome.durationMs);
      else if (outcome.outcome === 'skipped') run.skipped(test);
      else failed(run, test, uri, outcome);
    }
  };

  /** A failure; with its execution in the executions list, its messages offer to open the execution's view. */
  const failed = (run: vscode.TestRun, test: vscode.TestItem, uri: vscode.Uri, outcome: TestResult) => {
    const messages = outcome.failures.map((failure) => message(uri, failure));
    const history = outcome.execution?.history;
    if (history) {
      for (const shown of messages) shown.contextValue = FAILURE_WITH_EXECUTION;
      failedExecutions.set(test.id, history.outcome.executionArn);
    } else failedExecutions.delete(test.id);
    run.failed(test, messages, outcome.durationMs);
    if (history) void runs.recordWritten(history).catch((error: Error) => workbench.output.error(`The execution of '${test.label}' could not be listed: ${error.message}`));
  };

  /** The runs read the files from disk: saved first, the tests run what the editor shows. */
  const saveEdited = async (jobs: { file: vscode.TestItem }[]) => {
    const concerned = new Set(jobs.flatMap(({ file }) => [file.uri!.fsPath, definitions.get(file.uri!.fsPath)]));
    await Promise.all(vscode.workspace.textDocuments.filter((document) => document.isDirty && concerned.has(document.uri.fsPath)).map((document) => document.save()));
  };

  const runTests = async (request: vscode.TestRunRequest, token: vscode.CancellationToken, coverage: boolean, updateSnapshots = false) => {
    const jobs = [...jobsOf(request).values()].filter((job) => job.tests.length);
    const run = controller.createTestRun(request);
    try {
      await saveEdited(jobs);
      for (const { tests } of jobs) tests.forEach((test) => run.started(test));
      const files: TestFileJob[] = jobs.map(({ file, tests }) => ({ file: file.uri!.fsPath, names: tests.map((test) => test.label) }));
      const answer = await client.sendRequest(RunTestsRequest, { files, coverage, failedHistories: runs.store.root, updateSnapshots }, token);
      answer.results.forEach((result, index) => report(run, jobs[index].file, result, jobs[index].tests));
      for (const covered of answer.coverage) {
        const states = covered.targets.states;
        const statesHit = states.filter((state) => (covered.hits.states[state.name] ?? 0) > 0).length;
        const branchesHit = covered.targets.branches.filter((branch) => (covered.hits.branches[branch.key] ?? 0) > 0).length;
        const fileCoverage = new vscode.FileCoverage(vscode.Uri.file(covered.file), new vscode.TestCoverageCount(statesHit, states.length), new vscode.TestCoverageCount(branchesHit, covered.targets.branches.length));
        details.set(fileCoverage, covered);
        run.addCoverage(fileCoverage);
      }
    } catch (error) {
      if (!token.isCancellationRequested) {
        for (const { tests } of jobs) tests.forEach((test) => run.errored(test, new vscode.TestMessage(`The tests could not run: ${(error as Error).message}`)));
      }
    } finally {
      run.end();
    }
  };

  const runProfile = controller.createRunProfile('Run', vscode.TestRunProfileKind.Run, (request, token) => {
    if (!request.continuous) return runTests(request, token, false);
    // Continuous: the tests of the request run again whenever one of their files (test, definition) is saved.
    const saved = vscode.workspace.onDidSaveTextDocument((document) => {
      const file = document.uri.fsPath;
      const affected = [...jobsOf(request).values()].filter(({ file: item }) => item.uri!.fsPath === file || definitions.get(item.uri!.fsPath) === file);
      if (!affected.length) return;
      void runTests(new vscode.TestRunRequest(affected.flatMap(({ tests }) => tests), request.exclude, runProfile), token, false);
    });
    token.onCancellationRequested(() => saved.dispose());
  }, true, undefined, true);
  // Not a default profile: it writes into test files.
  const snapshotProfile = controller.createRunProfile('Run and Update Snapshots', vscode.TestRunProfileKind.Run, (request, token) => runTests(request, token, false, true), false);
  const coverageProfile = controller.createRunProfile('Run with Coverage', vscode.TestRunProfileKind.Coverage, (request, token) => runTests(request, token, true), true);
  coverageProfile.loadDetailedCoverage = async (_run, fileCoverage) => {
    const covered = details.get(fileCoverage);
    if (!covered) return [];
    const document = await vscode.workspace.openTextDocument(fileCoverage.uri);
    const lineRange = (line: number) => document.lineAt(Math.min(line - 1, document.lineCount - 1)).range;
    return covered.targets.states.map((state) => new vscode.StatementCoverage(
      covered.hits.states[state.name] ?? 0,
      lineRange(covered.lines.states[state.name]),
      covered.targets.branches.filter((branch) => branch.state === state.name).map((branch) => {
        return new vscode.BranchCoverage(covered.hits.branches[branch.key] ?? 0, lineRange(covered.lines.branches[branch.key]), branch.kind === 'Default' ? 'Default' : `${branch.kind}[${branch.index}]`);
      }),
    ));
  };

  /** Each test in the step debugger, one session after another; a test's result comes when its execution ends. */
  const debugTests = async (request: vscode.TestRunRequest, token: vscode.CancellationToken) => {
    const jobs = [...jobsOf(request).values()].filter((job) => job.tests.length);
    const run = controller.createTestRun(request);
    try {
      await saveEdited(jobs);
      for (const { file, tests } of jobs) {
        for (const test of tests) {
          if (token.isCancellationRequested) {
            run.skipped(test);
            continue;
          }
          run.started(test);
          const debugged = await debugTest(run, file.uri!, test.label, definitions.get(file.uri!.fsPath), token);
          if ('notStarted' in debugged) run.errored(test, new vscode.TestMessage('The debug session of the test did not start.'));
          else if ('stopped' in debugged) run.skipped(test);
          else if (debugged.result.outcome === 'passed') run.passed(test);
          else run.failed(test, debugged.result.failures.map((failure) => message(file.uri!, failure)));
        }
      }
    } finally {
      run.end();
    }
  };
  const debugProfile = controller.createRunProfile('Debug', vscode.TestRunProfileKind.Debug, debugTests, true);

  const codeLenses = vscode.languages.registerCodeLensProvider({ pattern: TEST_FILES }, {
    async provideCodeLenses(document) {
      const listed = await outline(document.uri, document.getText()).catch(() => undefined);
      return (listed?.tests ?? []).flatMap((test) => {
        const range = new vscode.Range(test.range.start.line, test.range.start.character, test.range.end.line, test.range.end.character);
        return [
          new vscode.CodeLens(range, { title: '$(play) Run test', command: 'aslWorkbench.runTest', arguments: [document.uri.toString(), test.name] }),
          new vscode.CodeLens(range, { title: '$(debug-alt) Debug test', command: 'aslWorkbench.debugTest', arguments: [document.uri.toString(), test.name] }),
        ];
      });
    },
  });

  /** Runs one test with a profile's handler (the code lenses' commands). */
  const oneTest = async (uriText: string, name: string, profile: vscode.TestRunProfile, handler: (request: vscode.TestRunRequest, token: vscode.CancellationToken) => Promise<void>) => {
    const file = await refreshFile(vscode.Uri.parse(uriText));
    const test = file?.children.get(`${uriText}#${name}`);
    if (!test) return;
    const cancel = new vscode.CancellationTokenSource();
    try {
      await handler(new vscode.TestRunRequest([test], undefined, profile), cancel.token);
    } finally {
      cancel.dispose();
    }
  };

  // Test files open in an editor (saved or not) are listed at once; the rest when the Test Explorer opens.
  void Promise.all(vscode.workspace.textDocuments.filter((document) => TEST_FILE.test(document.uri.fsPath)).map((document) => refreshFile(document.uri)));

  const disposables = [controller, watcher, runProfile, snapshotProfile, coverageProfile, debugProfile, codeLenses, ...registerTestFileAssist(workbench)];
  return {
    runTest: (uriText, name) => oneTest(uriText, name, runProfile, (request, token) => runTests(request, token, false)),
    debugTest: (uriText, name) => oneTest(uriText, name, debugProfile, debugTests),
    failedExecution: (test) => failedExecutions.get(test.id),
    dispose: () => disposables.forEach((disposable) => disposable.dispose()),
  };
}

export const TEST_COMMANDS: CommandTable = {
  'aslWorkbench.runTest': (context, uriText: string, name: string) => context.tests.runTest(uriText, name),
  'aslWorkbench.debugTest': (context, uriText: string, name: string) => context.tests.debugTest(uriText, name),
  'aslWorkbench.saveExecutionAsTest': saveExecutionAsTest,
  'aslWorkbench.importExecutionAsTest': importExecutionAsTest,
  'aslWorkbench.openFailedTestExecution': openFailedTestExecution,
};

/** A failed test's execution view, from its message in Test Results or the peek (`testing/message/*` menus pass the test). */
async function openFailedTestExecution(context: WorkbenchContext, target?: { test?: vscode.TestItem }): Promise<void> {
  const executionArn = target?.test && context.tests.failedExecution(target.test);
  if (!executionArn) {
    void vscode.window.showInformationMessage('This test has no failed execution to show: run it again.');
    return;
  }
  await openExecution(context, executionArn);
}
