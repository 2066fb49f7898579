// The run-locally requests as the server answers them on its connection.
import { strict as assert } from 'node:assert';
import { it } from 'node:test';
import type { Connection } from 'vscode-languageserver/node';
import { interpreter } from '../../../server/src/execution/interpreter';
import { listenForRuns } from '../../../server/src/execution/handlers';
import { launchInProcess } from '../../../server/src/execution/launch';
import { getLanguageService } from '../../../server/src/languageService';
import { ExecutionGraphRequest, type GraphModel, type SourceText } from '../../../server/src/protocol';

/** The connection's request handlers by method, as the server registers them. */
function requestHandlers(): Map<string, (params: unknown) => unknown> {
  const handlers = new Map<string, (params: unknown) => unknown>();
  const connection = {
    onRequest: (type: { method: string }, handler: (params: unknown) => unknown) => handlers.set(type.method, handler),
    sendNotification: () => undefined,
  } as unknown as Connection;
  listenForRuns(connection, getLanguageService(), interpreter, launchInProcess(interpreter));
  return handlers;
}

it('draws an execution\'s graph from its definition read as the editor reads it: by language id, YAML merge keys included', () => {
  const graph = requestHandlers().get(ExecutionGraphRequest.method)!;
  const text = 'StartAt: A\nStates:\n  A: &pass\n    Type: Pass\n    Next: B\n  B:\n    <<: *pass\n    Next: C\n  C:\n    Type: Succeed\n';
  const untitled: SourceText = { uri: 'untitled:Untitled-1', languageId: 'asl-yaml', text };
  const model = graph({ definition: untitled }) as GraphModel;
  const states = model.root.nodes.filter((node) => node.kind === 'state').map((node) => [node.name, node.type]);
  assert.deepEqual(states, [['A', 'Pass'], ['B', 'Pass'], ['C', 'Succeed']]);
});
