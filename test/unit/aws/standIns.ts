// DynamoDB and S3 stand-ins from npm (dynalite, s3rver), started on an ephemeral loopback port and stopped by the tests.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { AddressInfo, Server } from 'node:net';

export interface StandIn {
  url: string;
  stop(): Promise<void>;
}

export async function startDynalite(): Promise<StandIn> {
  const server: Server = require('dynalite')({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, stop: () => new Promise((resolve) => server.close(() => resolve())) };
}

export async function startS3rver(buckets: string[]): Promise<StandIn> {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 's3rver-'));
  const S3rver = require('s3rver');
  const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory, configureBuckets: buckets.map((name) => ({ name })) });
  const { port } = await server.run() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    stop: async () => {
      await server.close();
      fs.rmSync(directory, { recursive: true, force: true });
    },
  };
}
