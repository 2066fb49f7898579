// The run webviews (execution view, start form) in headless Chromium: their real page
// (webviewPage, same CSP) and bundles, fed the messages their panels send, with histories from
// the embedded interpreter. Screenshots go to e2e-results/webview/.
import { strict as assert } from 'node:assert';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { after, before, describe, it } from 'node:test';
import { executionViewInit as viewInit, launchChromium, openWebviewPage, ROOT, runHistory as run } from './graphPage.mjs';

const require = createRequire(import.meta.url);
const { helloWorldTemplate } = require(path.join(ROOT, 'out/server/src/core/templates.js'));
const { compactEvent } = require(path.join(ROOT, 'out/server/src/core/history/storedTexts.js'));
const SCREENSHOTS = path.join(ROOT, 'e2e-results', 'webview');
fs.mkdirSync(SCREENSHOTS, { recursive: true });

let browser;
before(async () => { browser = await launchChromium(); });
after(async () => { await browser?.close(); });

/** Opens a run webview's page; returns it with the errors it logged and a way to send it messages. */
const openPage = (name, options) => openWebviewPage(browser, name, options);

const nodeOf = (name) => `g[data-id$='${JSON.stringify(name)}]']`;

describe('execution view page', () => {
  it('shows Hello World under its CSP: header, output, every event and a green graph', async () => {
    const view = await openPage('executionView');
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
    const view = await openPage('executionView');
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
    const view = await openPage('executionView');
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

  it('colours the definition as JSON or YAML, in the theme\'s colours', async () => {
    const history = await run(helloWorldTemplate.definition);
    const colours = async (overrides) => {
      const view = await openPage('executionView', { theme: 'dark' });
      await view.send(viewInit(helloWorldTemplate.definition, history, overrides));
      await view.page.click('#tab-Definition');
      const colour = (selector) => view.page.$eval(selector, (span) => [span.textContent, getComputedStyle(span).color]);
      return { key: await colour('#definition .token-key'), string: await colour('#definition .token-string'), literal: await colour('#definition .token-literal') };
    };
    assert.deepEqual(await colours({}), {
      key: ['"Comment"', 'rgb(197, 134, 192)'], string: ['"A description of my state machine"', 'rgb(206, 145, 120)'], literal: ['true', 'rgb(78, 148, 206)'],
    });
    const yaml = 'Comment: Hello\nStartAt: Pass\nStates:\n  Pass:\n    Type: Pass\n    End: true\n';
    assert.deepEqual(await colours({ definition: yaml, fileName: 'machine.asl.yaml' }), {
      key: ['Comment', 'rgb(197, 134, 192)'], string: ['Hello', 'rgb(206, 145, 120)'], literal: ['true', 'rgb(78, 148, 206)'],
    });
  });

  it('shows a Task nothing serves as a red Failed state whose details give the error and cause', async () => {
    const view = await openPage('executionView');
    const definition = { StartAt: 'Reserve', States: { Reserve: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', End: true } } };
    const history = await run(definition);
    await view.send(viewInit(definition, history));
    await view.page.locator('#status', { hasText: 'Failed' }).waitFor();
    assert.match(await view.page.getAttribute(nodeOf('Reserve'), 'class'), /status-failed/);
    await view.page.click(nodeOf('Reserve'));
    const details = await view.page.textContent('#state-details');
    assert.match(details, /States\.Runtime/);
    assert.match(details, /No result for the Task state 'Reserve'/);
    assert.deepEqual(view.errors, []);
  });

  it("marks a hybrid run's states whose Task called AWS: in the graph, the legend and their Task events", async () => {
    const view = await openPage('executionView');
    const definition = { StartAt: 'Save', States: {
      Save: { Type: 'Task', Resource: 'arn:aws:states:::dynamodb:putItem', Parameters: { TableName: 'Orders' }, Next: 'Price' },
      Price: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', End: true },
    } };
    // Save's answer as the AWS resolver gives it; Price from a mock. The outcome names the states that called AWS (launch.ts).
    const taskResolvers = [{ resolve: ({ stateName }) => ({ result: stateName === 'Save' ? { SdkHttpMetadata: { HttpStatusCode: 200 } } : { Payload: 1 } }) }];
    const history = await run(definition, {}, 'hybrid', { taskResolvers });
    await view.send(viewInit(definition, { ...history, outcome: { ...history.outcome, calledAws: ['Save'] } }));
    await view.page.locator(`${nodeOf('Save')}.called-aws`).waitFor();
    assert.equal(await view.page.textContent(`${nodeOf('Save')} .status-badge .badge-text`), 'AWS');
    assert.doesNotMatch(await view.page.getAttribute(nodeOf('Price'), 'class'), /called-aws/);
    assert.equal(await view.page.isVisible('#legend-aws'), true);
    await view.page.screenshot({ path: path.join(SCREENSHOTS, 'execution-hybrid.png') });
    await view.page.click('#tab-Events');
    const marked = await view.page.locator('.canvas .event-row:has(.aws-mark) .type').allTextContents();
    assert.deepEqual(marked, ['TaskScheduled', 'TaskStarted', 'TaskSucceeded']);
    assert.deepEqual(view.errors, []);
  });

  it("shows a hybrid run's waiting task token with Copy, Send success…, Send failure… and Heartbeat, gone once answered", async () => {
    const view = await openPage('executionView');
    const definition = { StartAt: 'Ask', States: { Ask: { Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken', End: true } } };
    const taskToken = '3f2c6a0e-1b7d-4e8a-9c51-0d6e2f4b8a17';
    const taskResolvers = [{ resolve: () => ({ result: { approved: true } }) }];
    const history = await run(definition, {}, 'waiting', { taskResolvers });
    // Running: the events up to TaskStarted, the token told by the run.
    const started = history.events.findIndex((event) => event.type === 'TaskStarted') + 1;
    await view.send(viewInit(definition, { events: history.events.slice(0, started), outcome: { ...history.outcome, status: undefined } }, { outcome: undefined, taskTokens: [{ stateName: 'Ask', taskToken }] }));
    await view.page.locator('#task-tokens:not([hidden])').waitFor();
    assert.match(await view.page.textContent('#task-tokens'), new RegExp(`Ask waits for the answer to its task token ${taskToken}`));
    assert.equal(await view.page.isVisible('#legend-aws'), false, 'no state called AWS (yet)');
    await view.page.screenshot({ path: path.join(SCREENSHOTS, 'execution-task-token.png') });
    await view.page.click('.send-success');
    await view.page.click('.send-failure');
    await view.page.click('.send-heartbeat');
    await view.page.click('.copy-token');
    const posted = await view.posted();
    assert.deepEqual(posted.filter((message) => message.type === 'answerTask').map((message) => [message.taskToken, message.kind]),
      [[taskToken, 'success'], [taskToken, 'failure'], [taskToken, 'heartbeat']]);
    assert.ok(posted.some((message) => message.type === 'copy' && message.text === taskToken));
    await view.send({ type: 'events', events: [], taskTokens: [] });
    await view.page.locator('#task-tokens[hidden]').waitFor({ state: 'attached' });
    await view.send({ type: 'events', events: history.events.slice(started), outcome: history.outcome });
    await view.page.locator('#status', { hasText: 'Succeeded' }).waitFor();
    assert.deepEqual(view.errors, []);
  });

  it('names an untitled state machine once in the header, and a saved one with its file', async () => {
    const view = await openPage('executionView');
    const definition = { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } };
    const history = await run(definition);
    const machine = 'dt:has-text("State machine") + dd';
    await view.send(viewInit(definition, history, { stateMachineName: 'Untitled-1', fileName: 'Untitled-1' }));
    await view.page.locator('#status', { hasText: 'Succeeded' }).waitFor();
    assert.equal(await view.page.textContent(machine), 'Untitled-1');
    const saved = await openPage('executionView');
    await saved.send(viewInit(definition, history));
    await saved.page.locator('#status', { hasText: 'Succeeded' }).waitFor();
    assert.equal(await saved.page.textContent(machine), 'machine (machine.asl.json)');
  });

  it('pages in the long texts of an event when it is opened, and shows the whole output from the outcome', async () => {
    const view = await openPage('executionView');
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
    const view = await openPage('executionView');
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

/** What a reader would find cut, wrapped or too small in the execution view's tab `tab`, as sentences. */
function layoutProblems(page, tab) {
  return page.evaluate((tab) => {
    const problems = [];
    const clipped = (element) => element.scrollWidth > element.clientWidth + 1;
    const lines = (element) => {
      const range = document.createRange();
      range.selectNodeContents(element);
      return new Set([...range.getClientRects()].map((rect) => Math.round(rect.top))).size;
    };
    for (const badge of document.querySelectorAll('#status, .chip')) {
      if (badge.getClientRects().length && clipped(badge)) problems.push(`badge "${badge.textContent}" is clipped`);
    }
    for (const value of document.querySelectorAll('dd.value')) {
      if (lines(value) > 1) problems.push(`"${value.textContent}" wraps`);
    }
    if (tab === 'Graph') {
      const svg = document.querySelector('.asl-graph').getBoundingClientRect();
      const drawing = document.querySelector('.asl-graph .viewport').getBoundingClientRect();
      if (drawing.left < svg.left - 1 || drawing.right > svg.right + 1 || drawing.top < svg.top - 1 || drawing.bottom > svg.bottom + 1) problems.push('the graph does not fit its view');
      for (const name of document.querySelectorAll('.asl-graph .name')) {
        const size = parseFloat(getComputedStyle(name).fontSize) * name.getScreenCTM().a;
        if (size < 9) problems.push(`"${name.textContent}" is drawn at ${size.toFixed(1)} px`);
      }
      for (const badge of document.querySelectorAll('.asl-graph .status-badge')) {
        const text = badge.querySelector('text').getBBox();
        const rect = badge.querySelector('rect').getBBox();
        if (text.x < rect.x || text.x + text.width > rect.x + rect.width) problems.push(`graph badge "${badge.querySelector('text').textContent}" overflows its pill`);
      }
      // An edge is a line: a curved Choice edge once filled black where the designer's stylesheet is absent.
      for (const path of document.querySelectorAll('.asl-graph .edge path')) {
        if (getComputedStyle(path).fill !== 'none') problems.push(`an edge's ${path.getAttribute('class')} is filled`);
      }
    }
    if (tab === 'Events') {
      const viewport = document.querySelector('.event-viewport');
      const headers = [...document.querySelectorAll('[role=columnheader]')];
      for (const header of headers) if (clipped(header)) problems.push(`column header "${header.textContent}" is clipped`);
      const hidden = headers.filter((header) => header.getBoundingClientRect().right > viewport.getBoundingClientRect().right + 1);
      if (hidden.length && viewport.scrollWidth <= viewport.clientWidth) problems.push(`columns ${hidden.map((h) => h.textContent).join(', ')} are out of sight and the table does not scroll`);
      for (const row of document.querySelectorAll('.canvas .event-row')) {
        const cells = row.querySelectorAll('[role=cell]');
        for (const cell of [cells[0], cells[4], cells[5]]) if (clipped(cell)) problems.push(`cell "${cell.textContent}" is cut`);
      }
    }
    return problems;
  }, tab);
}

describe('execution view layout', () => {
  for (const width of [500, 900, 1600]) {
    it(`at ${width} px: a readable fitted graph, whole badges and timestamps, every event column in reach`, async () => {
      const view = await openPage('executionView', { width, height: 900, theme: 'light' });
      const history = await run(helloWorldTemplate.definition, { Comment: 'x' }, 'hello');
      await view.send(viewInit(helloWorldTemplate.definition, history));
      await view.page.locator(`${nodeOf('No')}.status-notRun`).waitFor();
      await view.page.click(nodeOf('Wait 3 sec'));
      const details = await view.page.$eval('#state-details h2', (heading) => heading.getBoundingClientRect().bottom);
      assert.ok(details <= 900, `the selected state's details are in sight (their heading ends at ${Math.round(details)} px)`);
      await view.page.screenshot({ path: path.join(SCREENSHOTS, `execution-${width}-graph.png`), fullPage: true });
      assert.deepEqual(await layoutProblems(view.page, 'Graph'), []);
      await view.page.click('#tab-Events');
      await view.page.screenshot({ path: path.join(SCREENSHOTS, `execution-${width}-events.png`) });
      assert.deepEqual(await layoutProblems(view.page, 'Events'), []);
      await view.page.$eval('.event-viewport', (viewport) => { viewport.scrollLeft = viewport.scrollWidth; });
      const right = (selector) => view.page.$eval(selector, (element) => element.getBoundingClientRect().right);
      assert.ok(await right('[role=columnheader]:last-child') <= await right('.event-viewport') + 1, 'scrolled to the right, the Timestamp header is in sight');
      assert.deepEqual(view.errors, []);
    });
  }

  it('fits its graph again when the panel is resized', async () => {
    const view = await openPage('executionView', { width: 1600, height: 900, theme: 'light' });
    await view.send(viewInit(helloWorldTemplate.definition, await run(helloWorldTemplate.definition)));
    await view.page.locator(`${nodeOf('No')}.status-notRun`).waitFor();
    await view.page.setViewportSize({ width: 1000, height: 700 });
    await view.page.waitForFunction(() => {
      const area = document.querySelector('.asl-graph').getBoundingClientRect();
      const drawing = document.querySelector('.asl-graph .viewport').getBoundingClientRect();
      return drawing.right <= area.right + 1 && drawing.bottom <= area.bottom + 1 && drawing.left >= area.left - 1;
    }, undefined, { timeout: 5000 });
  });

  it('compare mode: says how the runs differ, where it ran, and selects the state where they part', async () => {
    const view = await openPage('executionView', { width: 1200, height: 800, theme: 'dark' });
    const history = await run(helloWorldTemplate.definition, { Comment: 'x' });
    const comparison = { state: 'Wait 3 sec', sentence: "'Wait 3 sec' exited with a different output.", with: 'b-2 (AWS (default profile, eu-west-1))' };
    await view.send(viewInit(helloWorldTemplate.definition, history, { target: 'http://127.0.0.1:8083', comparison }));
    await view.page.locator('#comparison', { hasText: "Compared with b-2 (AWS (default profile, eu-west-1)): 'Wait 3 sec' exited with a different output." }).waitFor();
    assert.equal(await view.page.textContent('#target'), 'http://127.0.0.1:8083');
    await view.page.locator(`${nodeOf('Wait 3 sec')}.highlighted`).waitFor();
    assert.equal(await view.page.textContent('#state-details h2'), 'Wait 3 sec');
    assert.equal(await view.page.isVisible('#redrive'), false, 'a succeeded execution is not redriven');
    await view.page.screenshot({ path: path.join(SCREENSHOTS, 'execution-compare.png') });
    assert.deepEqual(view.errors, []);
  });

  it('says a remote execution lost from sight has an unknown status, never an end', async () => {
    const definition = { StartAt: 'Wait', States: { Wait: { Type: 'Wait', Seconds: 5, Next: 'Done' }, Done: { Type: 'Succeed' } } };
    const history = await run(definition);
    const view = await openPage('executionView');
    await view.send(viewInit(definition, { events: history.events.slice(0, 2), outcome: { ...history.outcome, status: undefined } }, { outcome: undefined, target: 'http://127.0.0.1:8083' }));
    await view.page.locator('#status', { hasText: 'Running' }).waitFor();
    const why = 'Following execution x on http://127.0.0.1:8083 stopped: http://127.0.0.1:8083: Error: connect ECONNREFUSED 127.0.0.1:8083. It may still be running there; its status is unknown.';
    await view.send({ type: 'events', events: [], lost: why });
    await view.page.locator('#status', { hasText: 'Status unknown' }).waitFor();
    assert.equal(await view.page.textContent('#lost'), why);
    assert.equal(await view.page.isVisible('#stop'), false);
    assert.equal(await view.page.isVisible('#redrive'), false);
    assert.deepEqual(view.errors, []);
  });

  it('offers Redrive for a remote execution that failed, and only for one', async () => {
    const definition = { StartAt: 'Refuse', States: { Refuse: { Type: 'Fail', Error: 'Order.Invalid' } } };
    const failed = await run(definition);
    const local = await openPage('executionView');
    await local.send(viewInit(definition, failed));
    await local.page.locator('#status', { hasText: 'Failed' }).waitFor();
    assert.equal(await local.page.isVisible('#redrive'), false, 'a local run is not redriven');
    const remote = await openPage('executionView');
    await remote.send(viewInit(definition, failed, { target: 'AWS (default profile, eu-west-1)' }));
    await remote.page.locator('#status', { hasText: 'Failed' }).waitFor();
    await remote.page.click('#redrive');
    assert.ok((await remote.posted()).some((message) => message.type === 'redrive'));
    assert.deepEqual(remote.errors, []);
  });

  it('ellipsizes long names, each with its whole text as a tooltip', async () => {
    const view = await openPage('executionView', { width: 700, height: 900, theme: 'light' });
    const name = `Validate the customer order and reserve the stock ${'x'.repeat(30)}`;
    const definition = { StartAt: name, States: { [name]: { Type: 'Pass', End: true } } };
    await view.send(viewInit(definition, await run(definition), { name: 'n'.repeat(80) }));
    await view.page.locator('#status', { hasText: 'Succeeded' }).waitFor();
    const title = view.page.locator('#execution-name');
    assert.equal(await title.getAttribute('title'), 'n'.repeat(80));
    assert.ok(await title.evaluate((element) => element.scrollWidth > element.clientWidth), 'the execution name is cut with an ellipsis');
    await view.page.click('#tab-Events');
    const step = view.page.locator('.canvas .event-row >> nth=1').locator('[role=cell] >> nth=2');
    assert.equal(await step.getAttribute('title'), name);
    assert.equal(await step.evaluate((cell) => getComputedStyle(cell).textOverflow), 'ellipsis');
  });
});

describe('start form page', () => {
  const plan = { errors: [], stateMachineName: 'orders', unservedTasks: [], awsCalls: [], mockConfig: { stateMachines: [{ name: 'orders', testCases: ['Happy', 'Sad'] }] } };
  const form = { fileName: 'orders.asl.json', name: 'n-1', input: '{"a": 1}', inputSource: 'default input', mockFile: 'orders.mock.json', mock: { stateMachine: 'orders', testCase: 'Sad' }, clock: 'virtual', plan, target: { kind: 'local' } };

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
    await page.page.fill('#name', 'order.123');
    assert.equal(await page.page.textContent('#name-problem'), '', 'AWS accepts a dot in a name');
    assert.equal(await page.page.isDisabled('#start-execution'), false);
    await page.page.fill('#name', 'good_name-2');
    assert.equal(await page.page.textContent('#name-problem'), '');
    await page.page.fill('#input', JSON.stringify({ a: 'x'.repeat(262_144) }));
    assert.match(await page.page.textContent('#input-problem'), /^ValidationException: .* less than or equal to 262144$/);
    assert.equal(await page.page.isDisabled('#start-execution'), true);
    assert.equal(await page.page.isDisabled('#debug-execution'), true, 'Debug refuses what Start refuses');
    await page.page.fill('#input', '{"a": [1,}');
    assert.match(await page.page.textContent('#input-problem'), /^InvalidExecutionInput: .*line 1 column 10/);
    await page.page.click('#format');
    assert.equal(await page.page.inputValue('#input'), '{"a": [1,}', 'Format leaves invalid input as typed');
    await page.page.fill('#input', '{"a":[1,2]}');
    await page.page.click('#format');
    assert.equal(await page.page.inputValue('#input'), '{\n  "a": [\n    1,\n    2\n  ]\n}');
    await page.page.check('#clock-real');
    await page.page.selectOption('#test-case', { label: 'Happy' });
    await page.page.click('#debug-execution');
    await page.page.click('#start-execution');
    const start = (await page.posted()).find((message) => message.type === 'start');
    assert.deepEqual(start.request, { name: 'good_name-2', input: '{\n  "a": [\n    1,\n    2\n  ]\n}', mock: { stateMachine: 'orders', testCase: 'Happy' }, clock: 'real', target: { kind: 'local' } });
    const debug = (await page.posted()).find((message) => message.type === 'debug');
    assert.deepEqual(debug.request, start.request, 'Debug starts the debugger with what the form shows');
    await page.page.screenshot({ path: path.join(SCREENSHOTS, 'start-form.png') });
    assert.deepEqual(page.errors, []);
  });

  it('chooses the state machine type: Express asks for the plan with its rules and starts with it', async () => {
    const page = await openPage('startExecution');
    await page.send({ type: 'init', form });
    await page.page.locator('#type-standard:checked').waitFor();
    await page.page.getByLabel(/^Express/).check();
    assert.deepEqual((await page.posted()).filter((message) => message.type === 'selectType'), [{ type: 'selectType', machineType: 'EXPRESS' }]);
    const refused = "Express state machine does not support '.waitForTaskToken' service integration ";
    await page.send({ type: 'plan', plan: { ...plan, errors: [{ message: refused }] }, mockFile: form.mockFile, mock: form.mock });
    await page.page.locator('#definition-errors:not([hidden])').waitFor();
    assert.match(await page.page.textContent('#definition-errors'), /does not support '\.waitForTaskToken'/);
    assert.equal(await page.page.isDisabled('#start-execution'), true);
    await page.send({ type: 'plan', plan, mockFile: form.mockFile, mock: form.mock });
    await page.page.locator('#definition-errors[hidden]').waitFor({ state: 'attached' });
    await page.page.keyboard.press('Control+Enter');
    const start = (await page.posted()).find((message) => message.type === 'start');
    assert.equal(start.request.type, 'EXPRESS');
    assert.equal(await page.page.isChecked('#type-express'), true, 'the choice stays through a new plan');
  });

  it('picks the target: the local endpoint once it runs, AWS with its account and region, a custom URL checked', async () => {
    const page = await openPage('startExecution', { width: 1000, height: 760 });
    const targets = async () => (await page.posted()).filter((message) => message.type === 'target').map((message) => message.target);
    await page.send({ type: 'init', form });
    await page.page.locator('#target-local:checked').waitFor();
    assert.equal(await page.page.isDisabled('#target-localEndpoint'), true, 'no endpoint runs');
    assert.match(await page.page.textContent('#local-endpoint-url'), /not running/);
    assert.equal(await page.page.isVisible('#test-case'), true);

    await page.send({ type: 'localEndpoint', url: 'http://127.0.0.1:8083' });
    await page.page.check('#target-localEndpoint');
    assert.equal(await page.page.textContent('#local-endpoint-url'), ' http://127.0.0.1:8083');
    // Mocks, handlers' plan and the clock are the interpreter's: a remote target has its own.
    assert.equal(await page.page.isVisible('#test-case'), false);
    assert.equal(await page.page.isVisible('#debug-execution'), false);
    assert.equal(await page.page.textContent('#start-execution'), 'Start on the endpoint');
    assert.deepEqual((await targets()).at(-1), { kind: 'localEndpoint' });

    await page.page.check('#target-aws');
    assert.equal(await page.page.textContent('#aws-identity'), 'Checking the credentials…');
    await page.page.fill('#aws-profile', 'dev');
    await page.page.fill('#aws-region', 'mars');
    assert.equal(await page.page.textContent('#target-problem'), '"mars" is not a region name such as eu-west-1.');
    assert.equal(await page.page.isDisabled('#start-execution'), true);
    await page.page.fill('#aws-region', 'eu-west-1');
    assert.equal(await page.page.isDisabled('#start-execution'), false);
    const choice = { kind: 'aws', profile: 'dev', region: 'eu-west-1' };
    // Asked once typing pauses, with what was typed last.
    for (let i = 0; i < 50 && JSON.stringify((await targets()).at(-1)) !== JSON.stringify(choice); i++) await new Promise((resolve) => setTimeout(resolve, 50));
    assert.deepEqual((await targets()).at(-1), choice);
    await page.send({ type: 'identity', identity: { label: 'AWS (profile dev, eu-west-1)', roles: [], account: '111122223333', arn: 'arn:aws:iam::111122223333:user/ada', region: 'us-east-1' }, for: { ...choice, region: 'us-east-1' } });
    assert.equal(await page.page.textContent('#aws-identity'), 'Checking the credentials…', 'an answer about another choice is stale');
    await page.send({ type: 'identity', identity: { label: 'AWS (profile dev, eu-west-1)', roles: [], account: '111122223333', arn: 'arn:aws:iam::111122223333:user/ada', region: 'eu-west-1' }, for: choice });
    await page.page.locator('#aws-identity', { hasText: 'Account 111122223333 · eu-west-1 · arn:aws:iam::111122223333:user/ada' }).waitFor();
    assert.equal(await page.page.textContent('#start-execution'), 'Start on AWS');
    await page.page.screenshot({ path: path.join(SCREENSHOTS, 'start-form-target-aws.png') });
    await page.page.click('#start-execution');
    assert.deepEqual((await page.posted()).find((message) => message.type === 'start').request.target, { kind: 'aws', profile: 'dev', region: 'eu-west-1' });

    await page.send({ type: 'startFailed', errors: [{ message: 'CredentialsProviderError: Could not load credentials from any providers' }] });
    await page.send({ type: 'identity', identity: { failure: { code: 'CredentialsProviderError', message: 'Could not load credentials from any providers' } }, for: choice });
    await page.page.locator('#aws-identity.problem', { hasText: 'CredentialsProviderError' }).waitFor();

    await page.page.check('#target-custom');
    assert.equal(await page.page.textContent('#target-problem'), 'Enter the endpoint URL, such as http://localhost:4566.');
    await page.page.fill('#custom-url', 'ftp://localhost');
    assert.equal(await page.page.textContent('#target-problem'), '"ftp://localhost" is not an http(s) URL.');
    assert.equal(await page.page.isDisabled('#start-execution'), true);
    await page.page.fill('#custom-url', 'http://localhost:4566');
    await page.page.keyboard.press('Control+Enter');
    const starts = (await page.posted()).filter((message) => message.type === 'start');
    assert.deepEqual(starts.at(-1).request.target, { kind: 'endpoint', url: 'http://localhost:4566' });
    await page.page.screenshot({ path: path.join(SCREENSHOTS, 'start-form-target-custom.png') });
    assert.deepEqual(page.errors, []);
  });

  it("offers only the test cases of this state machine, and says why no MockConfigFile fits when none does", async () => {
    const page = await openPage('startExecution');
    const shared = { stateMachines: [{ name: 'payments', testCases: ['Refund'] }, { name: 'orders', testCases: ['Happy', 'Sad'] }] };
    await page.send({ type: 'init', form: { ...form, plan: { ...plan, mockConfig: shared } } });
    await page.page.locator('#test-case').waitFor();
    assert.deepEqual(await page.page.locator('#test-case option').allTextContents(), ['No mocks', 'Happy', 'Sad']);
    const why = 'No MockConfigFile names the state machine "orders" in its "StateMachines": other.mock.json names "payments".';
    await page.send({ type: 'plan', plan: { ...plan, mockConfig: undefined }, mockProblem: why });
    await page.page.locator('#mock-problem').waitFor();
    assert.equal(await page.page.textContent('#mock-problem'), why);
    assert.equal(await page.page.locator('#test-case').count(), 0);
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

  it('offers a hybrid run: the box lists what each unserved Task will call on AWS, or why it cannot, and the start asks for it', async () => {
    const page = await openPage('startExecution');
    const unservedTasks = [
      { state: 'Save', resource: 'arn:aws:states:::dynamodb:putItem' },
      { state: 'Stream', resource: 'arn:aws:states:::kinesis:putRecord' },
    ];
    const awsCalls = [
      { ...unservedTasks[0], call: 'DynamoDB PutItem' },
      { ...unservedTasks[1], unsupported: 'the integration kinesis:putRecord is not called on AWS from a local run yet' },
    ];
    await page.send({ type: 'init', form: { ...form, callAws: false, plan: { ...plan, unservedTasks, awsCalls } } });
    await page.page.locator('#call-aws-section:not([hidden])').waitFor();
    assert.equal(await page.page.isChecked('#call-aws'), false, 'unchecked unless aslWorkbench.run.callAws is on');
    assert.equal(await page.page.locator('#aws-calls li').count(), 0);
    assert.equal(await page.page.locator('#unserved li').count(), 2);
    await page.page.check('#call-aws');
    assert.deepEqual(await page.page.locator('#aws-calls li').allTextContents(), [
      'Save DynamoDB PutItem arn:aws:states:::dynamodb:putItem',
      'Stream not called: the integration kinesis:putRecord is not called on AWS from a local run yet arn:aws:states:::kinesis:putRecord',
    ]);
    assert.deepEqual(await page.page.locator('#unserved li .state').allTextContents(), ['Stream'], 'only the Task AWS cannot serve stays unserved');
    assert.equal(await page.page.isDisabled('#debug-execution'), true, 'the debugger does not call AWS');
    await page.page.screenshot({ path: path.join(SCREENSHOTS, 'start-form-call-aws.png') });
    await page.page.click('#start-execution');
    const start = (await page.posted()).find((message) => message.type === 'start');
    assert.equal(start.request.callAws, true);
    assert.deepEqual(page.errors, []);
  });
});
