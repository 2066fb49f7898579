// The run webviews (execution view, start form) in headless Chromium: their real page
// (webviewPage, same CSP) and bundles, fed the messages their panels send, with histories from
// the embedded interpreter. Screenshots go to e2e-results/webview/.
import { strict as assert } from 'node:assert';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { buildGraphModel, launchChromium, ROOT } from './graphPage.mjs';

const require = createRequire(import.meta.url);
const { webviewPage } = require(path.join(ROOT, 'out/client/src/webviews/webviewPage.js'));
const { compileStateMachine } = require(path.join(ROOT, 'out/server/src/core/interpreter/index.js'));
const { helloWorldTemplate } = require(path.join(ROOT, 'out/server/src/core/templates.js'));
const { compactEvent } = require(path.join(ROOT, 'out/server/src/core/history/storedTexts.js'));
const SCREENSHOTS = path.join(ROOT, 'e2e-results', 'webview');
fs.mkdirSync(SCREENSHOTS, { recursive: true });

let browser;
before(async () => { browser = await launchChromium(); });
after(async () => { await browser?.close(); });

/** Opens a run webview's page; returns it with the errors it logged and a way to send it messages. */
async function openPage(name, { width = 1200, height = 900 } = {}) {
  const dist = path.join(ROOT, 'dist/webviews');
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), `${name}-page-`));
  const file = path.join(directory, 'index.html');
  fs.writeFileSync(file, webviewPage({
    cspSource: 'file:', title: name,
    scriptUri: pathToFileURL(path.join(dist, `${name}.js`)).href,
    styleUri: pathToFileURL(path.join(dist, `${name}.css`)).href,
  }));
  const page = await browser.newPage({ viewport: { width, height } });
  const errors = [];
  page.on('pageerror', (error) => errors.push(error));
  page.on('console', (message) => { if (message.type() === 'error') errors.push(new Error(message.text())); });
  page.on('dialog', (dialog) => { errors.push(new Error(`dialog: ${dialog.message()}`)); void dialog.dismiss(); });
  await page.addInitScript(() => {
    window.posted = [];
    let state;
    window.acquireVsCodeApi = () => ({ postMessage: (message) => window.posted.push(message), getState: () => state, setState: (value) => { state = value; } });
  });
  await page.goto(pathToFileURL(file).href);
  await page.waitForFunction(() => window.posted.some((message) => message.type === 'ready'));
  return {
    page,
    errors,
    send: (message) => page.evaluate((m) => window.postMessage(m, '*'), message),
    posted: () => page.evaluate(() => window.posted),
  };
}

async function run(definition, input = {}, name = 'run') {
  const { events, ...outcome } = await compileStateMachine(definition).start({ input, name, stateMachineName: 'machine' }).done;
  return { events, outcome };
}

function viewInit(definition, { events, outcome }, overrides = {}) {
  return {
    type: 'init',
    view: {
      executionArn: outcome.executionArn, name: outcome.name, stateMachineName: 'machine', fileName: 'machine.asl.json',
      definition: JSON.stringify(definition, null, 2), graph: buildGraphModel(definition), events, outcome, ...overrides,
    },
  };
}

const nodeOf = (name) => `g[data-id$='${JSON.stringify(name)}]']`;

