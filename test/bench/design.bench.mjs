// A design operation on a 510-state machine, from the operation to the text and the redrawn graph,
// against the budget of 100 ms: the language server computes the edit (designEdit), the
// edit is applied, the new version is parsed, validated and modelled (what aslWorkbench/graphModel
// answers, through JSON as it crosses JSON-RPC), and the designer page (real bundle, headless
// Chromium) draws the new model. Two operations: a Pass inserted on an edge (a new node: the layout
// changes) and a Comment set in the inspector (the layout is reused). The parts are printed apart; the total is their sum. The
// wall times swell when the machine is shared, so the CPU each part takes is printed too: the
// server's (this process) and the browser's (its processes, from /proc, over alternating redraws).
// Run: npm run bench:design
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { launchChromium, openGraphPage, ROOT, timeModelDrawn } from '../webview/graphPage.mjs';

const require = createRequire(import.meta.url);
const { orderPipeline, countStates } = require(path.join(ROOT, 'out/test/fixtures/graph/machines.js'));
const { getLanguageService } = require(path.join(ROOT, 'out/server/src/languageService/index.js'));
const { TextDocument } = require('vscode-languageserver-textdocument');

const RUNS = Number(process.env.RUNS ?? 5);
const BUDGET_MS = 100;
const definition = orderPipeline(17);
const text = JSON.stringify(definition, null, 2);
const service = getLanguageService();
const verdict = (ms) => `${ms <= BUDGET_MS ? 'met' : 'NOT MET'} (${(ms / BUDGET_MS).toFixed(2)} of the budget)`;
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const OPERATIONS = {
  'insert a Pass on an edge': { kind: 'insertState', entry: 'Pass', on: { edge: { from: ['States', '[1] Validate order'], kind: 'Next' } } },
  'set a Comment in the inspector': { kind: 'setField', state: ['States', '[1] Validate order'], field: ['Comment'], value: 'Checked by the designer' },
};

/** CPU milliseconds used so far by the processes under `pid` (Linux /proc; clock ticks of 10 ms). */
function treeCpuMs(pid = process.pid) {
  let ticks = 0;
  for (const entry of fs.readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    const stat = (() => { try { return fs.readFileSync(`/proc/${entry}/stat`, 'utf8'); } catch { return ''; } })();
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (fields[1] === undefined) continue;
    if (descends(Number(entry), pid)) ticks += Number(fields[11]) + Number(fields[12]);
  }
  return ticks * 10;
}
const parentOf = (pid) => {
  try { const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8'); return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]); } catch { return 0; }
};
function descends(pid, ancestor) {
  for (let current = parentOf(pid); current > 1; current = parentOf(current)) if (current === ancestor) return true;
  return false;
}
const cpuMs = () => { const { user, system } = process.cpuUsage(); return (user + system) / 1000; };

/** The server's part: the edit, applied, and the new version's model. */
async function serverSide(operation, version) {
  const started = performance.now();
  const document = service.parse(TextDocument.create('file:///bench.asl.json', 'asl', version, text));
  const parsed = performance.now();
  // The server holds this version's analysis already (the graph drawn before the operation came from it).
  const cpuStarted = cpuMs();
  const result = service.designEdit(document, operation);
  if (!('edit' in result)) throw new Error(JSON.stringify(result));
  const edited = TextDocument.applyEdits(document.textDocument, result.edit.changes['file:///bench.asl.json']);
  const designed = performance.now();
  const next = service.parse(TextDocument.create('file:///bench.asl.json', 'asl', version + 1, edited));
  // The model crosses the language server's JSON-RPC to the extension host as JSON.
  const model = JSON.parse(JSON.stringify(service.getGraphModel(next, await service.doValidation(next))));
  return { model, edit: designed - parsed, update: performance.now() - designed, parse: parsed - started, cpu: cpuMs() - cpuStarted };
}

const browser = await launchChromium();
try {
  console.log(`Design operations on a ${countStates(definition)}-state machine (${text.length} chars), ${RUNS} runs, budget ${BUDGET_MS} ms from the operation to the redrawn graph`);
  for (const [label, operation] of Object.entries(OPERATIONS)) {
    const parts = { edit: [], update: [], draw: [], total: [], serverCpu: [] };
    let browserCpu = 0;
    for (let run = 0; run < RUNS + 1; run++) {
      const graph = await openGraphPage(browser, { width: 1400, height: 1000 });
      // The designer shows the machine before the operation, as it does when the user acts.
      const before = service.getGraphModel(service.parse(TextDocument.create('file:///bench.asl.json', 'asl', 1, text)), []);
      await timeModelDrawn(graph.page, before, 1);
      const { model, edit, update, cpu } = await serverSide(operation, 1);
      const draw = await timeModelDrawn(graph.page, model, 2);
      if (run === RUNS) {
        // The browser's CPU per redraw: back and forth between the two versions, many times, the models
        // handed to the page first (Playwright's transfer of an argument is no part of a redraw).
        const REDRAWS = 20;
        await graph.page.evaluate(([first, second]) => { window.benchModels = [first, second]; }, [before, model]);
        const cpuBefore = treeCpuMs();
        await graph.page.evaluate(async (count) => {
          for (let redraw = 0; redraw < count; redraw++) {
            const version = 100 + redraw;
            const drawn = new Promise((resolve) => {
              const push = window.posted.push.bind(window.posted);
              window.posted.push = (posted) => { if (posted.type === 'rendered' && posted.version === version) resolve(); return push(posted); };
            });
            window.postMessage({ type: 'model', model: window.benchModels[(redraw + 1) % 2], version, uri: 'file:///bench.asl.json' }, '*');
            await drawn;
            await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve)));
          }
        }, REDRAWS);
        browserCpu = (treeCpuMs() - cpuBefore) / REDRAWS;
      }
      if (graph.errors.length) throw graph.errors[0];
      await graph.page.close();
      if (run === 0) continue; // warm-up
      parts.edit.push(edit);
      parts.update.push(update);
      parts.draw.push(draw);
      parts.serverCpu.push(cpu);
      parts.total.push(edit + update + draw);
    }
    const total = median(parts.total);
    const cpu = median(parts.serverCpu) + browserCpu;
    console.log(`  ${label}: edit ${median(parts.edit).toFixed(1)} ms, parse + validate + model ${median(parts.update).toFixed(0)} ms, redraw ${median(parts.draw).toFixed(0)} ms`
      + ` (CPU: server ${median(parts.serverCpu).toFixed(0)} ms, browser per redraw ${browserCpu.toFixed(0)} ms)`);
    console.log(`    end to end (edit computed + applied + new model + redraw): median ${total.toFixed(0)} ms (runs: ${parts.total.map((v) => v.toFixed(0)).join(', ')}),`
      + ` target ${BUDGET_MS} ms: ${verdict(total)}; in CPU ${cpu.toFixed(0)} ms: ${verdict(cpu)}`);
  }
} finally {
  await browser.close();
}
console.log(`  machine load average while measuring: ${(await import('node:os')).loadavg().map((load) => load.toFixed(1)).join(' ')} (2 cores)`);
