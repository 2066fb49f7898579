// Loads the AWS SDK clients' bundle (./awsClients.ts, dist/awsClients.js) on the first call to AWS: a
// local run never loads it. The .vsix holds it brotli-compressed (esbuild.js packs it into
// awsClients.js.br: 220 KB as the .vsix's deflate leaves it, 166 KB so), unpacked once per build
// beside the code cache (../../startup/packed.ts), or run from memory where that folder is read-only.
import { codeCacheFolder } from '../../startup/codeCache';
import { besideBundle, plainFile, requirePacked } from '../../startup/packed';

type AwsClients = typeof import('./awsClients');

/** Beside the bundle that holds this module (dist/), or beside this module as tsc compiles it (out/, the unit tests). */
const AWS_CLIENTS = besideBundle(__dirname, 'awsClients.js');

let loaded: AwsClients | undefined;

/** The clients' module, loaded once per process. */
export function awsClients(): AwsClients {
  // A path known at run time only: the bundler leaves the clients in their own bundle.
  if (!loaded) {
    const plain = plainFile(AWS_CLIENTS, codeCacheFolder());
    loaded = (plain ? require(plain) : requirePacked(AWS_CLIENTS)) as AwsClients;
  }
  return loaded;
}
