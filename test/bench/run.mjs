// Every benchmark in one run, one after another (each prints its own side-by-side table and ratios).
// Run through `npm run bench`, which builds first.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const benches = ['inProcess.bench.mjs', 'interpreter.bench.mjs', 'validation.bench.mjs', 'editing.bench.mjs', 'graph.bench.mjs', 'executionView.mjs', 'apiServer.bench.mjs', 'tests.bench.mjs', 'templates.bench.mjs', 'debugger.bench.mjs', 'design.bench.mjs', 'jsonpathFilter.bench.mjs'];

let failed = 0;
for (const bench of benches) {
  console.log(`\n=== ${bench}`);
  const { status } = spawnSync(process.execPath, [path.join(here, bench)], { stdio: 'inherit' });
  if (status !== 0) failed++;
}
process.exitCode = failed ? 1 : 0;
