// The test requests on the language server's connection: the outline of a test file for the Test
// Explorer, and runs of test files (in the pool's processes, as the CLI runs them).
import type { Connection } from 'vscode-languageserver/node';
import { combineCoverage } from '../core/testing/coverage';
import { ListTestsRequest, RunTestsRequest } from '../protocol';
import { runTestFiles } from './pool';
import { testFileOutline } from './runner';

export function listenForTests(connection: Connection): void {
  connection.onRequest(ListTestsRequest, ({ file, text }) => testFileOutline(file, text));
  connection.onRequest(RunTestsRequest, async ({ files, coverage }, token) => {
    const abort = new AbortController();
    token.onCancellationRequested(() => abort.abort());
    const results = await runTestFiles(files, { coverage }, abort.signal);
    return {
      results: results.map(({ coverage: _, ...result }) => result),
      coverage: combineCoverage(results.flatMap((result) => (result.coverage ? [result.coverage] : []))),
    };
  });
}
