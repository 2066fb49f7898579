// Bundles every entry point into dist/: the extension client, the language server,
// the CLI (all Node, CommonJS) and one browser script per webview.
const fs = require('fs');
const esbuild = require('esbuild');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

// mainFields: the UMD builds of vscode-json-languageservice and jsonc-parser require their
// modules dynamically, which a bundle cannot resolve; their ESM builds bundle statically.
const node = { platform: 'node', format: 'cjs', target: 'node20', external: ['vscode'], mainFields: ['module', 'main'] };
const browser = { platform: 'browser', format: 'iife', target: 'es2022' };

/** One line per entry point; each webview folder under client/src/webviews adds its own. */
const entries = [
  { in: 'client/src/main.ts', out: 'client', ...node },
  { in: 'server/src/server.ts', out: 'server', ...node },
  { in: 'server/src/execution/executionProcess.ts', out: 'executionProcess', ...node, codeCache: true },
  { in: 'server/src/execution/aws/awsClients.ts', out: 'awsClients', ...node },
  { in: 'server/src/testing/testWorker.ts', out: 'testWorker', ...node },
  { in: 'server/src/cli/main.ts', out: 'cli', ...node, banner: { js: '#!/usr/bin/env node' }, codeCache: true },
  { in: 'server/src/debugAdapter/main.ts', out: 'debugAdapter', ...node },
  { in: 'client/src/webviews/graph/main.ts', out: 'webviews/graph', ...browser },
  { in: 'client/src/webviews/startExecution/main.ts', out: 'webviews/startExecution', ...browser },
  { in: 'client/src/webviews/executionView/main.ts', out: 'webviews/executionView', ...browser },
  // ELK, shared by the graph preview and the execution view (loaded by client/src/webviews/elk/load.ts).
  { in: 'client/src/webviews/elk/main.ts', out: 'webviews/elk', ...browser },
];

/**
 * An entry that starts as a short process (the CLI, an execution's process) starts through V8's code
 * cache (server/src/startup/codeCache.ts): its code goes to <out>.bundle.js, and <out>.js is a small
 * starter that runs the bundle with the cache.
 */
function withCodeCache({ codeCache, ...entry }) {
  if (!codeCache) return [entry];
  const { banner, ...bundle } = entry;
  const starter = {
    ...node,
    banner,
    stdin: {
      contents: `import { runBundle } from './codeCache';\nrunBundle(require('node:path').join(__dirname, ${JSON.stringify(`${entry.out}.bundle.js`)}), module);\n`,
      resolveDir: 'server/src/startup',
      loader: 'ts',
    },
    out: entry.out,
  };
  return [{ ...bundle, out: `${entry.out}.bundle` }, starter];
}

async function main() {
  // A build replaces dist/ whole, so no stale file (say a source map of a development build) ends up in the .vsix.
  if (!watch) fs.rmSync('dist', { recursive: true, force: true });
  const contexts = await Promise.all(entries.flatMap(withCodeCache).map(({ in: entry, out, ...options }) =>
    esbuild.context({
      ...(entry ? { entryPoints: { [out]: entry }, outdir: 'dist' } : { outfile: `dist/${out}.js` }),
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
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
