// The Node processes of the extension (all but the extension host's), in one bundle, dist/node.bundle.js:
// they share most of their code (the language service, the interpreter), which a bundle each held
// again. Each process starts from a small file of its own (dist/<entry>.js, see esbuild.js), which runs
// the bundle through the code cache (./codeCache.ts) and calls its entry; an entry's modules are
// initialised when it is called, so a process runs only its own.
export const entries = {
  server: () => import('../server.js'),
  cli: () => import('../cli/main.js'),
  debugAdapter: () => import('../debugAdapter/main.js'),
  testWorker: () => import('../testing/testWorker.js'),
  executionProcess: () => import('../execution/executionProcess.js'),
};

export type EntryName = keyof typeof entries;
