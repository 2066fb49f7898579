// Side by side in one process: a JSONPath filter over 10,000 items as the interpreter evaluates it
// (Jayway's semantics, server/src/core/interpreter/jsonpathFilter.ts) and as jsonpath-plus (which
// evaluated filters before, as JavaScript) does; median of 15 runs each, the ratio printed.
//   node test/bench/jsonpathFilter.bench.mjs   (after `npm run compile`)
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(import.meta.url);
const { compilePath } = require(path.join(root, 'out/server/src/core/interpreter/jsonpath.js'));
const { JSONPath } = require('jsonpath-plus');

const document = { items: Array.from({ length: 10_000 }, (_, i) => ({ id: i, state: i % 3 ? 'NEW' : 'SENT', price: i % 100 })) };
const RUNS = 15;

function median(run) {
  run(); // warm-up: the first run compiles
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    const start = process.hrtime.bigint();
    run();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return times.sort((a, b) => a - b)[RUNS >> 1];
}

for (const filter of ["$.items[?(@.state == 'NEW' && @.price > 50)].id", '$.items[?(@.price < 10)]']) {
  const compiled = compilePath(filter);
  const ours = median(() => compiled.select(document));
  const anchor = median(() => JSONPath({ path: filter, json: document, wrap: true, eval: 'safe' }));
  const same = compiled.select(document).length === JSONPath({ path: filter, json: document, wrap: true, eval: 'safe' }).length;
  console.log(`${filter}: ours ${ours.toFixed(2)} ms, jsonpath-plus ${anchor.toFixed(2)} ms: ${(anchor / ours).toFixed(1)}x${same ? '' : ' (results differ)'}`);
}
