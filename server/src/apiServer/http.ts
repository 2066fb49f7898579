// The AWS JSON 1.0 protocol as the SDKs and the AWS CLI send it: POST / with
// `X-Amz-Target: AWSStepFunctions.<Action>` and a JSON body; the answer is JSON, an error HTTP 400
// with `{"__type", "message"}`. Signatures (SigV4) are accepted whatever the credentials, and the
// `sync-` host prefix of StartSyncExecution and TestState is accepted: the host is not read.
import * as http from 'node:http';
import { randomUUID } from 'node:crypto';
import { ApiError } from './errors';

/** A request body larger than this is refused (a definition is at most 1 MiB, twice that escaped). */
const MAX_BODY_BYTES = 8 * 1024 * 1024;
const TARGET = /^AWSStepFunctions\.(\w+)$/;
const CONTENT_TYPE = 'application/x-amz-json-1.0';

export type Actions = Record<string, (input: Record<string, unknown>) => Promise<unknown> | unknown>;

/**
 * How long an idle kept-alive connection stays open. The SDKs keep connections for reuse: a server
 * that closed one first (Node's default is 5 s) makes the next request on it fail with a reset.
 */
const KEEP_ALIVE_MS = 65_000;

export function createApiServer(actions: Actions, log: (line: string) => void = () => undefined): http.Server {
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    request.on('end', () => {
      void answer(actions, request, size > MAX_BODY_BYTES ? undefined : Buffer.concat(chunks).toString('utf8'), log).then(({ status, body }) => {
        const payload = JSON.stringify(body);
        response.writeHead(status, { 'Content-Type': CONTENT_TYPE, 'Content-Length': Buffer.byteLength(payload), 'x-amzn-RequestId': randomUUID() });
        response.end(payload);
      });
    });
  });
  server.keepAliveTimeout = KEEP_ALIVE_MS;
  server.headersTimeout = KEEP_ALIVE_MS + 1000;
  return server;
}

async function answer(actions: Actions, request: http.IncomingMessage, body: string | undefined, log: (line: string) => void): Promise<{ status: number; body: unknown }> {
  try {
    // An absolute URL too: a client that sends `sync-` hosts through this server as its HTTP proxy (the AWS CLI, see README).
    // (Read by hand: `sync-127.0.0.1` is no host to the URL parser, its last label being a number.)
    if (request.method !== 'POST' || (request.url ?? '/').replace(/^[a-z]+:\/\/[^/]*/i, '').split('?')[0] !== '/') {
      throw new ApiError('UnknownOperationException', 'The Step Functions API takes POST / (the AWS JSON 1.0 protocol)', 404);
    }
    const target = TARGET.exec(String(request.headers['x-amz-target'] ?? ''));
    const action = target && Object.prototype.hasOwnProperty.call(actions, target[1]) ? actions[target[1]] : undefined;
    if (!action) throw new ApiError('UnknownOperationException', `Unknown operation: ${String(request.headers['x-amz-target'] ?? '(no X-Amz-Target header)')}`);
    if (body === undefined) throw new ApiError('ValidationException', `The request body is larger than ${MAX_BODY_BYTES} bytes`, 413);
    let input: unknown;
    try {
      input = body.trim() === '' ? {} : JSON.parse(body);
    } catch (error) {
      throw new ApiError('SerializationException', `The request body is not JSON: ${(error as Error).message}`);
    }
    if (input === null || typeof input !== 'object' || Array.isArray(input)) throw new ApiError('SerializationException', 'The request body must be a JSON object');
    return { status: 200, body: await action(input as Record<string, unknown>) };
  } catch (error) {
    if (error instanceof ApiError) return { status: error.status, body: { __type: error.type, message: error.message } };
    log(`internal error: ${error instanceof Error ? error.stack : String(error)}`);
    return { status: 500, body: { __type: 'InternalFailure', message: error instanceof Error ? error.message : String(error) } };
  }
}
