// How fast the execution view opens: a 25,000-event history (a real one, from the embedded
// interpreter running an endless loop into AWS's event limit) posted to the view's bundled
// script in headless chromium, timed until the events table shows it; then scrolling it.
// Run after `npm run compile && npm run build`: node test/bench/executionView.mjs
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { launchChromium, newPage } from '../e2e/lib/workbench.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(import.meta.url);
const { compileStateMachine } = require(path.join(root, 'out/server/src/core/interpreter'));
const { helloWorldTemplate } = require(path.join(root, 'out/server/src/core/templates'));
const { buildGraphModel } = require(path.join(root, 'out/server/src/core/graph/model'));

async function history(definition, input) {
  const { events, ...outcome } = await compileStateMachine(definition).start({ input, name: 'bench' }).done;
  return { events, outcome };
}

/** A page holding the execution view's bundle, with the webview API stubbed and dark-theme colours. */
async function openView(page) {
  await page.setContent(`<!DOCTYPE html><html><head><style>
    :root { --vscode-font-family: sans-serif; --vscode-font-size: 13px; --vscode-foreground: #ccc; --vscode-editor-background: #1e1e1e;
      --vscode-editor-font-family: monospace; --vscode-editor-font-size: 12px; --vscode-panel-border: #444; --vscode-button-background: #0e639c;
      --vscode-button-foreground: #fff; --vscode-button-secondaryBackground: #3a3d41; --vscode-button-secondaryForeground: #ccc;
      --vscode-descriptionForeground: #999; --vscode-textCodeBlock-background: #2a2a2a; --vscode-focusBorder: #007fd4;
      --vscode-input-background: #3c3c3c; --vscode-input-foreground: #ccc; --vscode-editorWidget-background: #252526;
      --vscode-progressBar-background: #0e70c0; --vscode-list-hoverBackground: #2a2d2e; }
    ${fs.readFileSync(path.join(root, 'dist/webviews/executionView.css'), 'utf8')}</style></head><body></body></html>`);
  await page.evaluate(() => {
    window.posted = [];
    window.acquireVsCodeApi = () => ({ postMessage: (message) => window.posted.push(message), getState: () => undefined, setState: () => undefined });
  });
  await page.addScriptTag({ content: fs.readFileSync(path.join(root, 'dist/webviews/executionView.js'), 'utf8') });
}

async function measureOpen(page, { events, outcome }, definition) {
  await openView(page);
  const view = { executionArn: outcome.executionArn, name: outcome.name, stateMachineName: 'bench', fileName: 'bench.asl.json', definition: JSON.stringify(definition, null, 2), graph: buildGraphModel(definition), events, outcome };
  // The message crosses as JSON, as webview messages do.
  const json = JSON.stringify({ type: 'init', view });
  return page.evaluate(async ({ json, count }) => {
    const start = performance.now();
    window.postMessage(JSON.parse(json), '*');
    await new Promise((resolve) => {
      const check = () => document.querySelector('#event-count')?.textContent === `${count} events` ? resolve() : setTimeout(check, 1);
      check();
    });
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    const shown = performance.now() - start;
    const tabStart = performance.now();
    document.querySelector('#tab-Events').click();
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    const eventsTab = performance.now() - tabStart;
    // Scroll the table end to end in 40 steps, one frame each.
    const viewport = document.querySelector('.event-viewport');
    const frames = [];
    for (let i = 1; i <= 40; i++) {
      const before = performance.now();
      viewport.scrollTop = (viewport.scrollHeight * i) / 40;
      await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
      frames.push(performance.now() - before);
    }
    frames.sort((a, b) => a - b);
    const filterStart = performance.now();
    const filter = document.querySelector('#event-filter');
    filter.value = '6000';
    filter.dispatchEvent(new Event('input'));
    const filtered = document.querySelector('#event-count').textContent;
    const filterMs = performance.now() - filterStart;
    filter.value = '';
    filter.dispatchEvent(new Event('input'));
    return { shown, eventsTab, rowsInDom: document.querySelectorAll('.canvas .event-row').length, scrollMedian: frames[20], scrollMax: frames[39], filterMs, filtered, bytes: json.length };
  }, { json, count: events.length });
}

const loop = JSON.parse(fs.readFileSync(path.join(root, 'test/e2e/fixtures/workspace/run/loop.asl.json'), 'utf8'));
const big = await history(loop, { count: 0 });
const hello = await history(helloWorldTemplate.definition, { Comment: 'Insert your JSON here' });
const browser = await launchChromium();
try {
  const page = await newPage(browser);
  for (const [label, run, definition] of [['Hello World', hello, helloWorldTemplate.definition], [`${big.events.length}-event loop`, big, loop]]) {
    const results = [];
    for (let i = 0; i < 3; i++) results.push(await measureOpen(page, run, definition));
    const best = (key) => Math.min(...results.map((result) => result[key])).toFixed(1);
    console.log(`${label}: view shown ${best('shown')} ms, events tab ${best('eventsTab')} ms (best of 3), ` +
      `${results[0].rowsInDom} rows in the DOM, scroll frame median ${best('scrollMedian')} ms / max ${best('scrollMax')} ms, ` +
      `first filter ${best('filterMs')} ms (${results[0].filtered}), message ${(results[0].bytes / 1e6).toFixed(2)} MB`);
  }
  fs.mkdirSync(path.join(root, 'e2e-results'), { recursive: true });
  await page.screenshot({ path: path.join(root, 'e2e-results/bench-execution-25k.png') });
} finally {
  await browser.close();
}
