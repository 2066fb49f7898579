// The test requests on the language server's connection: the outline of a test file for the Test
// Explorer, runs of test files (in the pool's processes, as the CLI runs them), and tests made from executions.
import { pathToFileURL } from 'node:url';
import type { Connection } from 'vscode-languageserver/node';
import { combineCoverage } from '../core/testing/coverage';
import type { AslLanguageService } from '../languageService';
import { ListTestsRequest, RunTestsRequest, SaveTestRequest, TestFileAssistRequest } from '../protocol';
import { testFileAssist } from './assist';
import { analyzeDefinitionFile } from '../cli/definitionFile';
import { UsageError } from '../cli/execution';
import { saveTest } from './saveTest';
import { runTestFiles } from './pool';
import { testFileOutline } from './runner';

export function listenForTests(connection: Connection, service: AslLanguageService): void {
  connection.onRequest(ListTestsRequest, ({ file, text }) => testFileOutline(file, text));
  // The definitions as on disk, through the server's one analysis of each.
  const analyzeFile = (file: string, machineId?: string) => {
    try {
      return analyzeDefinitionFile(file, {}, machineId, service);
    } catch (error) {
      if (error instanceof UsageError) return undefined; // the runner tells why
      throw error;
    }
  };
  connection.onRequest(TestFileAssistRequest, ({ file, text, offset }) => testFileAssist(file, text, offset, analyzeFile));
  connection.onRequest(SaveTestRequest, (params) => {
    const definition = service.analyze({ uri: pathToFileURL(params.definition).href, text: params.definitionText }).value as { States?: object } | undefined;
    return saveTest(params, definition?.States && typeof definition.States === 'object' ? Object.keys(definition.States) : undefined);
  });
  connection.onRequest(RunTestsRequest, async ({ files, coverage, failedHistories, updateSnapshots }, token) => {
    const abort = new AbortController();
    token.onCancellationRequested(() => abort.abort());
    const results = await runTestFiles(files, { coverage, failedHistories, updateSnapshots }, abort.signal);
    return {
      results: results.map(({ coverage: _, ...result }) => result),
      coverage: combineCoverage(results.flatMap((result) => (result.coverage ? [result.coverage] : []))),
    };
  });
}
