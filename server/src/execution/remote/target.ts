// Where a run, a publish or a download goes when it is not the embedded interpreter: AWS (a profile
// and a region) or any Step Functions-compatible URL (the local endpoint, LocalStack). Credentials
// come only from the AWS SDK's default chain; nothing here reads, stores or logs one.
import { awsClients } from '../aws/clientsBundle';
import type { RemoteFailure, RemoteTarget } from '../../protocol';

type RemoteClients = ReturnType<typeof awsClients>['remoteClients'];

/** The SDK modules, loaded on first use: a local run never loads them. */
export function remoteClients(): RemoteClients {
  return awsClients().remoteClients;
}

type Credentials = { accessKeyId: string; secretAccessKey: string; sessionToken?: string };

/**
 * How long one call may wait for its answer: the SDK's own default is 15 minutes, which an endpoint that
 * accepts and never answers turns into a CLI or a view waiting for nothing. Tests shorten it.
 */
export const REMOTE_CALL_LIMITS = { connectMilliseconds: 10_000, answerMilliseconds: 30_000 };

type RequestHandlerConfig = { connectionTimeout: number; requestTimeout: number; throwOnRequestTimeout: true };

/** An SDK client's configuration for a target: its profile, region and endpoint, and how long a call may wait. */
export function clientConfig(target: RemoteTarget): { profile?: string; region?: string; endpoint?: string; disableHostPrefix?: boolean; credentials?: () => Promise<Credentials>; requestHandler: RequestHandlerConfig } {
  const requestHandler: RequestHandlerConfig = { connectionTimeout: REMOTE_CALL_LIMITS.connectMilliseconds, requestTimeout: REMOTE_CALL_LIMITS.answerMilliseconds, throwOnRequestTimeout: true };
  if (target.kind === 'aws') return { profile: target.profile, region: target.region, requestHandler };
  // A local endpoint signs nothing it checks, yet the SDK signs every request: any region does. An
  // endpoint's host takes no `sync-` prefix (StartSyncExecution's), which no resolver knows for an address.
  const region = target.region ?? 'us-east-1';
  return { endpoint: target.url, region, disableHostPrefix: true, credentials: () => endpointCredentials(region), requestHandler };
}

/** What signs a request to an endpoint when the default chain has nothing: placeholders, which a local endpoint does not check. */
const UNCHECKED_CREDENTIALS: Credentials = { accessKeyId: 'local', secretAccessKey: 'local' };

/** The default chain's credentials; without any (a machine never set up for AWS), placeholders the endpoint does not check. */
async function endpointCredentials(region: string): Promise<Credentials> {
  // A client's resolved configuration holds the default chain's provider.
  const probe = new (remoteClients().sts.STSClient)({ region });
  try {
    return await probe.config.credentials();
  } catch {
    return UNCHECKED_CREDENTIALS;
  } finally {
    probe.destroy();
  }
}

/** The Step Functions client of a target (one per call site; `destroy()` it when done). */
export function stepFunctionsClient(target: RemoteTarget): InstanceType<RemoteClients['sfn']['SFNClient']> {
  return new (remoteClients().sfn.SFNClient)(clientConfig(target));
}

// How a target is named to the user: the client names it so too.
export { targetLabel } from '../../protocol';

/** An endpoint's answer without a member AWS always gives: not Step Functions, whatever it says. */
class UnexpectedAnswer extends Error {
  override name = 'UnexpectedAnswer';
}

/** The member of an answer AWS always gives; an endpoint's answer without it is a failure, not an `undefined` ARN reported as done. */
export function answered<T>(value: T | undefined, operation: string, member: string): T {
  if (value === undefined || value === null) throw new UnexpectedAnswer(`the answer to ${operation} has no ${member}`);
  return value;
}

/** AWS's error code and message of a failed call, word for word (a network failure: its system code). */
export function remoteFailure(error: unknown): RemoteFailure {
  const transport = transportFailure(error);
  if (transport) return transport;
  const { name, code, message } = (error ?? {}) as { name?: string; code?: unknown; message?: string };
  // The SDK names a service's exception by AWS's code; Node's socket errors carry theirs in `code`.
  const awsCode = typeof code === 'string' ? code : name && name !== 'Error' ? name : 'Error';
  return { code: awsCode, message: message || String(error) };
}

/**
 * A call that got no answer in time, or an answer that is not Step Functions' (an HTML page, a proxy's
 * 500): said in the user's words rather than the SDK's (a socket's timer, a JSON parser's complaint).
 */
export function transportFailure(error: unknown): RemoteFailure | undefined {
  const { name, message, $metadata, $response } = (error ?? {}) as {
    name?: string; message?: string; $metadata?: { attempts?: number }; $response?: { statusCode?: number; headers?: Record<string, string> };
  };
  if (name === 'TimeoutError') {
    // The handler's message names its limit (a call may have its own, longer than the client's).
    const seconds = Number(/(\d+) ms/.exec(message ?? '')?.[1] ?? NaN) / 1000;
    const attempts = $metadata?.attempts ?? 1;
    const within = Number.isFinite(seconds) ? ` within ${seconds} seconds` : '';
    const what = message?.includes('connection') ? `could not connect${within}` : `no answer${within}`;
    return { code: 'TimeoutError', message: `${what}${attempts > 1 ? ` (${attempts} attempts)` : ''}` };
  }
  // The SDK parsed no Step Functions answer (its service errors carry $metadata from the parser).
  // The SDK parsed no Step Functions answer (its service errors carry $metadata from the parser); the
  // JSON protocol keeps no body, its status and type say enough (an HTML page, a proxy's error).
  if ($response && name === 'SyntaxError') {
    const type = $response.headers?.['content-type'];
    return { code: `HTTP ${$response.statusCode}`, message: `the answer is not Step Functions' JSON${type ? ` (${type})` : ''}` };
  }
  return undefined;
}
