// The graph as a designer, its real bundle in headless Chromium: the palette (search, keyboard,
// drag onto an edge), the inspector (fields by type, diagnostics at their field, edits posted as
// design operations), the keys on a state, dragging an edge's end, announcements, and every text
// readable in the three themes. What the page posts is what the extension host turns into edits.
import { strict as assert } from 'node:assert';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { after, before, describe, it } from 'node:test';
import { contrastFailures } from './contrast.mjs';
import { buildGraphModel, launchChromium, openGraphPage, ROOT, stateId } from './graphPage.mjs';

const require = createRequire(import.meta.url);
const { COMPARISON_OPERATORS, DESIGN_PALETTE } = require(path.join(ROOT, 'out/server/src/protocol.js'));
const SCREENSHOTS = path.join(ROOT, 'e2e-results', 'webview');
fs.mkdirSync(SCREENSHOTS, { recursive: true });

const machine = {
  StartAt: 'Validate',
  States: {
    Validate: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: 'validate' }, Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Failed' }], Next: 'Route' },
    Route: { Type: 'Choice', Choices: [{ Variable: '$.ok', BooleanEquals: true, Next: 'Done' }], Default: 'Failed' },
    Failed: { Type: 'Fail', Error: 'Invalid' },
    Done: { Type: 'Succeed' },
  },
};
const VALIDATE = ['States', 'Validate'];

let browser;
before(async () => { browser = await launchChromium(); });
after(async () => { await browser?.close(); });

/** The graph page with the palette and `machine` drawn (Validate with a diagnostic at its Resource). */
async function designer(options = {}) {
  const graph = await openGraphPage(browser, { width: 1300, height: 800, ...options });
  await graph.send({ type: 'palette', entries: DESIGN_PALETTE, operators: COMPARISON_OPERATORS });
  await graph.show(buildGraphModel(machine, { diagnostics: [{ path: VALIDATE, diagnostic: { severity: 'error', message: 'Unknown function ARN', field: 'Resource' } }] }));
  const designs = async () => (await graph.posted()).filter((message) => message.type === 'design');
  return { ...graph, designs };
}

/** Selects Validate and answers the inspector's request with its state, as the extension host does. */
async function selectValidate(graph) {
  await graph.page.click(`.node[data-id='${stateId(VALIDATE)}']`);
  await graph.page.waitForFunction(() => window.posted.some((message) => message.type === 'inspect'));
  await graph.send({ type: 'designState', id: stateId(VALIDATE), state: { value: machine.States.Validate, source: '"Validate": {...}', queryLanguage: 'JSONPath', targets: Object.keys(machine.States) } });
  await graph.page.waitForSelector('.inspector h2');
}

/** A point on the line of the edge from `source` to `target`, in page coordinates. */
function pointOnEdge(graph, source, target) {
  return graph.page.evaluate(([from, to]) => {
    const line = document.querySelector(`.edge[data-source='${from}'][data-target='${to}'] .edge-line`);
    const point = line.getPointAtLength(line.getTotalLength() / 2);
    const { x, y } = point.matrixTransform(line.getScreenCTM());
    return { x, y };
  }, [source, target]);
}

