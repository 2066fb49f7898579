// The designer's inspector forms, its real bundle in headless Chromium: Task resource and
// Parameters/Arguments as keys and values, the Retry and Catch editors, a Map's reader, batcher and
// writer, JSONata fields, the completion list by keyboard (answered by the real language service),
// diagnostics at nested fields, and a name for every control. What the page posts is what the
// extension host turns into edits.
import { strict as assert } from 'node:assert';
import path from 'node:path';
import { createRequire } from 'node:module';
import { after, before, describe, it } from 'node:test';
import { contrastFailures } from './contrast.mjs';
import { buildGraphModel, launchChromium, openGraphPage, ROOT, stateId } from './graphPage.mjs';

const require = createRequire(import.meta.url);
const { COMPARISON_OPERATORS, DESIGN_PALETTE } = require(path.join(ROOT, 'out/server/src/protocol.js'));
const { getLanguageService } = require(path.join(ROOT, 'out/server/src/languageService/index.js'));
const { TextDocument } = require('vscode-languageserver-textdocument');

const service = getLanguageService();
const CALL = ['States', 'Call'];
const COLLECT = ['States', 'Collect'];

const jsonPathMachine = {
  StartAt: 'Call',
  States: {
    Call: {
      Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: 'check', 'Payload.$': '$' },
      Retry: [{ ErrorEquals: ['States.Timeout'], MaxAttempts: 2 }], Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Failed' }], Next: 'Collect',
    },
    Collect: {
      Type: 'Map', ItemReader: { Resource: 'arn:aws:states:::s3:getObject', ReaderConfig: { InputType: 'CSV' }, Parameters: { Bucket: 'b', Key: 'k' } },
      ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' }, StartAt: 'P', States: { P: { Type: 'Pass', End: true } } }, End: true,
    },
    Failed: { Type: 'Fail', Error: 'Rejected' },
  },
};
const jsonataMachine = {
  QueryLanguage: 'JSONata',
  StartAt: 'Call',
  States: { Call: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Arguments: { FunctionName: 'check' }, Assign: { total: 1 }, End: true } },
};

let browser;
before(async () => { browser = await launchChromium(); });
after(async () => { await browser?.close(); });

/** The graph page with `machine` drawn, the state at `statePath` selected and shown, completion answered by the language service on the machine's text. */
async function inspect(machine, statePath, diagnostics = [], theme = undefined) {
  const graph = await openGraphPage(browser, { width: 1300, height: 900, theme });
  await graph.send({ type: 'palette', entries: DESIGN_PALETTE, operators: COMPARISON_OPERATORS });
  await graph.show(buildGraphModel(machine, { diagnostics: diagnostics.map((diagnostic) => ({ path: statePath, diagnostic })) }));
  // Near its top left corner: a Map is drawn around its item processor's states.
  await graph.page.click(`[data-id='${stateId(statePath)}'][tabindex]`, { position: { x: 24, y: 12 } });
  await graph.page.waitForFunction(() => window.posted.some((message) => message.type === 'inspect'));
  const text = JSON.stringify(machine, null, 2);
  const document = service.parse(TextDocument.create('file:///workspace/test.asl.json', 'asl', 1, text));
  const state = service.designState(document, statePath);
  await graph.send({ type: 'designState', id: stateId(statePath), state });
  await graph.page.waitForSelector('.inspector h2');
  const answered = new Set();
  /** Answers the page's completion requests not answered yet, as the extension host does through the language server. */
  const answerCompletions = async () => {
    await graph.page.waitForFunction((count) => window.posted.filter((message) => message.type === 'complete').length > count, answered.size);
    for (const message of await graph.posted()) {
      if (message.type !== 'complete' || answered.has(message.id)) continue;
      answered.add(message.id);
      const { type: _type, id, ...params } = message;
      await graph.send({ type: 'completion', id, items: service.designCompletion(document, { uri: document.textDocument.uri, ...params }) });
    }
    // The page takes a posted message later: one more, behind the answers, says they were taken.
    await graph.page.evaluate(() => new Promise((resolve) => {
      const taken = (event) => {
        if (event.data?.type !== 'answersTaken') return;
        window.removeEventListener('message', taken);
        resolve();
      };
      window.addEventListener('message', taken);
      window.postMessage({ type: 'answersTaken' }, '*');
    }));
  };
  /** Types `text` into `control` (a locator) and waits for the suggestions, answered. */
  const suggest = async (control, text) => {
    await control.pressSequentially(text);
    await answerCompletions();
    await graph.page.waitForSelector('.inspector .completion-list:not([hidden]) [role="option"]');
  };
  const operations = async () => (await graph.posted()).filter((message) => message.type === 'design').map((message) => message.operation);
  const lastOperation = async () => (await operations()).at(-1);
  /** Types `text` into the field and leaves it with Tab (a change). */
  const enter = async (field, text) => {
    await graph.page.fill(`.inspector [data-field="${field}"]`, text);
    await graph.page.press(`.inspector [data-field="${field}"]`, 'Tab');
  };
  return { ...graph, answerCompletions, suggest, operations, lastOperation, enter };
}

