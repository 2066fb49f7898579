// "ASL: Run Locally" as a person uses it: the start form, then the execution view, read from
// inside their webviews; screenshots in e2e-results/run-*.png.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { workbench } from '../lib/uiSession.mjs';
import { openFile, runCommand, screenshot, startForm, webview } from '../lib/workbench.mjs';

/** The graph node of the state named `name` (node ids are JSON paths ending with the name). */
const stateNode = (name) => `g[data-id$='${JSON.stringify(name)}]']`;

/** Fills the start form and starts; returns the execution view's frame once it shows `status`. */
async function startFromForm(page, name, { clock, status = 'Succeeded', timeout = 60_000 } = {}) {
  const form = await startForm(page);
  await form.fill('#name', name);
  if (clock === 'real') await form.check('#clock-real');
  const clicked = Date.now();
  await form.click('#start-execution');
  const view = await webview(page, `#execution-name:text-is("${name}")`);
  await view.locator('#status', { hasText: status }).waitFor({ timeout });
  return { view, startToStatusMs: Date.now() - clicked };
}

describe('Run locally', () => {
  let page;
  before(async () => ({ page } = await workbench()));

  test('runs the Hello World template from the palette: Succeeded, 20 events, Wait exited at 3 s, both branches green', async () => {
    // An ASL file activates the extension first.
    await openFile(page, 'hello.asl.json', 'Greet');
    await runCommand(page, 'ASL: New State Machine from Template');
    await page.locator('.monaco-editor .view-lines', { hasText: 'Hello World example?' }).first().waitFor();
    const commanded = Date.now();
    await runCommand(page, 'ASL: Run Locally');
    const form = await startForm(page);
    assert.equal(JSON.parse(await form.inputValue('#input')).Comment, 'Insert your JSON here');
    assert.match(await form.inputValue('#name'), /^[0-9a-f-]{36}$/, 'the default name is a UUID');
    assert.equal(await form.isChecked('#clock-virtual'), true, 'fast-forward is the default');
    const formMs = Date.now() - commanded;
    await screenshot(page, 'run-1-start-form');

    const { view, startToStatusMs } = await startFromForm(page, 'hello-e2e');
    console.log(`# Hello World: command -> form ready ${formMs} ms; Start -> view shows Succeeded ${startToStatusMs} ms; command -> finished view ${Date.now() - commanded} ms (form filled by the test)`);
    assert.match(await view.textContent('#output'), /IsHelloWorldExample/);
    assert.equal(await view.textContent('#transitions'), '8');

    // The history AWS records for this machine: 20 events.
    const expected = ['ExecutionStarted', 'PassStateEntered', 'PassStateExited', 'ChoiceStateEntered', 'ChoiceStateExited',
      'PassStateEntered', 'PassStateExited', 'WaitStateEntered', 'WaitStateExited', 'ParallelStateEntered', 'ParallelStateStarted',
      'PassStateEntered', 'PassStateEntered', 'PassStateExited', 'PassStateExited', 'ParallelStateSucceeded', 'ParallelStateExited',
      'PassStateEntered', 'PassStateExited', 'ExecutionSucceeded'];
    await view.click('#tab-Events');
    await view.locator('#event-count', { hasText: `${expected.length} events` }).waitFor({ timeout: 10_000 });
    const rows = view.locator('.canvas .event-row');
    // The table is virtualised: only the rows in view exist, so read it a screenful at a time.
    const typesById = new Map();
    for (let screenful = 0; screenful < expected.length && typesById.size < expected.length; screenful++) {
      const visible = await rows.evaluateAll((elements) => elements.map((row) => [Number(row.dataset.id), row.querySelector('.type').textContent]));
      for (const [id, type] of visible) typesById.set(id, type);
      await view.locator('.event-viewport').evaluate((viewport) => { viewport.scrollTop += viewport.clientHeight; });
      await view.waitForTimeout(100);
    }
    await view.locator('.event-viewport').evaluate((viewport) => { viewport.scrollTop = 0; });
    const types = [...typesById].sort(([a], [b]) => a - b).map(([, type]) => type);
    // The two branches run concurrently: their four events may interleave either way.
    const branchEvents = (list) => [...list.slice(0, 11), ...list.slice(11, 15).sort(), ...list.slice(15)];
    assert.deepEqual(branchEvents(types), branchEvents(expected));
    const waitExit = rows.filter({ hasText: 'WaitStateExited' });
    assert.match(await waitExit.textContent(), /00:00:03\.0\d\d/, 'the Wait exits about 3 s after the start (virtual clock)');
    await waitExit.click();
    await view.locator('.event-row.open .detail').waitFor();
    await screenshot(page, 'run-2-hello-events');

    await view.click('#tab-Graph');
    for (const branch of ['Hello', 'World']) {
      assert.match(await view.getAttribute(stateNode(branch), 'class'), /status-succeeded/);
    }
    await view.click(stateNode('Wait 3 sec'));
    await view.locator('#state-details', { hasText: '00:00:03.0' }).waitFor();
    await screenshot(page, 'run-3-hello-graph');

    // "Run again": the same input, a new execution and view.
    await view.click('#run-again');
    const again = await webview(page, '#execution-name:not(:text-is("hello-e2e"))');
    await again.locator('#status', { hasText: 'Succeeded' }).waitFor();
    // "Edit and run": the start form with this execution's input.
    await again.click('#edit-and-run');
    const form2 = await startForm(page);
    assert.equal(await form2.textContent('#input-source'), 'input of the execution');
    assert.equal(JSON.parse(await form2.inputValue('#input')).Comment, 'Insert your JSON here');
    await form2.click('text=Cancel');
  });

  test('opens the execution view across the whole window when the graph preview stands beside the editor', async () => {
    // From one editor group, without the views of the test before.
    await workbench();
    await openFile(page, 'hello.asl.json', '"Greet"');
    await runCommand(page, 'ASL: Preview Graph');
    await webview(page, '.asl-graph .node.start');
    assert.equal(await page.locator('.editor-group-container').count(), 2, 'the editor and its preview side by side');
    await runCommand(page, 'ASL: Run Locally');
    const { view } = await startFromForm(page, 'wide-view');
    const editorArea = await page.locator('.part.editor').boundingBox();
    const viewBox = await (await view.frameElement()).boundingBox();
    assert.ok(viewBox.width > 0.9 * editorArea.width, `the view is ${Math.round(viewBox.width)} px wide in an editor area of ${Math.round(editorArea.width)} px`);
    assert.equal(await page.locator('.editor-group-container').count(), 3, 'a third group, below the other two');
    await screenshot(page, 'run-wide-view');
    // The next test starts from one group again (unsaved editors from the test before are discarded).
    await workbench();
  });

  test('runs the machine of the graph preview or execution view in focus from the palette', async () => {
    await openFile(page, 'hello.asl.json', 'Greet');
    await runCommand(page, 'ASL: Preview Graph');
    // Drawn (loaded) before it takes the focus, so that it does not take it back from the palette.
    await webview(page, '.asl-graph text.name:text-is("Greet")');
    await page.locator('.tab', { hasText: 'Graph: hello.asl.json' }).first().click();
    // The graph preview has the focus (no text editor is active); once it has taken it, it does not take it from the palette.
    await page.waitForFunction(() => document.activeElement?.tagName === 'IFRAME');
    await runCommand(page, 'ASL: Run Locally', 20_000);
    await webview(page, 'h1:text-is("Start execution: hello.asl.json")');
    await screenshot(page, 'run-palette-from-graph');
    const { view } = await startFromForm(page, 'from-graph');

    // The execution view has the focus now.
    await view.click('#tab-Graph');
    await page.waitForFunction(() => document.activeElement?.tagName === 'IFRAME');
    await runCommand(page, 'ASL: Run Locally', 20_000);
    const fromView = await webview(page, 'h1:text-is("Start execution: hello.asl.json")');
    await fromView.click('text=Cancel');
    // The next tests start from one group (the execution view opened a group of its own), with the one code lens in view.
    await workbench();
  });

  test('shows a mocked Task that throws as a red state, with its error and cause', async () => {
    await openFile(page, 'failing.asl.json', 'Charge card');
    // From the code lens this time.
    await page.locator('.contentWidgets .codelens-decoration a', { hasText: 'Run locally' }).first().click();
    const form = await webview(page, '#test-case');
    assert.equal(JSON.parse(await form.inputValue('#test-case')).testCase, 'CardDeclined');
    const { view } = await startFromForm(page, 'declined', { status: 'Failed' });
    assert.equal(await view.textContent('#error'), 'Payment.Declined');
    assert.equal(await view.textContent('#cause'), 'The card ending in 4242 has expired.');
    const node = view.locator(stateNode('Charge card'));
    assert.match(await node.getAttribute('class'), /status-failed/);
    // A pointer left over the node by an earlier test would draw it in the hover's colour.
    await page.mouse.move(0, 0);
    const colour = await node.evaluate((element) => getComputedStyle(element.querySelector('.shape')).stroke);
    const [red, green, blue] = colour.match(/\d+/g).map(Number);
    assert.ok(red > 150 && red > green + 60 && red > blue + 60, `the failed state is red (${colour})`);
    await node.click();
    const details = view.locator('#state-details');
    await details.locator('text=Payment.Declined').waitFor();
    assert.match(await details.textContent(), /Retries1/);
    await screenshot(page, 'run-4-failed-task');
  });

  test('stops a real-time run waiting in a Wait: Aborted', async () => {
    await openFile(page, 'waiting.asl.json', 'Wait a minute');
    // From the editor title's button this time, once the editor has settled (its code lens is there).
    await page.locator('.contentWidgets .codelens-decoration a', { hasText: 'Run locally' }).first().waitFor();
    await page.locator('.editor-group-container.active .editor-actions .action-label[aria-label="Run Locally"]').click();
    const { view } = await startFromForm(page, 'stopped', { clock: 'real', status: 'Running' });
    await view.click('#tab-Events');
    await view.locator('.canvas .event-row', { hasText: 'WaitStateEntered' }).waitFor();
    await screenshot(page, 'run-5-waiting');
    await view.click('#stop');
    await view.locator('#status', { hasText: 'Aborted' }).waitFor({ timeout: 10_000 });
    assert.equal(await view.locator('.canvas .event-row', { hasText: 'ExecutionAborted' }).count(), 1);
    await view.click('#tab-Graph');
    assert.match(await view.getAttribute(stateNode('Wait a minute'), 'class'), /status-cancelled/);
    assert.match(await view.getAttribute(stateNode('Done'), 'class'), /status-notRun/);
    await screenshot(page, 'run-6-aborted');
  });

  test('blocks a definition with errors and lists them', async () => {
    await openFile(page, 'broken.asl.json', '"Second"');
    await runCommand(page, 'ASL: Run Locally');
    const form = await webview(page, '#definition-errors:not([hidden])');
    assert.match(await form.textContent('#definition-errors'), /Line 8, column 5.*Expected comma/);
    assert.equal(await form.isDisabled('#start-execution'), true);
    await screenshot(page, 'run-7-definition-errors');
    await form.click('text=Cancel');
  });

  test('flags invalid input in place, keeps it, and mocks an unserved Task with the quick fix', async () => {
    await openFile(page, 'orders.asl.json', 'Reserve stock');
    await runCommand(page, 'ASL: Run Locally');
    const form = await webview(page, '#unserved:not([hidden])');
    assert.match(await form.textContent('#unserved'), /Reserve stock/);
    const typed = '{\n  "orderId": "o-1",\n  "items": [1, 2\n}';
    await form.fill('#input', typed);
    assert.match(await form.textContent('#input-problem'), /^InvalidExecutionInput: .*line 4 column 1/);
    assert.equal(await form.inputValue('#input'), typed, 'nothing typed is lost');
    assert.equal(await form.isDisabled('#start-execution'), true);
    await screenshot(page, 'run-8-invalid-input');
    await form.fill('#input', '{ "orderId": "o-1" }');
    await form.click('#format');
    assert.equal(await form.inputValue('#input'), '{\n  "orderId": "o-1"\n}');
    await form.click('#unserved button');
    await form.locator('#unserved').waitFor({ state: 'hidden' });
    assert.deepEqual(JSON.parse(await form.inputValue('#test-case')), { stateMachine: 'orders', testCase: 'Default' });
    await page.locator('.tab', { hasText: 'orders.mock.json' }).first().waitFor();
    await webview(page, '#start-execution');
    const { view } = await startFromForm(page, 'mocked');
    assert.match(await view.textContent('#output'), /"StatusCode": 200/);
  });

  test('Add mock inserts the mock into the MockConfigFile as one undoable edit, its numbers as written', async () => {
    // (The web workbench saves edits after a delay by default: whether the edit is saved is not checked here.)
    await openFile(page, 'numbers.asl.json', 'Unknown');
    await runCommand(page, 'ASL: Run Locally');
    const form = await webview(page, '#unserved:not([hidden])');
    assert.match(await form.textContent('#unserved'), /Unknown/);
    await form.click('#unserved button');
    await form.locator('#unserved').waitFor({ state: 'hidden' });
    const mockEditor = page.locator('.monaco-editor .view-lines', { hasText: 'UnknownMock' }).first();
    await mockEditor.waitFor();
    const text = (await mockEditor.textContent()).replace(/\u00a0/g, ' ');
    for (const written of ['12345678901234567890', '1e400', '-0 }', '"Known": "KnownMock", "Unknown": "UnknownMock"']) assert.ok(text.includes(written), `${written} in ${text}`);
    await screenshot(page, 'run-8b-add-mock');
    // The line itself: the editor's whole text may reach under the panel, where a click at its centre would land.
    await page.locator('.monaco-editor .view-line', { hasText: 'UnknownMock' }).first().click();
    await page.keyboard.press('Control+z');
    await page.locator('.monaco-editor .view-lines', { hasText: 'UnknownMock' }).first().waitFor({ state: 'detached' });
    await form.click('text=Cancel');
  });

  test('runs into the 25,000-event limit and shows every event, virtualised', async () => {
    await openFile(page, 'loop.asl.json', 'Again?');
    await runCommand(page, 'ASL: Run Locally');
    const form = await webview(page, '#start-execution');
    assert.equal(await form.textContent('#input-source'), 'from loop.input.json');
    const { view, startToStatusMs } = await startFromForm(page, 'loop-25k', { status: 'Failed', timeout: 120_000 });
    console.log(`# 25,000 events: Start -> view shows Failed ${startToStatusMs} ms`);
    assert.equal(await view.textContent('#error'), 'States.Runtime');
    await view.click('#tab-Events');
    await view.locator('#event-count', { hasText: '25000 events' }).waitFor();
    assert.ok(await view.locator('.canvas .event-row').count() < 100, 'the table is virtualised');
    await view.locator('.event-viewport').evaluate((viewport) => { viewport.scrollTop = viewport.scrollHeight; });
    await view.locator('.canvas .event-row', { hasText: 'ExecutionFailed' }).waitFor();
    await screenshot(page, 'run-9-25000-events');
  });

  test('keeps the executions list across a window reload: opens a stored 25,000-event execution, deletes one', async () => {
    // The Hello World document is unsaved: leave the page anyway (VS Code keeps a backup).
    page.once('dialog', (dialog) => void dialog.accept());
    await page.reload();
    const list = page.locator('.pane-header', { hasText: 'State Machine Executions' });
    await list.waitFor({ timeout: 120_000 });
    if (await list.getAttribute('aria-expanded') !== 'true') await list.click();
    // Room for the whole list: fold the folder's tree.
    const folder = page.locator('.pane-header', { hasText: 'workspace' }).first();
    if (await folder.getAttribute('aria-expanded') === 'true') await folder.click();
    const row = (name) => page.locator('.pane-body .monaco-list-row', { hasText: name }).first();
    for (const name of ['hello-e2e', 'declined', 'stopped', 'loop-25k']) await row(name).waitFor({ timeout: 60_000 });
    assert.match(await row('stopped').textContent(), /Aborted/);
    assert.match(await row('loop-25k').textContent(), /Failed/);

    // A small stored execution first: the first webview after a reload pays for starting up.
    let clicked = Date.now();
    await row('hello-e2e').click();
    const hello = await webview(page, '#execution-name:text-is("hello-e2e")');
    await hello.locator('#status', { hasText: 'Succeeded' }).waitFor();
    assert.equal(await hello.textContent('#transitions'), '8');
    console.log(`# click in the executions list -> stored Hello World view ${Date.now() - clicked} ms`);

    clicked = Date.now();
    await row('loop-25k').click();
    const view = await webview(page, '#execution-name:text-is("loop-25k")');
    await view.locator('#event-count', { hasText: '25000 events' }).waitFor({ state: 'attached', timeout: 60_000 });
    const openMs = Date.now() - clicked;
    await view.click('#tab-Events');
    await view.locator('.canvas .event-row').first().waitFor();
    console.log(`# 25,000 events: click in the executions list -> stored view with 25000 events ${openMs} ms, events table drawn ${Date.now() - clicked} ms`);
    assert.equal(await view.textContent('#status'), 'Failed');

    await row('declined').hover();
    await row('declined').locator('.action-label[aria-label="Delete Execution"]').click();
    await row('declined').waitFor({ state: 'detached' });
    await screenshot(page, 'run-10-executions-list');
    // Leave the Explorer as the other UI tests expect it.
    await folder.click();
  });
});
