// The graph preview's page in headless Chromium: the real bundle (dist/webviews/graph.js) under the
// panel's CSP, fed models as the panel feeds them. Screenshots go to e2e-results/webview/.
import { strict as assert } from 'node:assert';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import esbuild from 'esbuild';
import { buildGraphModel, launchChromium, openGraphPage, ROOT, stateId } from './graphPage.mjs';

const require = createRequire(import.meta.url);
const { helloWorldTemplate } = require(path.join(ROOT, 'out/server/src/core/templates.js'));
const { realWorldMachine, countStates, orderPipeline } = require(path.join(ROOT, 'out/test/fixtures/graph/machines.js'));
const SCREENSHOTS = path.join(ROOT, 'e2e-results', 'webview');
fs.mkdirSync(SCREENSHOTS, { recursive: true });

let browser;
before(async () => { browser = await launchChromium(); });
after(async () => { await browser?.close(); });

/** Every model edge, nested machines included. */
function allEdges(machine) {
  return [...machine.edges, ...machine.nodes.flatMap((node) => node.machines.flatMap(allEdges))];
}

describe('graph preview page', () => {
  it('draws the Hello World template: every state, the markers, the edges and their labels', async () => {
    const graph = await openGraphPage(browser, { width: 900, height: 900 });
    const rendered = await graph.show(buildGraphModel(helloWorldTemplate.definition));
    assert.equal(rendered.nodes, 9 + 2, '9 states, Start and End');
    assert.equal(rendered.edges, 9);
    const names = await graph.page.$$eval('.nodes .name, .containers .name', (texts) => texts.map((t) => t.textContent).sort());
    assert.deepEqual(names, ['Hello', 'Hello World', 'Hello World example?', 'No', 'Parallel State', 'Pass', 'Wait 3 sec', 'World', 'Yes']);
    const labels = await graph.page.$$eval('.edge-label-text', (texts) => texts.map((t) => t.textContent).sort());
    assert.deepEqual(labels, ['$.IsHelloWorldExample == false', '$.IsHelloWorldExample == true', 'Default']);
    assert.equal(await graph.page.locator('.container.type-parallel .lane').count(), 2);
    assert.equal(await graph.page.locator('.node.type-choice polygon.shape').count(), 1);
    assert.equal(await graph.page.locator('.node.type-fail rect.shape').count(), 1);
    // Every edge is a real route: a path with numbers, ending in an arrow.
    const paths = await graph.page.$$eval('.edge-line', (lines) => lines.map((line) => line.getAttribute('d')));
    assert.ok(paths.every((d) => /^M [\d.]+ [\d.]+ (.*)L [\d.]+ [\d.]+$/.test(d) && !d.includes('NaN')), paths.join('\n'));
    await graph.page.screenshot({ path: path.join(SCREENSHOTS, 'hello-world.png') });
    assert.deepEqual(graph.errors, []);
  });

  it('draws a 60-state real-world machine with nested containers, Catch edges and badges', async () => {
    assert.equal(countStates(realWorldMachine), 60);
    const model = buildGraphModel(realWorldMachine);
    const graph = await openGraphPage(browser, { width: 1400, height: 1000 });
    const rendered = await graph.show(model);
    assert.equal(rendered.nodes, 60 + 2);
    assert.equal(rendered.edges, allEdges(model.root).length);
    assert.equal(await graph.page.locator('.edge.catch').count(), 6, 'three Catch edges per order segment');
    assert.equal(await graph.page.locator('.edge.catch .edge-label-text').first().textContent(), 'States.ALL');
    assert.equal(await graph.page.locator('.container.type-map').count(), 2);
    assert.equal(await graph.page.locator('.container.type-parallel .lane').count(), 6);
    const retry = graph.page.locator('.retry-badge').first();
    assert.match(await retry.locator('title').textContent(), /^Retry\nLambda\.ServiceException, Lambda\.TooManyRequestsException: 6 attempts, interval 2 s, backoff ×2$/);
    // Nodes do not overlap within a machine.
    const boxes = await graph.page.$$eval('.nodes > .node', (nodes) => nodes.map((node) => node.getBBox && node.getBoundingClientRect()).map((r) => [r.left, r.top, r.right, r.bottom]));
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const [a, b] = [boxes[i], boxes[j]];
        const overlap = Math.min(a[2], b[2]) - Math.max(a[0], b[0]) > 12 && Math.min(a[3], b[3]) - Math.max(a[1], b[1]) > 12;
        assert.ok(!overlap, `nodes ${i} and ${j} overlap`);
      }
    }
    await graph.page.screenshot({ path: path.join(SCREENSHOTS, 'real-world-60.png') });
    await graph.page.click('button[title="Zoom to fit"]');
    await graph.page.screenshot({ path: path.join(SCREENSHOTS, 'real-world-60-fit.png') });
    assert.deepEqual(graph.errors, []);
  });

  it('draws a 510-state machine as it comes into view, and all of it when zoomed out or exported', async () => {
    const model = buildGraphModel(orderPipeline(17));
    const graph = await openGraphPage(browser, { width: 1400, height: 1000 });
    await graph.show(model);
    await graph.page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve))));
    const drawn = () => graph.page.locator('.nodes > .node').count();
    const first = await drawn();
    assert.ok(first > 10 && first < 200, `${first} nodes drawn at first`);
    await graph.page.screenshot({ path: path.join(SCREENSHOTS, 'pipeline-510.png') });
    await graph.page.click('button[title="Zoom to fit"]');
    await graph.page.waitForFunction((total) => document.querySelectorAll('.nodes > .node, .containers > .container').length === total, 512);
    assert.equal(await graph.page.locator('.edge').count(), allEdges(model.root).length);
    await graph.page.screenshot({ path: path.join(SCREENSHOTS, 'pipeline-510-fit.png') });
    // Tab reaches states not drawn yet.
    await graph.page.focus('.nodes > .node[tabindex]');
    for (let i = 0; i < 3; i++) await graph.page.keyboard.press('Tab');
    assert.ok(await graph.page.evaluate(() => document.activeElement?.hasAttribute('data-id')));
    assert.deepEqual(graph.errors, []);
  });

  it('draws machines nested to the 1000-level limit: 249 Parallels, 332 Maps', async () => {
    for (const [type, depth] of [['Parallel', 249], ['Map', 332]]) {
      let machine = { StartAt: 'Leaf', States: { Leaf: { Type: 'Pass', End: true } } };
      for (let i = 0; i < depth; i++) {
        const state = type === 'Parallel' ? { Type: 'Parallel', Branches: [machine], End: true } : { Type: 'Map', ItemProcessor: machine, End: true };
        machine = { StartAt: `S${i}`, States: { [`S${i}`]: state } };
      }
      const graph = await openGraphPage(browser);
      await graph.show(buildGraphModel(machine));
      assert.equal(await graph.page.locator('.containers > .container').count(), depth, type);
      assert.deepEqual(graph.errors, []);
    }
  });

  it('draws a state named <img src=x onerror=alert(1)> as text and runs nothing', async () => {
    const evil = '<img src=x onerror=alert(1)>';
    const model = buildGraphModel({
      StartAt: evil,
      States: {
        [evil]: {
          Type: 'Choice',
          Choices: [{ Variable: '$.x', StringEquals: '<script>alert(2)</script>', Next: '<svg onload=alert(3)>' }],
          Default: '"><img src=y onerror=alert(4)>',
        },
        '<svg onload=alert(3)>': { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: '<b onmouseover=alert(5)>' }, End: true },
      },
    });
    const graph = await openGraphPage(browser);
    const dialogs = [];
    graph.page.on('dialog', async (dialog) => { dialogs.push(dialog.message()); await dialog.dismiss(); });
    await graph.show(model);
    const texts = await graph.page.$$eval('svg text', (elements) => elements.map((element) => element.textContent));
    assert.ok(texts.some((text) => text.startsWith('<img src=x onerror')), 'the name is drawn as text');
    assert.equal(await graph.page.locator('.node.type-choice').getAttribute('aria-label'), `Choice ${evil}`);
    assert.equal(await graph.page.locator('.node.type-choice > title').textContent(), `${evil}\nType: Choice`);
    assert.ok(texts.includes('$.x == "<script>alert(2)</script>"'));
    assert.ok(texts.includes('<svg onload=alert(3)>'));
    assert.ok(texts.some((text) => text.startsWith('"><img src=y')), 'the ghost of the missing Default target');
    assert.equal(await graph.page.locator('img, script:not([nonce]), b, svg svg').count(), 0, 'no element was made from a label');
    await graph.page.hover('.node.type-choice');
    await graph.page.waitForTimeout(200);
    assert.deepEqual(dialogs, []);
    await graph.page.screenshot({ path: path.join(SCREENSHOTS, 'xss.png') });
  });

  it('exports a valid standalone SVG and a PNG', async () => {
    const graph = await openGraphPage(browser, { width: 900, height: 900 });
    await graph.show(buildGraphModel(helloWorldTemplate.definition));
    await graph.page.click('button[title="Export as SVG"]');
    await graph.page.click('button[title="Export as PNG"]');
    await graph.page.waitForFunction(() => window.posted.filter((message) => message.type === 'export').length === 2);
    const [svg, png] = (await graph.posted()).filter((message) => message.type === 'export');
    assert.equal(svg.format, 'svg');
    assert.match(svg.data, /^<\?xml version="1.0" encoding="UTF-8"\?>\n<svg /);
    // Well-formed XML, an <svg> root with its size, no page-only attributes, the theme's colours inlined.
    const parsed = await graph.page.evaluate((text) => {
      const document = new DOMParser().parseFromString(text, 'image/svg+xml');
      const root = document.documentElement;
      return {
        error: document.querySelector('parsererror')?.textContent ?? null,
        root: root.nodeName,
        namespace: root.namespaceURI,
        width: root.getAttribute('width'),
        viewBox: root.getAttribute('viewBox'),
        transform: document.querySelector('.viewport')?.getAttribute('transform') ?? null,
        tabindex: document.querySelectorAll('[tabindex]').length,
        names: [...document.querySelectorAll('text.name')].map((text) => text.textContent),
        shapeFill: document.querySelector('.shape')?.getAttribute('fill'),
        edgeStroke: document.querySelector('.edge-line')?.getAttribute('stroke'),
      };
    }, svg.data);
    assert.equal(parsed.error, null);
    assert.equal(parsed.root, 'svg');
    assert.equal(parsed.namespace, 'http://www.w3.org/2000/svg');
    assert.match(parsed.width, /^\d+$/);
    assert.match(parsed.viewBox, /^0 0 \d+ \d+$/);
    assert.equal(parsed.transform, null);
    assert.equal(parsed.tabindex, 0);
    assert.ok(parsed.names.includes('Hello World example?'));
    assert.match(parsed.shapeFill, /^#[0-9a-f]{6}$/);
    assert.match(parsed.edgeStroke, /^#[0-9a-f]{6}$/);
    const exported = path.join(SCREENSHOTS, 'hello-world.svg');
    fs.writeFileSync(exported, svg.data);
    // The exported file, opened on its own, draws the same picture.
    const alone = await browser.newPage({ viewport: { width: 700, height: 900 } });
    await alone.goto(pathToFileURL(exported).href);
    await alone.screenshot({ path: path.join(SCREENSHOTS, 'hello-world-exported-svg.png') });
    await alone.close();
    assert.equal(png.format, 'png');
    const bytes = Buffer.from(png.data.replace(/^data:image\/png;base64,/, ''), 'base64');
    assert.deepEqual([...bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    assert.ok(bytes.length > 5000);
    fs.writeFileSync(path.join(SCREENSHOTS, 'hello-world-exported.png'), bytes);
    assert.deepEqual(graph.errors, []);
  });

  it('exports state names with characters XML forbids (U+0000, U+0001, U+FFFE, a lone surrogate) as parseable SVG and a PNG', async () => {
    const names = ['Nul\u0000', 'Soh\u0001', 'Nonchar\uFFFE', 'Lone\uD800', 'Tab\tand 😀'];
    const states = Object.fromEntries(names.map((name, i) => [name, { Type: 'Pass', ...(i + 1 < names.length ? { Next: names[i + 1] } : { End: true }) }]));
    const graph = await openGraphPage(browser, { width: 900, height: 900 });
    await graph.show(buildGraphModel({ StartAt: names[0], States: states }));
    await graph.page.click('button[title="Export as SVG"]');
    await graph.page.click('button[title="Export as PNG"]');
    await graph.page.waitForFunction(() => window.posted.filter((message) => message.type === 'export').length === 2, undefined, { timeout: 5000 });
    const [svg, png] = (await graph.posted()).filter((message) => message.type === 'export');
    const parsed = await graph.page.evaluate((text) => {
      const document = new DOMParser().parseFromString(text, 'image/svg+xml');
      return { error: document.querySelector('parsererror')?.textContent ?? null, names: [...document.querySelectorAll('text.name')].map((text) => text.textContent) };
    }, svg.data);
    assert.equal(parsed.error, null);
    // Control characters show as their Control Pictures symbol, the others as U+FFFD; what XML allows stays.
    assert.deepEqual(parsed.names, ['Nul\u2400', 'Soh\u2401', 'Nonchar\uFFFD', 'Lone\uFFFD', 'Tab\tand 😀']);
    assert.match(png.data, /^data:image\/png;base64,/);
    assert.deepEqual(graph.errors, []);
  });

  it('reveals a clicked node, moves focus with Tab, reveals with Space, and follows the editor cursor', async () => {
    const graph = await openGraphPage(browser, { width: 900, height: 900 });
    await graph.show(buildGraphModel(helloWorldTemplate.definition));
    await graph.page.click('.node[aria-label="Wait Wait 3 sec"]');
    const reveals = async () => (await graph.posted()).filter((message) => message.type === 'reveal').map((message) => message.id);
    assert.deepEqual(await reveals(), [stateId(['States', 'Wait 3 sec'])]);
    await graph.page.keyboard.press('Tab');
    assert.equal(await graph.page.evaluate(() => document.activeElement.getAttribute('aria-label')), 'Parallel Parallel State');
    // Enter edits the state in the designer's inspector; Space reveals it in the text.
    await graph.page.keyboard.press(' ');
    assert.deepEqual((await reveals()).at(-1), stateId(['States', 'Parallel State']));
    // Start and End are not focusable; the states are.
    assert.equal(await graph.page.locator('[data-id][tabindex]').count(), 9);

    const id = stateId(['States', 'Parallel State', 'Branches', 1, 'States', 'World']);
    await graph.page.evaluate((message) => window.postMessage(message, '*'), { type: 'highlight', id });
    await graph.page.waitForSelector('.node.highlighted');
    assert.equal(await graph.page.getAttribute('.node.highlighted', 'data-id'), id);
  });

  it('searches states by name, greys unreachable states, draws missing targets red and diagnostics as badges', async () => {
    const graph = await openGraphPage(browser, { width: 900, height: 700 });
    await graph.show(buildGraphModel({
      StartAt: 'Load',
      States: {
        Load: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: '${LoaderArn}' }, Next: 'Save' },
        Orphan: { Type: 'Pass', End: true },
        Lost: { Type: 'Pass', Next: 'Load' },
      },
    }, { diagnostics: [{ path: ['States', 'Load'], diagnostic: { severity: 'error', message: 'Next names no state: "Save".' } }] }));
    assert.equal(await graph.page.locator('.edge.missing').count(), 1);
    assert.equal(await graph.page.locator('.node.ghost').count(), 1);
    assert.deepEqual(await graph.page.$$eval('.node.unreachable .name', (names) => names.map((n) => n.textContent)), ['Orphan', 'Lost']);
    assert.equal(await graph.page.locator('.diagnostic-badge.error title').first().textContent(), 'error: Next names no state: "Save".');
    assert.equal(await graph.page.locator('.chip.placeholder .chip-text').textContent(), '${LoaderArn}');
    await graph.page.fill('input.search', 'lo');
    assert.deepEqual(await graph.page.$$eval('.match .name', (names) => names.map((n) => n.textContent)), ['Load', 'Lost']);
    await graph.page.screenshot({ path: path.join(SCREENSHOTS, 'broken.png') });
  });

  it('keeps every node in place when an edit changes no shape, and keeps the view', async () => {
    const graph = await openGraphPage(browser, { width: 900, height: 900 });
    await graph.show(buildGraphModel(helloWorldTemplate.definition));
    // By id: a redraw keeps the elements that did not change and draws the others anew, after them.
    const positions = () => graph.page.$$eval('[data-id]', (nodes) => nodes.map((node) => `${node.getAttribute('data-id')} ${node.getAttribute('transform')}`).sort());
    await graph.page.click('button[title="Zoom in"]');
    const [before, viewport] = [await positions(), await graph.page.getAttribute('.viewport', 'transform')];
    const edited = structuredClone(helloWorldTemplate.definition);
    edited.Comment = 'Edited';
    edited.States.Pass.Result = { IsHelloWorldExample: false };
    await graph.show(buildGraphModel(edited, { diagnostics: [{ path: ['States', 'Yes'], diagnostic: { severity: 'warning', message: 'A warning' } }] }));
    assert.deepEqual(await positions(), before);
    assert.equal(await graph.page.getAttribute('.viewport', 'transform'), viewport);
    assert.equal(await graph.page.locator('.diagnostic-badge.warning').count(), 1, 'the new diagnostic is drawn');
  });

  it('redraws in place: the elements of what an edit did not change are kept, a moved state only moves', async () => {
    const graph = await openGraphPage(browser, { width: 900, height: 900 });
    await graph.show(buildGraphModel(helloWorldTemplate.definition));
    // A mark on every drawn element: the ones kept across the redraw still carry it.
    await graph.page.$$eval('[data-id], .edge', (elements) => elements.forEach((element) => { element.drawnBefore = true; }));
    const edited = structuredClone(helloWorldTemplate.definition);
    edited.States['Wait 3 sec'].Seconds = 5;
    edited.States.Yes.Next = 'Extra';
    edited.States.Extra = { Type: 'Pass', Next: 'Wait 3 sec' };
    await graph.show(buildGraphModel(edited));
    const kept = await graph.page.$$eval('[data-id]', (elements) => Object.fromEntries(elements.map((element) => [element.querySelector('text.name')?.textContent, element.drawnBefore === true])));
    assert.equal(kept.Extra, false, 'the new state is drawn');
    assert.equal(kept['Wait 3 sec'], false, 'the changed state is drawn anew');
    assert.equal(kept.Pass, true, 'a state the edit did not touch keeps its element');
    assert.equal(kept['Hello World'], true, 'a state moved down by the insertion keeps its element');
    const edges = await graph.page.$$eval('.edge', (elements) => elements.map((element) => element.drawnBefore === true));
    assert.ok(edges.includes(true) && edges.includes(false), 'edges on the unchanged part are kept, the new route drawn');
    assert.equal(await graph.page.locator('.node', { hasText: 'Wait 5 s' }).count(), 1);
  });

  it('fits the graph again when the view is resized, until the user zooms', async () => {
    const graph = await openGraphPage(browser, { width: 900, height: 900 });
    await graph.show(buildGraphModel(helloWorldTemplate.definition));
    const fits = () => graph.page.evaluate(() => {
      const view = document.querySelector('.asl-graph').getBoundingClientRect();
      const drawing = document.querySelector('.asl-graph .viewport').getBoundingClientRect();
      return drawing.left >= view.left - 1 && drawing.right <= view.right + 1 && drawing.top >= view.top - 1 && drawing.bottom <= view.bottom + 1;
    });
    const scale = () => graph.page.evaluate(() => Number(/scale\(([\d.]+)\)/.exec(document.querySelector('.asl-graph .viewport').getAttribute('transform'))[1]));
    assert.equal(await fits(), true);
    await graph.page.setViewportSize({ width: 420, height: 500 });
    await graph.page.waitForFunction(() => {
      const view = document.querySelector('.asl-graph').getBoundingClientRect();
      return document.querySelector('.asl-graph .viewport').getBoundingClientRect().bottom <= view.bottom + 1;
    });
    assert.equal(await fits(), true, 'shrunk, the graph fits again');
    const cutButtons = await graph.page.$$eval('.toolbar button', (buttons) => buttons
      .filter((button) => button.scrollWidth > button.clientWidth || button.getBoundingClientRect().right > innerWidth)
      .map((button) => button.textContent));
    assert.deepEqual(cutButtons, [], 'every toolbar button whole and in sight');
    await graph.page.click('button[title="Zoom in"]');
    const zoomed = await scale();
    await graph.page.setViewportSize({ width: 900, height: 900 });
    await graph.page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    assert.equal(await scale(), zoomed, 'a zoom the user chose survives a resize');
  });

  it('follows the dark theme', async () => {
    const graph = await openGraphPage(browser, { width: 900, height: 900, theme: 'dark' });
    await graph.show(buildGraphModel(helloWorldTemplate.definition));
    const background = await graph.page.$eval('.asl-graph', (svg) => getComputedStyle(svg).backgroundColor);
    assert.equal(background, 'rgb(30, 30, 30)');
    await graph.page.screenshot({ path: path.join(SCREENSHOTS, 'hello-world-dark.png') });
  });
});

