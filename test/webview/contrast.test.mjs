// Every text and badge of the three webviews (graph preview, start form, execution view) reads at
// WCAG AA contrast in VS Code's Light+, Dark+ and High Contrast themes (see contrast.mjs for the rules).
import { strict as assert } from 'node:assert';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { contrastFailures } from './contrast.mjs';
import { buildGraphModel, executionViewInit, launchChromium, openGraphPage, openWebviewPage, ROOT, runHistory, stateId } from './graphPage.mjs';

const SCREENSHOTS = path.join(ROOT, 'e2e-results', 'webview');
fs.mkdirSync(SCREENSHOTS, { recursive: true });

let browser;
before(async () => { browser = await launchChromium(); });
after(async () => { await browser?.close(); });

/** A small machine with every kind of drawing: Task, Retry and Catch, Choice rules and Default, a missing target, an unreachable state, Parallel. */
const machine = {
  StartAt: 'Validate',
  States: {
    Validate: {
      Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: 'validate', 'Payload.$': '$' },
      Retry: [{ ErrorEquals: ['States.TaskFailed'], MaxAttempts: 3 }], Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Handle' }], Next: 'Route',
    },
    Route: { Type: 'Choice', Choices: [{ Variable: '$.ok', BooleanEquals: true, Next: 'Done' }, { Variable: '$.retry', BooleanEquals: true, Next: 'Nowhere' }], Default: 'Handle' },
    Handle: { Type: 'Fail', Error: 'Failed', Cause: 'x' },
    Done: { Type: 'Succeed' },
    Orphan: { Type: 'Wait', Seconds: 1, End: true },
  },
};

/** Fails in a branch, is caught, then fails: green, orange, red and grey states, Error and Cause blocks. */
const caughtThenFailed = {
  StartAt: 'Prepare',
  States: {
    Prepare: { Type: 'Pass', Next: 'Work' },
    Work: {
      Type: 'Parallel', Next: 'Done',
      Branches: [{ StartAt: 'Boom', States: { Boom: { Type: 'Fail', Error: 'Oops', Cause: 'The branch failed' } } }],
      Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'Give up' }],
    },
    'Give up': { Type: 'Fail', Error: 'Gave.Up', Cause: 'Caught an error and gave up' },
    Done: { Type: 'Succeed' },
  },
};

/** High contrast themes draw a border around every button (VS Code's button-border): the buttons of `page` without one. */
function buttonsWithoutOutline(page) {
  return page.$$eval('button:not([role=tab]):not(.link)', (buttons) => buttons
    .filter((button) => button.getClientRects().length > 0)
    .filter((button) => getComputedStyle(button).borderTopStyle === 'none' || getComputedStyle(button).borderTopColor === 'rgba(0, 0, 0, 0)')
    .map((button) => button.textContent));
}

function assertReadable({ failures, checked }, what) {
  assert.ok(checked > 10, `${what}: only ${checked} texts were checked`);
  const lines = failures.map((f) => `"${f.text}" ${f.ratio}:1 < ${f.required}:1, ${f.color} on ${f.background}, at ${f.where}`);
  assert.deepEqual(lines, [], `${what}: texts below WCAG AA contrast`);
}

for (const theme of ['light', 'dark', 'highContrast']) {
  describe(`contrast in the ${theme} theme`, () => {
    it('graph preview: names, details, edge labels (Catch included), badges, banner', async () => {
      const graph = await openGraphPage(browser, { width: 1000, height: 900, theme });
      await graph.show(buildGraphModel(machine, {
        diagnostics: [
          { path: ['States', 'Route'], diagnostic: { severity: 'error', message: 'No state is named "Nowhere"' } },
          { path: ['States', 'Orphan'], diagnostic: { severity: 'warning', message: 'Unreachable' } },
          { path: [], diagnostic: { severity: 'warning', message: 'A warning for the whole machine' } },
        ],
      }));
      await graph.page.click('button[title="Zoom to fit"]');
      await graph.page.screenshot({ path: path.join(SCREENSHOTS, `contrast-graph-${theme}.png`) });
      assert.ok(await graph.page.locator('.edge.catch .edge-label-text').isVisible());
      assertReadable(await contrastFailures(graph.page), 'graph preview');
      assert.deepEqual(graph.errors, []);
    });

    it('start form: labels, hints, fields, problems, banners, buttons', async () => {
      const form = await openWebviewPage(browser, 'startExecution', { width: 1000, height: 900, theme });
      const range = { start: { line: 7, character: 4 }, end: { line: 7, character: 5 } };
      await form.send({
        type: 'init',
        form: {
          fileName: 'orders.asl.json', name: 'n-1', input: '{"a": 1}', inputSource: 'default input', mockFile: 'orders.mock.json',
          mock: { stateMachine: 'orders', testCase: 'Sad' }, clock: 'virtual', callAws: true, target: { kind: 'local' },
          plan: {
            errors: [{ message: 'Expected comma', range }], stateMachineName: 'orders',
            unservedTasks: [{ state: 'Pay', resource: 'arn:aws:states:::lambda:invoke' }, { state: 'Stream', resource: 'arn:aws:states:::kinesis:putRecord' }],
            awsCalls: [
              { state: 'Pay', resource: 'arn:aws:states:::lambda:invoke', call: 'Lambda Invoke' },
              { state: 'Stream', resource: 'arn:aws:states:::kinesis:putRecord', unsupported: 'the integration kinesis:putRecord is not called on AWS from a local run yet' },
            ],
            mockConfig: { stateMachines: [{ name: 'orders', testCases: ['Happy', 'Sad'] }] },
          },
        },
      });
      await form.page.locator('#definition-errors:not([hidden])').waitFor();
      await form.page.fill('#name', 'bad name!');
      await form.page.fill('#input', '{"a": [1,}');
      await form.page.screenshot({ path: path.join(SCREENSHOTS, `contrast-start-form-${theme}.png`) });
      assertReadable(await contrastFailures(form.page), 'start form');
      if (theme === 'highContrast') assert.deepEqual(await buttonsWithoutOutline(form.page), []);
      assert.deepEqual(form.errors, []);
    });

    it('execution view: header, badges, legend, graph, state details, events, definition', async () => {
      const view = await openWebviewPage(browser, 'executionView', { width: 1400, height: 1000, theme });
      await view.send(executionViewInit(caughtThenFailed, await runHistory(caughtThenFailed)));
      await view.page.locator('#status', { hasText: 'Failed' }).waitFor();
      await view.page.locator(`g[data-id='${stateId(['States', 'Work'])}'].status-caught`).waitFor();
      await view.page.click(`g[data-id='${stateId(['States', 'Work'])}']`);
      await view.page.screenshot({ path: path.join(SCREENSHOTS, `contrast-execution-graph-${theme}.png`) });
      assertReadable(await contrastFailures(view.page), 'Graph tab');
      if (theme === 'highContrast') assert.deepEqual(await buttonsWithoutOutline(view.page), []);
      await view.page.click('#tab-Events');
      await view.page.click('.canvas .event-row >> nth=3');
      await view.page.screenshot({ path: path.join(SCREENSHOTS, `contrast-execution-events-${theme}.png`) });
      assertReadable(await contrastFailures(view.page), 'Events tab');
      await view.page.click('#tab-Definition');
      await view.page.screenshot({ path: path.join(SCREENSHOTS, `contrast-execution-definition-${theme}.png`) });
      assertReadable(await contrastFailures(view.page), 'Definition tab');
      assert.deepEqual(view.errors, []);
    });
  });
}