describe('execution view page', () => {
  it('shows Hello World under its CSP: header, output, every event and a green graph', async () => {
    const view = await openPage('execution');
    const history = await run(helloWorldTemplate.definition, { Comment: 'Insert your JSON here' }, 'hello');
    await view.send(viewInit(helloWorldTemplate.definition, history));
    await view.page.locator('#status', { hasText: 'Succeeded' }).waitFor();
    assert.equal(await view.page.textContent('#transitions'), '8');
    assert.match(await view.page.textContent('#output'), /"IsHelloWorldExample": true/);
    await view.page.locator(`${nodeOf('World')}.status-succeeded`).waitFor();
    assert.match(await view.page.getAttribute(nodeOf('No'), 'class'), /status-notRun/);
    await view.page.click('#tab-Events');
    assert.equal(await view.page.locator('.canvas .event-row').count(), history.events.length);
    await view.page.click('#tab-Definition');
    assert.match(await view.page.textContent('#definition'), /"Wait 3 sec"/);
    await view.page.screenshot({ path: path.join(SCREENSHOTS, 'execution-hello.png') });
    assert.deepEqual(view.errors, []);
  });

  it('streams a running execution: blue while running, Stop posts, then the outcome', async () => {
    const view = await openPage('execution');
    const definition = { StartAt: 'Wait', States: { Wait: { Type: 'Wait', Seconds: 5, Next: 'Done' }, Done: { Type: 'Succeed' } } };
    const history = await run(definition);
    await view.send(viewInit(definition, { events: history.events.slice(0, 2), outcome: { ...history.outcome, status: undefined } }, { outcome: undefined }));
    await view.page.locator('#status', { hasText: 'Running' }).waitFor();
    await view.page.locator(`${nodeOf('Wait')}.status-running`).waitFor();
    assert.equal(await view.page.isVisible('#stop'), true);
    await view.page.click('#stop');
    assert.ok((await view.posted()).some((message) => message.type === 'stop'));
    await view.send({ type: 'events', events: history.events.slice(2), outcome: history.outcome });
    await view.page.locator('#status', { hasText: 'Succeeded' }).waitFor();
    assert.equal(await view.page.isVisible('#stop'), false);
    assert.match(await view.page.getAttribute(nodeOf('Done'), 'class'), /status-succeeded/);
  });

  it('filters the events by text and type, and expands a row to its JSON with the keyboard', async () => {
    const view = await openPage('execution');
    const history = await run(helloWorldTemplate.definition, { Comment: 'x' });
    await view.send(viewInit(helloWorldTemplate.definition, history));
    await view.page.click('#tab-Events');
    await view.page.fill('#event-filter', 'world');
    assert.match(await view.page.textContent('#event-count'), new RegExp(`^\\d+ of ${history.events.length} events$`));
    await view.page.fill('#event-filter', '');
    await view.page.selectOption('#event-type', 'WaitStateExited');
    assert.equal(await view.page.textContent('#event-count'), `1 of ${history.events.length} events`);
    await view.page.focus('.canvas .event-row');
    await view.page.keyboard.press('Enter');
    const detail = JSON.parse(await view.page.textContent('.event-row.open .detail'));
    assert.deepEqual(detail.stateExitedEventDetails.output, { IsHelloWorldExample: true });
  });

  it('pages in the long texts of an event when it is opened, and shows the whole output from the outcome', async () => {
    const view = await openPage('execution');
    const payload = 'p'.repeat(50_000);
    const definition = { StartAt: 'Big', States: { Big: { Type: 'Pass', Result: { payload }, End: true } } };
    const history = await run(definition);
    const stored = [];
    const compact = history.events.map((event) => compactEvent(event, (text) => {
      stored.push(text);
      return { offset: stored.length - 1, bytes: text.length };
    }));
    await view.send(viewInit(definition, { events: compact, outcome: history.outcome }));
    await view.page.locator('#status', { hasText: 'Succeeded' }).waitFor();
    assert.equal(JSON.parse(await view.page.textContent('#output')).payload, payload, 'the header shows the whole output');
    await view.page.click('#tab-Events');
    await view.page.selectOption('#event-type', 'PassStateExited');
    await view.page.click('.canvas .event-row');
    assert.equal(await view.page.textContent('.event-row.open .detail'), 'Loading…');
    const asked = (await view.posted()).find((message) => message.type === 'texts');
    await view.send({ type: 'texts', request: asked.request, contents: asked.texts.map((text) => stored[text.storedText.offset]) });
    await view.page.locator('.event-row.open .detail', { hasText: '"name": "Big"' }).waitFor();
    assert.deepEqual(JSON.parse(await view.page.textContent('.event-row.open .detail')).stateExitedEventDetails.output, { payload });
    assert.deepEqual(view.errors, []);
  });

  it('shows a state named like markup as text, and runs nothing', async () => {
    const name = '<img src=x onerror=alert(1)>';
    const view = await openPage('execution');
    const definition = { StartAt: name, States: { [name]: { Type: 'Pass', End: true } } };
    const history = await run(definition);
    await view.send(viewInit(definition, history, { name: '<b>bold</b>' }));
    await view.page.locator('#status', { hasText: 'Succeeded' }).waitFor();
    assert.equal(await view.page.textContent('#execution-name'), '<b>bold</b>');
    await view.page.click(nodeOf(name));
    assert.equal(await view.page.textContent('#state-details h2'), name);
    await view.page.click('#tab-Events');
    assert.ok((await view.page.locator('.canvas .event-row').allTextContents()).some((text) => text.includes(name)));
    assert.equal(await view.page.locator('img, b').count(), 0);
    assert.deepEqual(view.errors, []);
  });
});