describe('graph designer page', () => {
  it('searches the palette and inserts the chosen state after the selected one by keyboard', async () => {
    const graph = await designer();
    assert.equal(await graph.page.locator('.palette-entry').count(), DESIGN_PALETTE.length);
    await graph.page.fill('.palette-search', 'queue');
    assert.deepEqual(await graph.page.$$eval('.palette-entry', (entries) => entries.map((entry) => entry.textContent)), ['SQS SendMessage']);
    await graph.page.fill('.palette-search', 'zzz');
    assert.equal(await graph.page.textContent('.palette-none'), 'No state matches.');
    await selectValidate(graph);
    await graph.page.fill('.palette-search', 'pass');
    await graph.page.press('.palette-search', 'ArrowDown');
    await graph.page.keyboard.press('Enter');
    assert.deepEqual((await graph.designs()).at(-1), { type: 'design', operation: { kind: 'insertState', entry: 'Pass', on: { edge: { from: VALIDATE, kind: 'Next' } } }, announce: 'Inserted Pass after Validate' });
    assert.deepEqual(graph.errors, []);
  });

  it('drops a palette entry on an edge: inserted into that transition', async () => {
    const graph = await designer();
    const point = await pointOnEdge(graph, stateId(VALIDATE), stateId(['States', 'Route']));
    await graph.page.dragAndDrop('.palette-entry[data-entry="Wait"]', '.asl-graph', { targetPosition: await relativeTo(graph, '.asl-graph', point) });
    assert.deepEqual((await graph.designs()).at(-1)?.operation, { kind: 'insertState', entry: 'Wait', on: { edge: { from: VALIDATE, kind: 'Next' } } });
    const start = await pointOnEdge(graph, `${stateId([])}#start`, stateId(VALIDATE));
    await graph.page.dragAndDrop('.palette-entry[data-entry="LambdaInvoke"]', '.asl-graph', { targetPosition: await relativeTo(graph, '.asl-graph', start) });
    assert.deepEqual((await graph.designs()).at(-1)?.operation, { kind: 'insertState', entry: 'LambdaInvoke', on: { edge: { startAt: [] } } });
    assert.deepEqual(graph.errors, []);
  });

  it('shows the selected state in the inspector with the diagnostic at its field, and posts each change', async () => {
    const graph = await designer();
    await selectValidate(graph);
    assert.equal(await graph.page.textContent('.inspector h2'), 'Task: Validate');
    const resource = graph.page.locator('.inspector [data-field="Resource"]');
    assert.equal(await resource.inputValue(), 'arn:aws:states:::lambda:invoke');
    assert.equal(await resource.getAttribute('aria-invalid'), 'true');
    assert.equal(await graph.page.locator('.inspector .field', { has: graph.page.locator('[data-field="Resource"]') }).locator('.field-diagnostics li').textContent(), 'Unknown function ARN');
    await graph.page.fill('.inspector [data-field="Comment"]', 'Checks the order');
    await graph.page.press('.inspector [data-field="Comment"]', 'Tab');
    assert.deepEqual((await graph.designs()).at(-1)?.operation, { kind: 'setField', state: VALIDATE, field: ['Comment'], value: 'Checks the order' });
    await graph.page.fill('.inspector [data-field="Parameters.FunctionName"]', 'check');
    await graph.page.press('.inspector [data-field="Parameters.FunctionName"]', 'Tab');
    assert.deepEqual((await graph.designs()).at(-1)?.operation, { kind: 'setField', state: VALIDATE, field: ['Parameters', 'FunctionName'], value: 'check' });
    await graph.page.selectOption('.inspector [data-field="Catch.0.Next"]', 'Done');
    assert.deepEqual((await graph.designs()).at(-1)?.operation, { kind: 'setTarget', edge: { from: VALIDATE, kind: 'Catch', index: 0 }, target: 'Done' });
    await graph.page.selectOption('.inspector [data-field="Next"]', { label: '(end of the flow)' });
    assert.deepEqual((await graph.designs()).at(-1)?.operation, { kind: 'setTarget', edge: { from: VALIDATE, kind: 'Next' }, target: null });
    await graph.page.click('.inspector button:has-text("Add catcher")');
    assert.deepEqual((await graph.designs()).at(-1)?.operation, { kind: 'addCatcher', state: VALIDATE });
    await graph.page.click('.inspector .source-toggle');
    assert.equal(await graph.page.textContent('.inspector-source'), '"Validate": {...}');
    await graph.page.screenshot({ path: path.join(SCREENSHOTS, 'designer-inspector.png') });
    assert.deepEqual(graph.errors, []);
  });

  it('builds a Choice rule: Variable, every operator, a value of its type, and Not, And, Or around it', async () => {
    const graph = await designer();
    const route = ['States', 'Route'];
    await graph.page.click(`.node[data-id='${stateId(route)}']`);
    await graph.page.waitForFunction(() => window.posted.some((message) => message.type === 'inspect'));
    await graph.send({ type: 'designState', id: stateId(route), state: { value: machine.States.Route, source: '', queryLanguage: 'JSONPath', targets: Object.keys(machine.States) } });
    await graph.page.waitForSelector('.inspector [data-field="Choices.0.Operator"]');
    assert.equal(await graph.page.locator('.inspector [data-field="Choices.0.Operator"] option').count(), COMPARISON_OPERATORS.length);
    assert.equal(await graph.page.inputValue('.inspector [data-field="Choices.0.Operator"]'), 'BooleanEquals');
    await graph.page.selectOption('.inspector [data-field="Choices.0.Operator"]', 'NumericGreaterThan');
    const numeric = { Variable: '$.ok', NumericGreaterThan: 0, Next: 'Done' };
    assert.deepEqual((await graph.designs()).at(-1)?.operation, { kind: 'setField', state: route, field: ['Choices', 0], value: numeric });
    // The host answers with the state as the edit left it.
    await graph.send({ type: 'designState', id: stateId(route), state: { value: { ...machine.States.Route, Choices: [numeric] }, source: '', queryLanguage: 'JSONPath', targets: Object.keys(machine.States) } });
    await graph.page.waitForFunction(() => document.querySelector('.inspector [data-field="Choices.0.Operator"]').value === 'NumericGreaterThan');
    await graph.page.fill('.inspector [data-field="Choices.0.Value"]', '10');
    await graph.page.press('.inspector [data-field="Choices.0.Value"]', 'Tab');
    assert.deepEqual((await graph.designs()).at(-1)?.operation.value, { ...numeric, NumericGreaterThan: 10 });
    await graph.page.selectOption('.inspector [data-field="Choices.0.Kind"]', 'Not');
    assert.deepEqual((await graph.designs()).at(-1)?.operation.value, { Not: { Variable: '$.ok', NumericGreaterThan: 0 }, Next: 'Done' });
    assert.deepEqual(graph.errors, []);
  });

  it('runs every operation on a state by keyboard and announces what was done', async () => {
    const graph = await designer();
    await selectValidate(graph);
    await graph.page.focus(`.node[data-id='${stateId(VALIDATE)}']`);
    await graph.page.keyboard.press('Control+d');
    assert.deepEqual((await graph.designs()).at(-1)?.operation, { kind: 'duplicateState', state: VALIDATE });
    await graph.page.keyboard.press('Delete');
    assert.deepEqual((await graph.designs()).at(-1), { type: 'design', operation: { kind: 'deleteState', state: VALIDATE }, announce: 'Deleted Validate' });
    await graph.page.keyboard.press('ArrowDown');
    assert.equal(await graph.page.evaluate(() => document.activeElement.getAttribute('data-id')), stateId(['States', 'Route']));
    await graph.page.keyboard.press('Alt+ArrowUp');
    assert.deepEqual((await graph.designs()).at(-1), { type: 'design', operation: { kind: 'moveState', state: ['States', 'Route'], to: { startAt: [] } }, announce: 'Moved Route before Validate' });
    await graph.page.keyboard.press('Enter');
    assert.equal(await graph.page.evaluate(() => document.activeElement.closest('.inspector') !== null), true, 'Enter edits the state in the inspector');
    await graph.page.keyboard.press('Control+z');
    assert.deepEqual((await graph.posted()).at(-1), { type: 'undo' }, "Ctrl+Z is the editor's undo");
    await graph.send({ type: 'designed', message: 'Deleted Validate', ok: true });
    await graph.page.waitForFunction(() => document.querySelector('[role=status][aria-live]').textContent === 'Deleted Validate');
    await graph.send({ type: 'designCommand', command: 'addRetrier' });
    assert.deepEqual((await graph.designs()).at(-1)?.operation, { kind: 'addRetrier', state: ['States', 'Route'] });
    assert.deepEqual(graph.errors, []);
  });

  it("re-points an edge by dragging it onto another state, or onto End", async () => {
    const graph = await designer();
    const from = await pointOnEdge(graph, stateId(['States', 'Route']), stateId(['States', 'Done']));
    const to = await graph.page.locator(`.node[data-id='${stateId(['States', 'Failed'])}']`).boundingBox();
    await graph.page.mouse.move(from.x, from.y);
    await graph.page.mouse.down();
    await graph.page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 5 });
    await graph.page.mouse.up();
    assert.deepEqual((await graph.designs()).at(-1)?.operation, { kind: 'setTarget', edge: { from: ['States', 'Route'], kind: 'Choice', index: 0 }, target: 'Failed' });
    assert.deepEqual(graph.errors, []);
  });

  it('moves a state dragged onto an edge into that transition; a click stays a click', async () => {
    const graph = await designer();
    const validate = await graph.page.locator(`.node[data-id='${stateId(VALIDATE)}']`).boundingBox();
    const edge = await pointOnEdge(graph, stateId(['States', 'Route']), stateId(['States', 'Done']));
    await graph.page.mouse.move(validate.x + validate.width / 2, validate.y + validate.height / 2);
    await graph.page.mouse.down();
    await graph.page.mouse.move(edge.x, edge.y, { steps: 6 });
    await graph.page.mouse.up();
    assert.deepEqual((await graph.designs()).at(-1)?.operation, { kind: 'moveState', state: VALIDATE, to: { from: ['States', 'Route'], kind: 'Choice', index: 0 } });
    assert.equal((await graph.posted()).filter((message) => message.type === 'reveal').length, 0, 'the drag is no click');
    await graph.page.click(`.node[data-id='${stateId(['States', 'Done'])}']`);
    assert.deepEqual((await graph.posted()).filter((message) => message.type === 'reveal').map((message) => message.id), [stateId(['States', 'Done'])]);
    assert.deepEqual(graph.errors, []);
  });

  it('keeps the picture when a state is inserted: only what follows it moves, along the flow', async () => {
    const branching = {
      StartAt: 'Start',
      States: {
        Start: { Type: 'Pass', Next: 'Route' },
        Route: { Type: 'Choice', Choices: [{ Variable: '$.left', BooleanEquals: true, Next: 'Left1' }], Default: 'Right1' },
        Left1: { Type: 'Pass', Next: 'Left2' },
        Left2: { Type: 'Pass', Next: 'Join' },
        Right1: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: 'f' }, Next: 'Right2' },
        Right2: { Type: 'Wait', Seconds: 1, Next: 'Join' },
        Join: { Type: 'Parallel', Branches: [{ StartAt: 'P1', States: { P1: { Type: 'Pass', End: true } } }, { StartAt: 'P2', States: { P2: { Type: 'Pass', End: true } } }], Next: 'Done' },
        Done: { Type: 'Succeed' },
      },
    };
    // The text after inserting a Pass on Left1 -> Left2, as the language server's edit leaves it.
    const inserted = structuredClone(branching);
    inserted.States.Left1.Next = 'Pass';
    inserted.States.Pass = { Type: 'Pass', Next: 'Left2' };
    const graph = await openGraphPage(browser, { width: 1300, height: 1000 });
    const positions = () => graph.page.$$eval('[data-id]', (elements) => Object.fromEntries(elements.map((element) => {
      const [x, y] = element.getAttribute('transform').match(/-?[\d.]+/g).map(Number);
      return [element.getAttribute('data-id'), { x, y }];
    })));
    await graph.show(buildGraphModel(branching));
    const before = await positions();
    await graph.show(buildGraphModel(inserted));
    const after = await positions();
    assert.ok(after[stateId(['States', 'Pass'])], 'the inserted state is drawn');
    // What follows the new state: Left2, the Parallel Join with its branches' states, Done and the End.
    const follows = (id) => ['"Left2"', '"Join"', '"Done"', '#end'].some((part) => id.includes(part));
    const TOLERANCE = 4;
    const compared = Object.keys(before).filter((id) => after[id]);
    assert.ok(compared.length >= 11);
    for (const id of compared) {
      assert.ok(Math.abs(after[id].x - before[id].x) <= TOLERANCE, `${id} stays in its column: ${before[id].x} -> ${after[id].x}`);
      if (follows(id)) assert.ok(after[id].y > before[id].y + 40, `${id} makes room for the new state: ${before[id].y} -> ${after[id].y}`);
      else assert.ok(Math.abs(after[id].y - before[id].y) <= TOLERANCE, `${id} stays where it was: ${before[id].y} -> ${after[id].y}`);
    }
    assert.deepEqual(graph.errors, []);
  });

  for (const theme of ['light', 'dark', 'highContrast']) {
    it(`reads at WCAG AA contrast in the ${theme} theme, palette and inspector included`, async () => {
      const graph = await designer({ theme });
      await selectValidate(graph);
      await graph.page.screenshot({ path: path.join(SCREENSHOTS, `designer-${theme}.png`) });
      const { failures, checked } = await contrastFailures(graph.page);
      assert.ok(checked > 20);
      assert.deepEqual(failures.map((f) => `"${f.text}" ${f.ratio}:1, ${f.color} on ${f.background}, at ${f.where}`), []);
    });
  }
});

/** `point` (page coordinates) relative to the element `selector`, as dragAndDrop's targetPosition. */
async function relativeTo(graph, selector, point) {
  const box = await graph.page.locator(selector).boundingBox();
  return { x: point.x - box.x, y: point.y - box.y };
}
