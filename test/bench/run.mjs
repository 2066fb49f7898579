// Every benchmark in one run, one after another (each prints its own side-by-side table and ratios),
// then issue 16's table: every row a bench measured, with its target and whether it is met.
// Run through `npm run bench`, which builds first.
import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ROW } from './rows.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const benches = ['inProcess.bench.mjs', 'interpreter.bench.mjs', 'validation.bench.mjs', 'editing.bench.mjs', 'graph.bench.mjs', 'executionView.mjs', 'apiServer.bench.mjs', 'tests.bench.mjs', 'templates.bench.mjs', 'debugger.bench.mjs', 'design.bench.mjs', 'jsonpathFilter.bench.mjs', 'package.bench.mjs'];

/** Runs a bench, its output passed on as it comes; answers its exit code and the rows it printed. */
function runBench(bench) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(here, bench)], { stdio: ['ignore', 'pipe', 'inherit'] });
    const rows = [];
    let pending = '';
    child.stdout.setEncoding('utf8').on('data', (chunk) => {
      process.stdout.write(chunk);
      const lines = (pending + chunk).split('\n');
      pending = lines.pop();
      rows.push(...lines.filter((line) => ROW.test(line)));
    });
    child.on('close', (code) => resolve({ code, rows: ROW.test(pending) ? [...rows, pending] : rows }));
  });
}

let failed = 0;
const table = [];
for (const bench of benches) {
  console.log(`\n=== ${bench}`);
  const { code, rows } = await runBench(bench);
  table.push(...rows.map((row) => `${row}  [${bench}]`));
  // A bench exits 1 when a target of its own is not met; one without rows of the table says so here.
  if (code !== 0 && !rows.length) {
    failed++;
    table.push(`NOT MET  ${bench}: exit code ${code} (its output above)`);
  }
}
console.log(`\n=== issue 16: every row with its target (node ${process.version}, ${os.cpus().length} cores, load ${os.loadavg()[0].toFixed(1)})`);
for (const row of table) console.log(row);
const unmet = table.filter((row) => row.startsWith('NOT MET')).length;
console.log(`${table.length - unmet} of ${table.length} rows met`);
process.exitCode = failed || unmet ? 1 : 0;