describe('inspector forms', () => {
  it('completes the Task resource from the language server: a listbox walked by the arrow keys, Enter takes the item, Tab sets the field', async () => {
    const graph = await inspect(jsonPathMachine, CALL);
    const resource = graph.page.locator('.inspector [data-field="Resource"]');
    assert.equal(await resource.getAttribute('role'), 'combobox');
    await resource.fill('');
    await graph.suggest(resource, 'arn:aws:states:::s');
    assert.equal(await resource.getAttribute('aria-expanded'), 'true');
    const options = await graph.page.$$eval('.inspector .completion-list [role="option"]', (items) => items.map((item) => item.firstChild.textContent));
    assert.ok(options.includes('arn:aws:states:::sqs:sendMessage') && options.includes('arn:aws:states:::sns:publish'), options.join());
    assert.ok(options.every((option) => option.startsWith('arn:aws:states:::s')), options.join());
    const activeName = () => graph.page.evaluate(() => document.getElementById(document.activeElement.getAttribute('aria-activedescendant'))?.firstChild.textContent);
    assert.equal(await activeName(), options[0]);
    await graph.page.keyboard.press('ArrowDown');
    assert.equal(await activeName(), options[1]);
    assert.equal(await graph.page.getAttribute(`.inspector [role="option"]:nth-child(2)`, 'aria-selected'), 'true');
    await graph.page.keyboard.press('ArrowUp');
    const sqs = options.indexOf('arn:aws:states:::sqs:sendMessage');
    for (let step = 0; step < sqs; step++) await graph.page.keyboard.press('ArrowDown');
    await graph.page.keyboard.press('Enter');
    assert.equal(await resource.inputValue(), 'arn:aws:states:::sqs:sendMessage');
    assert.equal(await resource.getAttribute('aria-expanded'), 'false');
    await graph.page.keyboard.press('Tab');
    assert.deepEqual(await graph.lastOperation(), { kind: 'setField', state: CALL, field: ['Resource'], value: 'arn:aws:states:::sqs:sendMessage' });
    // Escape closes the list without changing the text.
    await resource.pressSequentially('x');
    await graph.answerCompletions();
    await resource.press('Control+Space');
    await graph.answerCompletions();
    assert.equal(await resource.getAttribute('aria-expanded'), 'true');
    const typed = await resource.inputValue();
    await resource.press('Escape');
    assert.equal(await resource.inputValue(), typed);
    assert.equal(await resource.getAttribute('aria-expanded'), 'false');
    assert.deepEqual(graph.errors, []);
  });

  it('edits Parameters as keys and values: a value, a key made a path (.$), a new key, a renamed key, a removed one', async () => {
    const graph = await inspect(jsonPathMachine, CALL);
    await graph.enter('Parameters.FunctionName', 'arn:aws:lambda:us-east-1:123456789012:function:check');
    assert.deepEqual(await graph.lastOperation(), { kind: 'setField', state: CALL, field: ['Parameters', 'FunctionName'], value: 'arn:aws:lambda:us-east-1:123456789012:function:check' });
    await graph.page.check('.inspector [data-field="Parameters.FunctionName.#path"]');
    assert.deepEqual(await graph.lastOperation(), { kind: 'setField', state: CALL, field: ['Parameters', 'FunctionName.$'], value: 'check', replaces: ['FunctionName'] });
    await graph.enter('Parameters.#new', 'Retries.$');
    assert.deepEqual(await graph.lastOperation(), { kind: 'setField', state: CALL, field: ['Parameters', 'Retries.$'], value: '$' });
    await graph.enter('Parameters.Payload.$.#key', 'Input');
    assert.deepEqual(await graph.lastOperation(), { kind: 'setField', state: CALL, field: ['Parameters', 'Input.$'], value: '$', replaces: ['Payload.$'] });
    await graph.page.click('.inspector button[aria-label="Remove Payload.$ from Parameters"]');
    assert.deepEqual(await graph.lastOperation(), { kind: 'setField', state: CALL, field: ['Parameters', 'Payload.$'] });
    // A path value completes JSONPath: the Context object, intrinsic functions.
    const payload = graph.page.locator('.inspector [data-field="Parameters.Payload.$"]');
    await payload.fill('');
    await graph.suggest(payload, 'States.Array');
    await graph.page.keyboard.press('Enter');
    assert.match(await payload.inputValue(), /^States\.Array[A-Za-z]*\(\)$/);
    assert.deepEqual(graph.errors, []);
  });

  it('edits a retrier: its error names (added from the completion, removed), attempts, interval, backoff, jitter; adds and removes retriers', async () => {
    const graph = await inspect(jsonPathMachine, CALL, [{ severity: 'error', message: 'MaxAttempts must be at least 0', field: 'Retry', fieldPath: ['Retry', 0, 'MaxAttempts'] }]);
    const attempts = graph.page.locator('.inspector [data-field="Retry.0.MaxAttempts"]');
    assert.equal(await attempts.getAttribute('aria-invalid'), 'true');
    const described = await attempts.getAttribute('aria-describedby');
    assert.equal(await graph.page.textContent(`#${described}`), 'MaxAttempts must be at least 0');
    await graph.enter('Retry.0.MaxAttempts', '5');
    assert.deepEqual(await graph.lastOperation(), { kind: 'setField', state: CALL, field: ['Retry', 0, 'MaxAttempts'], value: 5 });
    await graph.enter('Retry.0.IntervalSeconds', '2');
    assert.deepEqual(await graph.lastOperation(), { kind: 'setField', state: CALL, field: ['Retry', 0, 'IntervalSeconds'], value: 2 });
    await graph.enter('Retry.0.BackoffRate', '1.5');
    assert.deepEqual(await graph.lastOperation(), { kind: 'setField', state: CALL, field: ['Retry', 0, 'BackoffRate'], value: 1.5 });
    await graph.enter('Retry.0.MaxDelaySeconds', '30');
    assert.deepEqual(await graph.lastOperation(), { kind: 'setField', state: CALL, field: ['Retry', 0, 'MaxDelaySeconds'], value: 30 });
    const jitter = graph.page.locator('.inspector [data-field="Retry.0.JitterStrategy"]');
    await graph.suggest(jitter, 'F');
    assert.deepEqual(await graph.page.$$eval('.inspector .completion-list [role="option"]', (items) => items.map((item) => item.textContent)), ['FULL']);
    await graph.page.keyboard.press('Enter');
    await graph.page.keyboard.press('Tab');
    assert.deepEqual(await graph.lastOperation(), { kind: 'setField', state: CALL, field: ['Retry', 0, 'JitterStrategy'], value: 'FULL' });
    const adding = graph.page.locator('.inspector [data-field="Retry.0.ErrorEquals.1"]');
    await graph.suggest(adding, 'States.Task');
    const names = await graph.page.$$eval('.inspector .completion-list [role="option"]', (items) => items.map((item) => item.textContent));
    assert.ok(names.includes('States.TaskFailed') && !names.includes('States.Timeout'), names.join());
    await graph.page.keyboard.press('Enter');
    await graph.page.keyboard.press('Tab');
    assert.deepEqual(await graph.lastOperation(), { kind: 'setField', state: CALL, field: ['Retry', 0, 'ErrorEquals', 1], value: 'States.TaskFailed' });
    await graph.page.click('.inspector [data-field="Retry.0"] button[aria-label="Remove States.Timeout"]');
    assert.deepEqual(await graph.lastOperation(), { kind: 'setField', state: CALL, field: ['Retry', 0, 'ErrorEquals', 0] });
    await graph.page.click('.inspector button[aria-label="Remove retrier 1"]');
    assert.deepEqual(await graph.lastOperation(), { kind: 'setField', state: CALL, field: ['Retry'] });
    await graph.page.click('.inspector button:has-text("Add retrier")');
    assert.deepEqual(await graph.lastOperation(), { kind: 'addRetrier', state: CALL });
    assert.deepEqual(graph.errors, []);
  });

  it('a redraw while typing (a new version of the text) commits nothing: the text, the cursor and the suggestions stay', async () => {
    const graph = await inspect(jsonPathMachine, CALL);
    const adding = graph.page.locator('.inspector [data-field="Retry.0.ErrorEquals.1"]');
    await graph.suggest(adding, 'States.Ta');
    const designs = (await graph.operations()).length;
    const state = await graph.page.evaluate(() => window.posted.filter((message) => message.type === 'inspect').at(-1));
    await graph.send({ type: 'designState', id: state.id, state: { value: jsonPathMachine.States.Call, source: '', queryLanguage: 'JSONPath', targets: Object.keys(jsonPathMachine.States) } });
    await graph.answerCompletions();
    await graph.page.waitForSelector('.inspector .completion-list:not([hidden]) [role="option"]');
    assert.deepEqual((await graph.operations()).slice(designs), [], 'the half-typed name is not written');
    assert.equal(await adding.inputValue(), 'States.Ta');
    assert.equal(await graph.page.evaluate(() => document.activeElement.dataset.field), 'Retry.0.ErrorEquals.1');
    await graph.page.keyboard.press('Enter');
    assert.equal(await adding.inputValue(), 'States.TaskFailed');
    assert.deepEqual(graph.errors, []);
  });

  it("edits a catcher: its errors, ResultPath, variables and Next; removes it", async () => {
    const graph = await inspect(jsonPathMachine, CALL);
    await graph.enter('Catch.0.ResultPath', '$.error');
    assert.deepEqual(await graph.lastOperation(), { kind: 'setField', state: CALL, field: ['Catch', 0, 'ResultPath'], value: '$.error' });
    await graph.enter('Catch.0.Assign.#new', 'failed');
    assert.deepEqual(await graph.lastOperation(), { kind: 'setField', state: CALL, field: ['Catch', 0, 'Assign', 'failed'], value: '' });
    await graph.enter('Catch.0.ErrorEquals.1', 'Rejected');
    assert.deepEqual(await graph.lastOperation(), { kind: 'setField', state: CALL, field: ['Catch', 0, 'ErrorEquals', 1], value: 'Rejected' });
    await graph.page.selectOption('.inspector [data-field="Catch.0.Next"]', 'Collect');
    assert.deepEqual(await graph.lastOperation(), { kind: 'setTarget', edge: { from: CALL, kind: 'Catch', index: 0 }, target: 'Collect' });
    await graph.page.click('.inspector button[aria-label="Remove catcher 1"]');
    assert.deepEqual(await graph.lastOperation(), { kind: 'setField', state: CALL, field: ['Catch'] });
    assert.deepEqual(graph.errors, []);
  });

  it("edits a distributed Map: the reader's resource, parameters and CSV options by input type, the batcher, the writer, tolerance and concurrency", async () => {
    const graph = await inspect(jsonPathMachine, COLLECT);
    assert.equal(await graph.page.locator('.inspector [data-field="ItemReader.ReaderConfig.CSVHeaderLocation"]').count(), 1, 'CSV options shown for InputType CSV');
    assert.equal(await graph.page.locator('.inspector [data-field="ItemReader.ReaderConfig.ManifestType"]').count(), 0);
    await graph.enter('ItemReader.Parameters.Key', 'orders.csv');
    assert.deepEqual(await graph.lastOperation(), { kind: 'setField', state: COLLECT, field: ['ItemReader', 'Parameters', 'Key'], value: 'orders.csv' });
    const location = graph.page.locator('.inspector [data-field="ItemReader.ReaderConfig.CSVHeaderLocation"]');
    await location.press('ArrowDown');
    await graph.answerCompletions();
    await graph.page.waitForSelector('.inspector .completion-list:not([hidden])');
    assert.deepEqual(await graph.page.$$eval('.inspector .completion-list [role="option"]', (items) => items.map((item) => item.textContent)), ['FIRST_ROW', 'GIVEN']);
    await graph.page.keyboard.press('Enter');
    await graph.page.keyboard.press('Tab');
    assert.deepEqual(await graph.lastOperation(), { kind: 'setField', state: COLLECT, field: ['ItemReader', 'ReaderConfig', 'CSVHeaderLocation'], value: 'FIRST_ROW' });
    await graph.enter('ItemBatcher.MaxItemsPerBatch', '100');
    assert.deepEqual(await graph.lastOperation(), { kind: 'setField', state: COLLECT, field: ['ItemBatcher', 'MaxItemsPerBatch'], value: 100 });
    await graph.enter('ItemBatcher.BatchInput', '{ "run": ');
    assert.match(await graph.page.textContent('.inspector .field-problem:not(:empty)'), /^Not JSON: /);
    await graph.enter('ItemBatcher.BatchInput', '{ "run": 1 }');
    assert.deepEqual(await graph.lastOperation(), { kind: 'setField', state: COLLECT, field: ['ItemBatcher', 'BatchInput'], value: { run: 1 } });
    await graph.enter('ResultWriter.Resource', 'arn:aws:states:::s3:putObject');
    assert.deepEqual(await graph.lastOperation(), { kind: 'setField', state: COLLECT, field: ['ResultWriter', 'Resource'], value: 'arn:aws:states:::s3:putObject' });
    await graph.enter('ResultWriter.WriterConfig.OutputType', 'JSONL');
    assert.deepEqual(await graph.lastOperation(), { kind: 'setField', state: COLLECT, field: ['ResultWriter', 'WriterConfig', 'OutputType'], value: 'JSONL' });
    await graph.enter('ToleratedFailurePercentage', '10');
    assert.deepEqual(await graph.lastOperation(), { kind: 'setField', state: COLLECT, field: ['ToleratedFailurePercentage'], value: 10 });
    await graph.enter('ToleratedFailureCountPath', '$.tolerated');
    assert.deepEqual(await graph.lastOperation(), { kind: 'setField', state: COLLECT, field: ['ToleratedFailureCountPath'], value: '$.tolerated' });
    await graph.enter('MaxConcurrency', '4');
    assert.deepEqual(await graph.lastOperation(), { kind: 'setField', state: COLLECT, field: ['MaxConcurrency'], value: 4 });
    await graph.enter('MaxConcurrency', '');
    assert.deepEqual(await graph.lastOperation(), { kind: 'setField', state: COLLECT, field: ['MaxConcurrency'] });
    assert.deepEqual(graph.errors, []);
  });

  it('in JSONata: Arguments and Output take expressions, completed inside {% %}; Assign as keys and values', async () => {
    const graph = await inspect(jsonataMachine, CALL);
    assert.equal(await graph.page.locator('.inspector [data-field="Parameters"]').count(), 0);
    assert.equal(await graph.page.locator('.inspector [data-field="Parameters.FunctionName.#path"]').count(), 0, 'no .$ keys in JSONata');
    const output = graph.page.locator('.inspector [data-field="Output"]');
    await graph.suggest(output, '{% $states.re');
    await graph.page.keyboard.press('Enter');
    await output.pressSequentially(' %}');
    await graph.page.keyboard.press('Tab');
    assert.deepEqual(await graph.lastOperation(), { kind: 'setField', state: CALL, field: ['Output'], value: '{% $states.result %}' });
    await graph.enter('Arguments.FunctionName', '{% $total %}');
    assert.deepEqual(await graph.lastOperation(), { kind: 'setField', state: CALL, field: ['Arguments', 'FunctionName'], value: '{% $total %}' });
    await graph.enter('Assign.total', '2');
    assert.deepEqual(await graph.lastOperation(), { kind: 'setField', state: CALL, field: ['Assign', 'total'], value: 2 });
    await graph.enter('Arguments.#new', 'Payload');
    assert.deepEqual(await graph.lastOperation(), { kind: 'setField', state: CALL, field: ['Arguments', 'Payload'], value: '{% %}' });
    assert.deepEqual(graph.errors, []);
  });

  it('builds a nested Choice rule: And, Or, Not around comparisons, each set at its own path; adds and removes rules inside', async () => {
    const route = ['States', 'Route'];
    const rule = { And: [{ Variable: '$.total', NumericGreaterThan: 100 }, { Not: { Variable: '$.coupon', IsPresent: true } }], Next: 'Done' };
    const choosing = { StartAt: 'Route', States: { Route: { Type: 'Choice', Choices: [rule], Default: 'Done' }, Done: { Type: 'Succeed' } } };
    const graph = await inspect(choosing, route);
    assert.equal(await graph.page.inputValue('.inspector [data-field="Choices.0.Kind"]'), 'And');
    assert.equal(await graph.page.inputValue('.inspector [data-field="Choices.0.And.0.Operator"]'), 'NumericGreaterThan');
    assert.equal(await graph.page.inputValue('.inspector [data-field="Choices.0.And.1.Kind"]'), 'Not');
    assert.equal(await graph.page.inputValue('.inspector [data-field="Choices.0.And.1.Not.Operator"]'), 'IsPresent');
    await graph.page.selectOption('.inspector [data-field="Choices.0.And.0.Operator"]', 'NumericGreaterThanEquals');
    assert.deepEqual(await graph.lastOperation(), { kind: 'setField', state: route, field: ['Choices', 0, 'And', 0], value: { Variable: '$.total', NumericGreaterThanEquals: 100 } });
    await graph.enter('Choices.0.And.1.Not.Value', 'false');
    assert.deepEqual(await graph.lastOperation(), { kind: 'setField', state: route, field: ['Choices', 0, 'And', 1, 'Not'], value: { Variable: '$.coupon', IsPresent: false } });
    await graph.page.click('.inspector button[aria-label="Add a rule to And"]');
    assert.deepEqual(await graph.lastOperation(), { kind: 'setField', state: route, field: ['Choices', 0, 'And', 2], value: { Variable: '$.value', IsPresent: true } });
    await graph.page.click('.inspector button[aria-label="Remove And rule 1"]');
    assert.deepEqual(await graph.lastOperation(), { kind: 'setField', state: route, field: ['Choices', 0, 'And', 0] });
    await graph.page.selectOption('.inspector [data-field="Choices.0.Kind"]', 'Or');
    assert.deepEqual(await graph.lastOperation(), { kind: 'setField', state: route, field: ['Choices', 0], value: { Or: rule.And, Next: 'Done' } });
    await graph.page.selectOption('.inspector [data-field="Choices.0.And.1.Kind"]', 'Comparison');
    assert.deepEqual(await graph.lastOperation(), { kind: 'setField', state: route, field: ['Choices', 0, 'And', 1], value: rule.And[1].Not });
    // The Variable completes the paths of the state's input and the variables in scope.
    const variable = graph.page.locator('.inspector [data-field="Choices.0.And.0.Variable"]');
    await variable.fill('');
    await graph.suggest(variable, '$$.Ex');
    await graph.page.keyboard.press('Enter');
    assert.equal(await variable.inputValue(), '$$.Execution');
    assert.deepEqual(graph.errors, []);
  });

  it("offers Wait's four forms in JSONPath, each replacing the other; in JSONata Seconds takes an expression", async () => {
    const pause = ['States', 'Pause'];
    const waiting = { StartAt: 'Pause', States: { Pause: { Type: 'Wait', Seconds: 5, End: true } } };
    const graph = await inspect(waiting, pause);
    assert.deepEqual(await graph.page.$$eval('.inspector [data-field="WaitForm"] option', (options) => options.map((option) => option.value)), ['Seconds', 'Timestamp', 'SecondsPath', 'TimestampPath']);
    await graph.page.selectOption('.inspector [data-field="WaitForm"]', 'TimestampPath');
    assert.deepEqual(await graph.lastOperation(), { kind: 'setField', state: pause, field: ['TimestampPath'], value: '$.wait', replaces: ['Seconds', 'Timestamp', 'SecondsPath'] });
    await graph.enter('Seconds', '30');
    assert.deepEqual(await graph.lastOperation(), { kind: 'setField', state: pause, field: ['Seconds'], value: 30 });
    await graph.page.close();
    const jsonata = await inspect({ QueryLanguage: 'JSONata', ...waiting }, pause);
    assert.deepEqual(await jsonata.page.$$eval('.inspector [data-field="WaitForm"] option', (options) => options.map((option) => option.value)), ['Seconds', 'Timestamp']);
    await jsonata.enter('Seconds', '{% $states.input.delay %}');
    assert.deepEqual(await jsonata.lastOperation(), { kind: 'setField', state: pause, field: ['Seconds'], value: '{% $states.input.delay %}' });
    assert.deepEqual([...graph.errors, ...jsonata.errors], []);
  });

  for (const theme of ['light', 'dark', 'highContrast']) {
    it(`reads at WCAG AA contrast in the ${theme} theme with the suggestions open and a diagnostic at a nested field`, async () => {
      const graph = await inspect(jsonPathMachine, CALL, [{ severity: 'error', message: 'MaxAttempts must be at least 0', field: 'Retry', fieldPath: ['Retry', 0, 'MaxAttempts'] }], theme);
      await graph.suggest(graph.page.locator('.inspector [data-field="Resource"]'), 'x');
      await graph.page.locator('.inspector [data-field="Resource"]').fill('');
      await graph.suggest(graph.page.locator('.inspector [data-field="Resource"]'), 'arn:aws:states:::s');
      const { failures, checked } = await contrastFailures(graph.page);
      assert.ok(checked > 20);
      assert.deepEqual(failures.map((f) => `"${f.text}" ${f.ratio}:1, ${f.color} on ${f.background}, at ${f.where}`), []);
      await graph.page.close();
    });
  }

  it('names every control of every form to screen readers, and reaches each by Tab', async () => {
    for (const [machine, statePath] of [[jsonPathMachine, CALL], [jsonPathMachine, COLLECT], [jsonataMachine, CALL]]) {
      const graph = await inspect(machine, statePath);
      const unnamed = await graph.page.$$eval('.inspector input, .inspector select, .inspector textarea, .inspector button', (controls) => controls
        .filter((control) => !(control.getAttribute('aria-label') || control.closest('label')?.textContent.trim() || control.textContent.trim()))
        .map((control) => control.outerHTML));
      assert.deepEqual(unnamed, []);
      const controls = await graph.page.locator('.inspector input, .inspector select, .inspector textarea, .inspector button').count();
      await graph.page.focus('.inspector .source-toggle');
      const reached = new Set([0]);
      for (let step = 0; step < controls + 5; step++) {
        await graph.page.keyboard.press('Tab');
        const index = await graph.page.evaluate(() => [...document.querySelectorAll('.inspector input, .inspector select, .inspector textarea, .inspector button')].indexOf(document.activeElement));
        if (index >= 0) reached.add(index);
      }
      assert.equal(reached.size, controls, `${reached.size} of ${controls} controls reached by Tab`);
      assert.deepEqual(graph.errors, []);
      await graph.page.close();
    }
  });
});
