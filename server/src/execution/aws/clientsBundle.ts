// Loads the AWS SDK clients' bundle (./awsClients.ts, dist/awsClients.js) on the first call to AWS: a
// local run never loads it. The .vsix holds it brotli-compressed (esbuild.js packs it into
// awsClients.js.br: 220 KB as the .vsix's deflate leaves it, 166 KB so), unpacked here in memory.
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import * as vm from 'node:vm';
import * as zlib from 'node:zlib';

type AwsClients = typeof import('./awsClients');

/** Beside the bundle that holds this module (dist/), or beside this module as tsc compiles it (out/, the unit tests). */
const AWS_CLIENTS = path.join(__dirname, 'awsClients.js');

/** The brotli-compressed form of a bundle, as the .vsix holds the large ones loaded on first use. */
export const packedFile = (file: string) => `${file}.br`;

let loaded: AwsClients | undefined;

/** The clients' module, loaded once per process. */
export function awsClients(): AwsClients {
  // A path known at run time only: the bundler leaves the clients in their own bundle.
  loaded ??= (fs.existsSync(AWS_CLIENTS) ? require(AWS_CLIENTS) : requirePacked(AWS_CLIENTS)) as AwsClients;
  return loaded;
}

/**
 * Runs the CommonJS bundle `file` from its packed form as `require` would run the file itself: its
 * own `require`, `module`, `__filename` and `__dirname`. The bundle must not use `import()`, which a
 * script compiled here cannot reach on Node 20 (esbuild.js turns it into `require`).
 */
export function requirePacked(file: string): unknown {
  const source = zlib.brotliDecompressSync(fs.readFileSync(packedFile(file))).toString('utf8');
  const module = { exports: {} as unknown };
  const run = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename: file }).runInThisContext();
  run(module.exports, createRequire(file), module, file, path.dirname(file));
  return module.exports;
}