describe('status overlay API (render.ts, bundled on its own as another webview would)', () => {
  let page;
  before(async () => {
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'graph-overlay-'));
    await esbuild.build({
      stdin: { contents: "import { GraphView } from './client/src/webviews/graph/render'; window.GraphView = GraphView;", resolveDir: ROOT, loader: 'ts' },
      bundle: true, format: 'iife', platform: 'browser', outdir: directory, entryNames: 'overlay', logLevel: 'warning',
    });
    // The layout engine, loaded beside the page's script as in the webviews.
    fs.copyFileSync(path.join(ROOT, 'dist/webviews/elk.js'), path.join(directory, 'elk.js'));
    fs.writeFileSync(path.join(directory, 'index.html'), '<!DOCTYPE html><html><head><link rel="stylesheet" href="overlay.css"></head><body style="margin:0;height:100vh"><div id="graph" style="height:100%"></div><script src="overlay.js"></script></body></html>');
    page = await browser.newPage({ viewport: { width: 800, height: 900 } });
    await page.goto(pathToFileURL(path.join(directory, 'index.html')).href);
  });

  it('colours states with the console legend and writes their badges, without a new layout', async () => {
    const model = buildGraphModel(helloWorldTemplate.definition);
    const before = await page.evaluate(async (graph) => {
      window.view = new window.GraphView(document.getElementById('graph'));
      await window.view.update(graph);
      window.view.fit();
      return document.querySelector('[data-id]').getAttribute('transform');
    }, model);
    const status = {
      [stateId(['States', 'Pass'])]: { status: 'succeeded', badge: '12 ms' },
      [stateId(['States', 'Hello World example?'])]: { status: 'succeeded' },
      [stateId(['States', 'Yes'])]: { status: 'caught', badge: '2 attempts', title: 'Caught States.TaskFailed' },
      [stateId(['States', 'Wait 3 sec'])]: { status: 'running' },
      [stateId(['States', 'Parallel State', 'Branches', 0, 'States', 'Hello'])]: { status: 'failed', badge: 'Failed' },
      [stateId(['States', 'Parallel State', 'Branches', 1, 'States', 'World'])]: { status: 'cancelled' },
      [stateId(['States', 'Hello World'])]: { status: 'notRun' },
    };
    await page.evaluate((map) => window.view.setStatus(map), status);
    const strokes = await page.evaluate(() => Object.fromEntries([...document.querySelectorAll('[data-id][class*="status-"]')].map((element) => [
      element.querySelector('.name').textContent,
      [getComputedStyle(element.querySelector('.shape')).stroke, element.querySelector(':scope > .status-badge text')?.textContent],
    ])));
    assert.deepEqual(strokes, {
      Pass: ['rgb(26, 127, 55)', '12 ms'],
      'Hello World example?': ['rgb(26, 127, 55)', 'Succeeded'],
      Yes: ['rgb(255, 153, 0)', '2 attempts'],
      'Wait 3 sec': ['rgb(9, 114, 211)', 'In progress'],
      Hello: ['rgb(217, 21, 21)', 'Failed'],
      World: ['rgb(95, 107, 122)', 'Cancelled'],
      'Hello World': ['rgb(141, 153, 168)', 'Not run'],
    });
    assert.equal(await page.locator('.status-caught > .status-badge title').textContent(), 'Caught States.TaskFailed');
    assert.equal(await page.evaluate(() => document.querySelector('[data-id]').getAttribute('transform')), before, 'nothing moved');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'status-overlay.png') });
    // A new map replaces the old one.
    await page.evaluate(() => window.view.setStatus({}));
    assert.equal(await page.locator('[data-id][class*="status-"], .status-badge').count(), 0);
  });

  it('draws the state a debugger is stopped at apart from the states running around it, and takes the mark away after', async () => {
    const parallel = stateId(['States', 'Parallel State']);
    const hello = stateId(['States', 'Parallel State', 'Branches', 0, 'States', 'Hello']);
    await page.evaluate((map) => window.view.setStatus(map), {
      [stateId(['States', 'Pass'])]: { status: 'succeeded' },
      [parallel]: { status: 'running' },
      [hello]: { status: 'running', badge: 'Stopped here', current: true },
    });
    const look = (id) => page.evaluate((id) => {
      const element = document.querySelector(`[data-id="${CSS.escape(id)}"]`);
      const shape = getComputedStyle(element.querySelector(':scope > .shape'));
      return { current: element.classList.contains('current'), stroke: shape.stroke, width: shape.strokeWidth, badge: element.querySelector(':scope > .status-badge text')?.textContent };
    }, id);
    assert.deepEqual(await look(hello), { current: true, stroke: 'rgb(255, 204, 0)', width: '4px', badge: 'Stopped here' });
    assert.deepEqual(await look(parallel), { current: false, stroke: 'rgb(9, 114, 211)', width: '2.2px', badge: 'In progress' });
    await page.screenshot({ path: path.join(SCREENSHOTS, 'status-current.png') });
    await page.evaluate((map) => window.view.setStatus(map), { [hello]: { status: 'succeeded' } });
    assert.deepEqual(await look(hello), { current: false, stroke: 'rgb(26, 127, 55)', width: '2.2px', badge: 'Succeeded' });
  });
});