describe('start form page', () => {
  const plan = { errors: [], stateMachineName: 'orders', unservedTasks: [], mockConfig: { stateMachines: [{ name: 'orders', testCases: ['Happy', 'Sad'] }] } };
  const form = { fileName: 'orders.asl.json', name: 'n-1', input: '{"a": 1}', inputSource: 'default input', mockFile: 'orders.mock.json', mock: { stateMachine: 'orders', testCase: 'Sad' }, clock: 'virtual', plan };

  it('checks the name and the input as they are typed, and starts with what the form shows', async () => {
    const page = await openPage('startExecution');
    await page.send({ type: 'init', form });
    await page.page.locator('#test-case').waitFor();
    assert.deepEqual(JSON.parse(await page.page.inputValue('#test-case')), { stateMachine: 'orders', testCase: 'Sad' });
    await page.page.fill('#name', 'bad name!');
    assert.match(await page.page.textContent('#name-problem'), /" " is not allowed/);
    assert.equal(await page.page.isDisabled('#start-execution'), true);
    await page.page.fill('#name', 'x'.repeat(81));
    assert.match(await page.page.textContent('#name-problem'), /81 characters; at most 80/);
    await page.page.fill('#name', 'good_name-2');
    assert.equal(await page.page.textContent('#name-problem'), '');
    await page.page.fill('#input', '{"a": [1,}');
    assert.match(await page.page.textContent('#input-problem'), /^Invalid JSON: .*line 1 column 10/);
    await page.page.click('#format');
    assert.equal(await page.page.inputValue('#input'), '{"a": [1,}', 'Format leaves invalid input as typed');
    await page.page.fill('#input', '{"a":[1,2]}');
    await page.page.click('#format');
    assert.equal(await page.page.inputValue('#input'), '{\n  "a": [\n    1,\n    2\n  ]\n}');
    await page.page.check('#clock-real');
    await page.page.selectOption('#test-case', { label: 'Happy' });
    await page.page.click('#start-execution');
    const start = (await page.posted()).find((message) => message.type === 'start');
    assert.deepEqual(start.request, { name: 'good_name-2', input: '{\n  "a": [\n    1,\n    2\n  ]\n}', mock: { stateMachine: 'orders', testCase: 'Happy' }, clock: 'real' });
    await page.page.screenshot({ path: path.join(SCREENSHOTS, 'start-form.png') });
    assert.deepEqual(page.errors, []);
  });

  it('lists definition errors and unserved Tasks, and asks for the mock quick fix', async () => {
    const page = await openPage('startExecution');
    const range = { start: { line: 7, character: 4 }, end: { line: 7, character: 5 } };
    await page.send({ type: 'init', form: { ...form, plan: { ...plan, errors: [{ message: 'Expected comma', range }], unservedTasks: [{ state: 'Pay <now>', resource: 'arn:aws:states:::lambda:invoke' }] } } });
    await page.page.locator('#definition-errors:not([hidden])').waitFor();
    assert.match(await page.page.textContent('#definition-errors'), /Line 8, column 5: Expected comma/);
    assert.equal(await page.page.isDisabled('#start-execution'), true);
    await page.page.click('#definition-errors button');
    await page.page.click('#unserved button');
    const posted = await page.posted();
    assert.deepEqual(posted.find((message) => message.type === 'reveal').problem.range, range);
    assert.deepEqual(posted.find((message) => message.type === 'addMock'), { type: 'addMock', state: 'Pay <now>', mock: { stateMachine: 'orders', testCase: 'Sad' } });
  });
});
