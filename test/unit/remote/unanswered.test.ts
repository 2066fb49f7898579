// Endpoints that are not Step Functions: one that accepts and never answers, one that answers an HTML
// page, one a proxy's 500, one `{}` to every call. A download, a publish and a run on them end with a
// failure that says so, rather than waiting without end, quoting the SDK's parser or reporting done.
import '../aws/loopbackOnly';
import { after, before, describe, it } from 'node:test';
import { strict as assert } from 'node:assert';
import * as http from 'node:http';
import * as net from 'node:net';
import type { AddressInfo } from 'node:net';
import { analyzeDefinitionText } from '../../../server/src/cli/definitionFile';
import { downloadDefinition } from '../../../server/src/execution/remote/download';
import { publish } from '../../../server/src/execution/remote/publish';
import { launchRemote } from '../../../server/src/execution/remote/remoteRun';
import { REMOTE_CALL_LIMITS } from '../../../server/src/execution/remote/target';
import type { RemoteTarget } from '../../../server/src/protocol';

const silentSockets = new Set<net.Socket>();
/** Accepts connections and reads the requests, never answering. */
const silent = net.createServer((socket) => {
  silentSockets.add(socket);
  socket.on('data', () => undefined);
  socket.on('close', () => silentSockets.delete(socket));
});
/** Answers every request with `status`, `type` and `body`. */
function answering(status: number, type: string, body: string): http.Server {
  return http.createServer((request, response) => {
    request.resume();
    request.on('end', () => response.writeHead(status, { 'content-type': type }).end(body));
  });
}
const page = answering(200, 'text/html', '<html>\n  <body>Welcome to nginx!</body>\n</html>');
const proxyError = answering(500, 'text/plain', 'Internal Server Error');
/** Answers every call with an empty JSON object, as Step Functions' JSON protocol would frame it. */
const empty = answering(200, 'application/x-amz-json-1.0', '{}');
const SERVERS = [silent, page, proxyError, empty];

const target = (server: net.Server): RemoteTarget & { kind: 'endpoint' } => ({ kind: 'endpoint', url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
const limits = { ...REMOTE_CALL_LIMITS };

before(async () => {
  // A second, not the 30 of a real call: the test waits for each attempt of the SDK's retries.
  REMOTE_CALL_LIMITS.answerMilliseconds = 1000;
  process.env.AWS_ACCESS_KEY_ID = 'local';
  process.env.AWS_SECRET_ACCESS_KEY = 'local';
  await Promise.all(SERVERS.map((server) => new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))));
});
after(async () => {
  Object.assign(REMOTE_CALL_LIMITS, limits);
  for (const socket of silentSockets) socket.destroy();
  await Promise.all(SERVERS.map((server) => new Promise((resolve) => server.close(resolve))));
});

describe('an endpoint that is not Step Functions', () => {
  it('a download from an endpoint that never answers fails, saying it did not answer', async () => {
    const result = await downloadDefinition({ target: target(silent), stateMachine: 'orders', format: 'json' });
    assert.deepEqual(result, { failure: { code: 'TimeoutError', message: 'no answer within 1 seconds (3 attempts)' } });
  });

  it("an HTML page or a proxy's 500 is named by its status and type, not by the SDK's parser", async () => {
    assert.deepEqual(await downloadDefinition({ target: target(page), stateMachine: 'orders', format: 'json' }), {
      failure: { code: 'HTTP 200', message: "the answer is not Step Functions' JSON (text/html)" },
    });
    assert.deepEqual(await downloadDefinition({ target: target(proxyError), stateMachine: 'orders', format: 'json' }), {
      failure: { code: 'HTTP 500', message: "the answer is not Step Functions' JSON (text/plain)" },
    });
  });

  it('a run on an endpoint that never answers, or answers nothing it asked, does not start, and says why', async () => {
    const definition = { StartAt: 'Only', States: { Only: { Type: 'Pass', End: true } } };
    const start = (server: net.Server) => launchRemote(target(server))({ definition, input: {}, stateMachineName: 'orders', clock: 'virtual', host: 'cli' }, () => undefined);
    await assert.rejects(start(silent), { message: `${target(silent).url}: TimeoutError: no answer within 1 seconds (3 attempts)` });
    await assert.rejects(start(empty), { message: `${target(empty).url}: UnexpectedAnswer: the answer to CreateStateMachine has no stateMachineArn` });
  });

  it('a publish the endpoint answers without an ARN is a failure, not a machine created as undefined', async () => {
    const text = JSON.stringify({ StartAt: 'Only', States: { Only: { Type: 'Pass', End: true } } });
    const file = '/work/orders.asl.json';
    const result = await publish((machineType) => analyzeDefinitionText(file, text, { machineType }), {
      definition: { uri: file, text }, target: target(empty), stateMachine: 'orders', roleArn: 'arn:aws:iam::123456789012:role/orders',
    });
    assert.deepEqual(result, { failure: { code: 'UnexpectedAnswer', message: 'the answer to CreateStateMachine has no stateMachineArn' } });
  });
});
