// Where a run, a publish or a download goes when it is not the embedded interpreter: AWS (a profile
// and a region) or any Step Functions-compatible URL (the local endpoint, LocalStack). Credentials
// come only from the AWS SDK's default chain; nothing here reads, stores or logs one.
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import type { RemoteTarget } from '../../protocol';

type RemoteClients = typeof import('../aws/awsClients').remoteClients;

/** Beside the bundle that holds this module (dist/), or in its sibling folder compiled (out/). */
const AWS_CLIENTS = [path.join(__dirname, 'awsClients.js'), path.join(__dirname, '../aws/awsClients.js')].find((file) => existsSync(file)) ?? path.join(__dirname, 'awsClients.js');

/** The SDK modules, loaded on first use: a local run never loads them. */
export function remoteClients(): RemoteClients {
  // A path known at run time only: the bundler leaves the clients in their own bundle.
  return (require(AWS_CLIENTS) as typeof import('../aws/awsClients')).remoteClients;
}

/** An SDK client's configuration for a target: its profile, region and endpoint. */
export function clientConfig(target: RemoteTarget): { profile?: string; region?: string; endpoint?: string; disableHostPrefix?: boolean; credentials?: { accessKeyId: string; secretAccessKey: string } } {
  if (target.kind === 'aws') return { profile: target.profile, region: target.region };
  // A local endpoint signs nothing it checks, yet the SDK signs every request: any region does, and on
  // loopback any credentials (no chain need hold some). An endpoint's host takes no `sync-` prefix
  // (StartSyncExecution's), which no resolver knows for an address.
  const loopback = /^(127\.\d+\.\d+\.\d+|\[::1\]|localhost)$/.test(new URL(target.url).hostname);
  return {
    endpoint: target.url, region: target.region ?? 'us-east-1', disableHostPrefix: true,
    ...(loopback ? { credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
  };
}

/** The Step Functions client of a target (one per call site; `destroy()` it when done). */
export function stepFunctionsClient(target: RemoteTarget): InstanceType<RemoteClients['sfn']['SFNClient']> {
  return new (remoteClients().sfn.SFNClient)(clientConfig(target));
}

/** How the target is named to the user (shared with the client, in the protocol). */
export { targetLabel } from '../../protocol';
