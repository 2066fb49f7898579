// Bundles every entry point into dist/: the extension client, the language server,
// the CLI (all Node, CommonJS) and one browser script per webview.
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');
const esbuild = require('esbuild');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
// dist/, unless `--outdir=<folder>` (a benchmark builds the production bundles apart from the development ones).
const outdir = process.argv.find((arg) => arg.startsWith('--outdir='))?.slice('--outdir='.length) ?? 'dist';

// mainFields: the UMD builds of vscode-json-languageservice and jsonc-parser require their
// modules dynamically, which a bundle cannot resolve; their ESM builds bundle statically.
// alias: @vscode/l10n's Node build loads node:fs/promises (and readline) on start to read translation
// bundles, which nothing here configures; its browser build translates alike without them.
const node = {
  platform: 'node', format: 'cjs', target: 'node20', external: ['vscode'], mainFields: ['module', 'main'],
  alias: { '@vscode/l10n': '@vscode/l10n/dist/browser.js' },
};
const browser = { platform: 'browser', format: 'iife', target: 'es2022' };

/**
 * The Node processes but the extension host's share one bundle, dist/node.bundle.js (its entries in
 * server/src/startup/entries.ts): each starts from dist/<entry>.js, a line that runs the bundle through
 * dist/starter.js (server/src/startup/codeCache.ts: a short process through V8's code cache), one copy
 * of it for every entry, and calls its entry.
 */
const NODE_BUNDLE = 'node.bundle';
const STARTER = 'starter';
const processEntries = ['server', 'executionProcess', 'testWorker', 'cli', 'debugAdapter'];
/** The short processes, which start through the code cache. */
const cachedEntries = new Set(['executionProcess', 'testWorker', 'cli']);
const starterOf = (entry) => ({
  ...node,
  external: [...node.external, `./${STARTER}.js`],
  ...(entry === 'cli' ? { banner: { js: '#!/usr/bin/env node' } } : {}),
  stdin: {
    contents: `require(${JSON.stringify(`./${STARTER}.js`)}).runEntry(require('node:path').join(__dirname, ${JSON.stringify(`${NODE_BUNDLE}.js`)}), ${JSON.stringify(entry)}, module, ${cachedEntries.has(entry)});\n`,
    loader: 'js',
  },
  out: entry,
});

/**
 * The AWS clients' bundle (server/src/execution/aws/awsClients.ts) takes from each client package
 * what a call needs: its client, its base exception and its commands. Its namespace imports of the
 * packages' index would keep all of it (the aggregated client, paginators, waiters, every schema's
 * export): 77 KB more in the .vsix.
 */
const awsSdkCommandsOnly = {
  name: 'aws-sdk-commands-only',
  setup(build) {
    build.onResolve({ filter: /^@aws-sdk\/client-[\w-]+$/ }, ({ path: name }) => ({ path: name, namespace: 'aws-sdk-commands' }));
    build.onLoad({ filter: /.*/, namespace: 'aws-sdk-commands' }, ({ path: name }) => {
      const dist = path.join(path.dirname(require.resolve(`${name}/package.json`)), 'dist-es');
      const client = fs.readdirSync(dist).find((file) => file.endsWith('Client.js'));
      const exception = fs.readdirSync(path.join(dist, 'models')).find((file) => file.endsWith('ServiceException.js'));
      const modules = ['commands/index.js', client, `models/${exception}`];
      return { contents: modules.map((module) => `export * from './${module}';`).join('\n'), resolveDir: dist };
    });
  },
};

/** One line per entry point; each webview folder under client/src/webviews adds its own. */
const entries = [
  // The extension's main, dist/client.js, a starter that runs the extension host's bundle, which a production
  // build stores packed (client/src/starter.ts).
  { in: 'client/src/starter.ts', out: 'client', ...node },
  { in: 'client/src/main.ts', out: 'client.bundle', ...node, packed: true },
  // Unpacked once per build beside the code cache by its starters (server/src/startup/packed.ts).
  { in: 'server/src/startup/entries.ts', out: NODE_BUNDLE, ...node, packed: true },
  { in: 'server/src/startup/codeCache.ts', out: STARTER, ...node },
  ...processEntries.map(starterOf),
  // Unpacked on first use (server/src/execution/aws/clientsBundle.ts), or run from memory where import() has no loader: esbuild makes it require().
  { in: 'server/src/execution/aws/awsClients.ts', out: 'awsClients', ...node, plugins: [awsSdkCommandsOnly], supported: { 'dynamic-import': false }, packed: true },
  { in: 'client/src/webviews/graph/main.ts', out: 'webviews/graph', ...browser },
  { in: 'client/src/webviews/startExecution/main.ts', out: 'webviews/startExecution', ...browser },
  { in: 'client/src/webviews/executionView/main.ts', out: 'webviews/executionView', ...browser },
  // ELK, shared by the graph preview and the execution view (loaded by client/src/webviews/elk/load.ts).
  // Unpacked by the extension host (client/src/webviews/elkScript.ts).
  { in: 'client/src/webviews/elk/main.ts', out: 'webviews/elk', ...browser, packed: true },
];

/**
 * A production build packs the large bundles, the Node processes', the extension host's, ELK and the AWS clients, with brotli
 * (dist/<out>.js.br): the .vsix's deflate leaves them a third larger (elk.js 451 KB, 346 KB so).
 * Their loaders unpack each once per build (server/src/startup/packed.ts); a development build leaves them as they are.
 */
function pack(out) {
  const file = path.join(outdir, `${out}.js`);
  const text = fs.readFileSync(file);
  fs.writeFileSync(`${file}.br`, zlib.brotliCompressSync(text, {
    params: { [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY, [zlib.constants.BROTLI_PARAM_LGWIN]: zlib.constants.BROTLI_MAX_WINDOW_BITS, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: text.length },
  }));
  fs.rmSync(file);
}

async function main() {
  // A build replaces dist/ whole, so no stale file (say a source map of a development build) ends up in the .vsix.
  if (!watch) fs.rmSync(outdir, { recursive: true, force: true });
  const contexts = await Promise.all(entries.map(({ in: entry, out, packed, ...options }) =>
    esbuild.context({
      ...(entry ? { entryPoints: { [out]: entry }, outdir } : { outfile: path.join(outdir, `${out}.js`) }),
      bundle: true,
      minify: production,
      sourcemap: !production,
      logLevel: 'warning',
      ...options,
    })));
  if (watch) {
    await Promise.all(contexts.map((context) => context.watch()));
    return;
  }
  await Promise.all(contexts.map((context) => context.rebuild()));
  await Promise.all(contexts.map((context) => context.dispose()));
  if (production) for (const { out } of entries.filter(({ packed }) => packed)) pack(out);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
