// Graph preview timings in headless Chromium, on the real page and bundle (dist/webviews/graph.js):
// a 510-state order pipeline laid out and drawn (budget 300 ms), then edited (budget 200 ms): a new
// state, and a changed value. Above 150 nodes the fast layout runs (fastLayout.ts); the 60-state
// machine shows the ELK path, where an edit that changes no shape reuses the last layout.
// Times run from posting the model to the page until the frame after it is drawn; CPU is the
// renderer main thread's (CDP ThreadTime), which the machine's load does not inflate.
// Also the language server side: parse + validation + graph model of the same document.
// Run: npx tsc -p . && node esbuild.js && node test/bench/graph.bench.mjs
import path from 'node:path';
import { createRequire } from 'node:module';
import { buildGraphModel, launchChromium, openGraphPage, ROOT, timeModelDrawn } from '../webview/graphPage.mjs';

const require = createRequire(import.meta.url);
const { orderPipeline, countStates, realWorldMachine } = require(path.join(ROOT, 'out/test/fixtures/graph/machines.js'));
const { getLanguageService } = require(path.join(ROOT, 'out/server/src/languageService/index.js'));
const { TextDocument } = require('vscode-languageserver-textdocument');

const RUNS = Number(process.env.RUNS ?? 5);
const LAYOUT_BUDGET_MS = 300;
const EDIT_BUDGET_MS = 200;

const definition = orderPipeline(17);
const states = countStates(definition);
const withNewState = structuredClone(definition);
// Insert a state between the first two: a new node and edges, so the layout must change.
withNewState.States['Audit order'] = { Type: 'Pass', Next: withNewState.States['[1] Validate order'].Next };
withNewState.States['[1] Validate order'].Next = 'Audit order';
const withNewText = structuredClone(definition);
withNewText.States['[1] Validate order'].Comment = 'Edited comment';
withNewText.States['[3] Archive order'].Parameters.Bucket = 'archive';

const mid = buildGraphModel(realWorldMachine);
const midEdited = structuredClone(realWorldMachine);
midEdited.States['[1] Validate order'].Comment = 'Edited comment';

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const format = (times) => {
  const wall = times.map((time) => time.wall);
  const cpu = times.map((time) => time.cpu);
  return `median ${median(wall).toFixed(0)} ms wall, ${median(cpu).toFixed(0)} ms CPU (wall runs: ${wall.map((v) => v.toFixed(0)).join(', ')})`;
};
const ratio = (times, budget) => (median(times.map((time) => time.wall)) / budget).toFixed(2);

/** Wall time from posting the model to the frame after drawing, and the renderer main thread's CPU time over it. */
async function timeShow(page, model, version) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const threadTime = async () => (await cdp.send('Performance.getMetrics')).metrics.find((metric) => metric.name === 'ThreadTime').value * 1000;
  const cpuBefore = await threadTime();
  const wall = await timeModelDrawn(page, model, version);
  const cpu = (await threadTime()) - cpuBefore;
  await cdp.detach();
  return { wall, cpu };
}

const browser = await launchChromium();
try {
  const models = { base: buildGraphModel(definition), structural: buildGraphModel(withNewState), text: buildGraphModel(withNewText) };
  const first = [];
  const warm = [];
  const structural = [];
  const text = [];
  const midFirst = [];
  const midEdit = [];
  for (let run = 0; run < RUNS; run++) {
    const graph = await openGraphPage(browser, { width: 1400, height: 1000 });
    first.push(await timeShow(graph.page, models.base, 1));
    // The same page, once its code is warm: a fresh layout of a different graph, then back.
    structural.push(await timeShow(graph.page, models.structural, 2));
    warm.push(await timeShow(graph.page, models.base, 3));
    text.push(await timeShow(graph.page, models.text, 4));
    midFirst.push(await timeShow(graph.page, mid, 5));
    midEdit.push(await timeShow(graph.page, buildGraphModel(midEdited), 6));
    if (graph.errors.length) throw graph.errors[0];
    await graph.page.close();
  }
  console.log(`Graph preview, ${states}-state definition (${models.base.root.nodes.length} top-level nodes), headless Chromium, ${RUNS} runs`);
  console.log(`  first layout + render (cold page): ${format(first)}  wall / ${LAYOUT_BUDGET_MS} ms budget: ${ratio(first, LAYOUT_BUDGET_MS)}`);
  console.log(`  layout + render (warm page):       ${format(warm)}  ratio: ${ratio(warm, LAYOUT_BUDGET_MS)}`);
  console.log(`  edit, a new state:                 ${format(structural)}  wall / ${EDIT_BUDGET_MS} ms budget: ${ratio(structural, EDIT_BUDGET_MS)}`);
  console.log(`  edit, a changed value:             ${format(text)}  ratio: ${ratio(text, EDIT_BUDGET_MS)}`);
  console.log(`60-state machine (ELK layout): first ${format(midFirst)}`);
  console.log(`  edit, a changed Comment (layout reused): ${format(midEdit)}`);
} finally {
  await browser.close();
}

// The server's part of every update: parse, validate, build the model (what aslWorkbench/graphModel does).
const service = getLanguageService();
const textDocument = TextDocument.create('file:///bench.asl.json', 'asl', 1, JSON.stringify(definition, null, 2));
const server = [];
for (let run = 0; run < RUNS + 2; run++) {
  const started = performance.now();
  const document = service.parse(textDocument);
  service.getGraphModel(document, await service.doValidation(document));
  server.push(performance.now() - started);
}
const serverTimes = server.slice(2);
console.log(`  language server: parse + validate + graph model (${textDocument.getText().length} chars): median ${median(serverTimes).toFixed(0)} ms (runs: ${serverTimes.map((v) => v.toFixed(0)).join(', ')})`);
console.log(`  machine load average while measuring: ${(await import('node:os')).loadavg().map((load) => load.toFixed(1)).join(' ')} (2 cores)`);
