// A guard for tests that call AWS's APIs: any connection to an address other than loopback throws,
// so that no test reaches AWS (or anything) over the network. Loaded by these tests, and given to
// the processes they start with `node --require`.
import * as net from 'node:net';

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/;

export class NonLoopbackConnection extends Error {}

const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function guardedConnect(this: net.Socket, ...args: unknown[]) {
  // net.connect() passes its arguments normalized: [[options, callback]].
  const [first, second] = (Array.isArray(args[0]) ? args[0] : args) as [unknown, unknown];
  const options = (typeof first === 'object' && first !== null ? first : undefined) as net.TcpNetConnectOpts & net.IpcNetConnectOpts | undefined;
  // A Unix socket or a pipe (the IPC of a child process) is local.
  if (options?.path === undefined && !(typeof first === 'string' && Number.isNaN(Number(first)))) {
    const host = options ? options.host ?? 'localhost' : typeof second === 'string' ? second : 'localhost';
    if (!LOOPBACK.test(host)) throw new NonLoopbackConnection(`A test tried to connect to ${host}: tests reach loopback only`);
  }
  return (connect as (...a: unknown[]) => net.Socket).apply(this, args);
} as typeof net.Socket.prototype.connect;

/** Credentials for the SDK's default chain (its environment step): s3rver's own, which dynalite accepts too. */
export const TEST_CREDENTIALS = { AWS_ACCESS_KEY_ID: 'S3RVER', AWS_SECRET_ACCESS_KEY: 'S3RVER', AWS_REGION: 'us-east-1', AWS_EC2_METADATA_DISABLED: 'true' };
