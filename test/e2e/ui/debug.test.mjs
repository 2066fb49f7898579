// The step debugger as a person uses it in VS Code: "Debug Locally" and F5 on a state machine, a
// breakpoint toggled with F9, steps with F10/F11, the Call Stack, the Variables view and the Debug
// Console, Restart Frame from a state stepped back to; screenshots in e2e-results/debug-*.png.
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { workbench } from '../lib/uiSession.mjs';
import { openFile, runCommand, screenshot } from '../lib/workbench.mjs';

/** Moves the cursor to a 1-based line with "Go to Line". */
async function goToLine(page, line) {
  await page.keyboard.press('Control+G');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(`:${line}`);
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
  await page.locator('.statusbar', { hasText: `Ln ${line},` }).waitFor({ timeout: 10_000 });
}

/** The graph preview's webview frame. */
async function graphFrame(page, timeout = 60_000) {
  const deadline = Date.now() + timeout;
  while (Date.now() < deadline) {
    for (const frame of page.frames()) {
      if (!frame.isDetached() && await frame.$('g[data-id]').catch(() => null)) return frame;
    }
    await page.waitForTimeout(100);
  }
  throw new Error('no graph preview within the time');
}

const callStack = (page) => page.locator('.debug-call-stack .monaco-list-row');
const variables = (page) => page.locator('.debug-variables .monaco-list-row');

/** Waits until the Call Stack shows a frame with this text (the run stopped there). */
async function stoppedAt(page, frame, timeout = 60_000) {
  await callStack(page).filter({ hasText: frame }).first().waitFor({ timeout }).catch(async (error) => {
    await screenshot(page, 'debug-failed-stop');
    throw error;
  });
  // The editor marks the stopped line.
  await page.locator('.monaco-editor .debug-top-stack-frame-line, .monaco-editor .debug-focused-stack-frame-line').first().waitFor({ timeout });
}

/** Types an expression in the Debug Console and returns the text the console then shows. */
async function evaluateInConsole(page, expression, expected) {
  await runCommand(page, 'Debug Console: Focus on Debug Console View');
  await page.locator('.repl-input-wrapper .monaco-editor').click();
  await page.keyboard.type(expression);
  await page.keyboard.press('Enter');
  await page.locator('.repl .monaco-list-row', { hasText: expected }).first().waitFor({ timeout: 30_000 }).catch(async (error) => {
    await screenshot(page, 'debug-failed-console');
    throw error;
  });
}

/** "ASL: Debug Locally" on the Hello World machine, up to its stop at the first state; `shownText` is on screen once it is open. */
async function debugHelloWorld(page, shownText) {
  await openFile(page, 'debug/hello-world.asl.json', shownText);
  await runCommand(page, 'ASL: Debug Locally');
  await page.locator('.debug-toolbar').waitFor({ timeout: 60_000 });
  // The stop moves the focus to the editor, closing a Command Palette opened before it: the palette waits for it.
  await page.locator('.monaco-editor .debug-top-stack-frame-line').first().waitFor({ timeout: 60_000 });
  await runCommand(page, 'View: Show Run and Debug');
  await stoppedAt(page, 'Pass (Pass)');
}

async function stopDebugging(page) {
  await page.keyboard.press('Shift+F5');
  await page.locator('.debug-toolbar').waitFor({ state: 'hidden', timeout: 30_000 });
}

/** A test whose failure leaves a picture of the workbench (debug-failed-<name>.png). */
function pictured(name, body) {
  return async () => {
    try {
      await body();
    } catch (error) {
      await screenshot(page, `debug-failed-${name}`);
      throw error;
    }
  };
}

let page;

describe('Debug a state machine', () => {
  before(async () => ({ page } = await workbench()));
  // A test that failed stopped leaves its session: the next one starts without it.
  beforeEach(async () => {
    if (await page.locator('.debug-toolbar').isVisible()) await stopDebugging(page);
  });
  // The other UI tests expect no session and the Explorer in the sidebar.
  after(async () => {
    if (await page.locator('.debug-toolbar').isVisible()) await stopDebugging(page);
    await runCommand(page, 'View: Show Explorer');
  });

  test('Hello World: Debug Locally stops at the first state; F10 steps; F9 breakpoint and F5 continue; the Debug Console evaluates JSONPath', pictured('hello', async () => {
    await debugHelloWorld(page, 'Hello World example?');
    await screenshot(page, 'debug-1-hello-entry');

    await page.keyboard.press('F10');
    await stoppedAt(page, 'Hello World example? (Choice)');
    await variables(page).filter({ hasText: 'IsHelloWorldExample' }).first().waitFor({ timeout: 30_000 });
    assert.match(await variables(page).filter({ hasText: 'IsHelloWorldExample' }).first().innerText(), /IsHelloWorldExample[\s\S]*true/);

    // A breakpoint on a line inside "Wait 3 sec" (its Seconds), then on to it.
    await page.locator('.monaco-editor .view-lines').first().click();
    await goToLine(page, 41);
    await page.keyboard.press('F9');
    await page.keyboard.press('F5');
    await stoppedAt(page, 'Wait 3 sec (Wait)');
    await variables(page).filter({ hasText: "State 'Wait 3 sec'" }).first().waitFor({ timeout: 30_000 });
    await evaluateInConsole(page, '$.IsHelloWorldExample', 'true');
    await screenshot(page, 'debug-2-hello-breakpoint');

    await page.keyboard.press('F5');
    await page.locator('.debug-toolbar').waitFor({ state: 'hidden', timeout: 60_000 });
    await page.locator('.repl .monaco-list-row', { hasText: 'Execution SUCCEEDED' }).first().waitFor({ timeout: 30_000 });
    await screenshot(page, 'debug-3-hello-succeeded');
    // The breakpoint off again (F9 on the line it was set on; it showed on the state's name line only while debugging).
    await page.locator('.monaco-editor .view-lines').first().click();
    await goToLine(page, 41);
    await page.keyboard.press('F9');
    await page.locator('.debug-breakpoints .monaco-list-row', { hasText: 'hello-world.asl.json' }).first().waitFor({ state: 'detached', timeout: 10_000 });
  }));

  test('a Map machine with F5 and no launch.json: F11 steps into an iteration, its thread and frames in the Call Stack; stepping back', pictured('map', async () => {
    await openFile(page, 'debug/map.asl.json', 'Process items');
    await page.locator('.monaco-editor .view-lines').first().click();
    await page.keyboard.press('F5');
    await page.locator('.debug-toolbar').waitFor({ timeout: 60_000 });
    await runCommand(page, 'View: Show Run and Debug');
    await stoppedAt(page, 'Prepare (Pass)');
    await page.keyboard.press('F10');
    await stoppedAt(page, 'Process items (Map)');
    await page.keyboard.press('F11');
    await stoppedAt(page, "Map 'Process items' [0]");
    await callStack(page).filter({ hasText: 'Double (Pass)' }).first().waitFor();
    // The Variables view follows the focused frame: the iteration's state and its item.
    await variables(page).filter({ hasText: "State 'Double'" }).first().waitFor({ timeout: 30_000 });
    await screenshot(page, 'debug-4-map-iteration');

    // The graph preview colours the states run so far: Prepare succeeded, the Map and its iteration in progress.
    await runCommand(page, 'ASL: Preview Graph');
    const graph = await graphFrame(page);
    await graph.locator(`g.status-succeeded[data-id$='"Prepare"]']`).waitFor({ timeout: 30_000 });
    await graph.locator(`g.status-running.current[data-id$='"Double"]']`).waitFor({ timeout: 30_000 });
    assert.equal(await graph.locator('g.current').count(), 1, 'one state is the one stopped at');
    await screenshot(page, 'debug-4b-map-graph');

    await page.locator('.debug-toolbar .codicon-debug-step-back').click();
    await stoppedAt(page, 'Process items (Map)');
    await variables(page).filter({ hasText: "State 'Process items'" }).first().waitFor({ timeout: 30_000 });
    await screenshot(page, 'debug-5-map-step-back');
    await stopDebugging(page);
    await page.locator('.repl .monaco-list-row', { hasText: 'Execution ABORTED' }).first().waitFor({ timeout: 30_000 });
  }));

  test('Restart Frame from a state stepped back to runs the execution again from there, its input edited in the Variables view', pictured('restart', async () => {
    // "Pass" is on screen wherever an earlier test left the editor scrolled.
    await debugHelloWorld(page, 'Pass');
    await page.keyboard.press('F10');
    await stoppedAt(page, 'Hello World example? (Choice)');
    await page.keyboard.press('F10');
    await stoppedAt(page, 'Yes (Pass)');
    await page.locator('.debug-toolbar .codicon-debug-step-back').click();
    const choiceFrame = callStack(page).filter({ hasText: 'Hello World example? (Choice)' }).first();
    await choiceFrame.waitFor({ timeout: 30_000 });
    // The Call Stack's inline action on the hovered frame.
    await choiceFrame.hover();
    await choiceFrame.locator('.codicon-debug-restart-frame').click();
    await page.locator('.repl .monaco-list-row', { hasText: "Restarting the execution from 'Hello World example?'" }).first().waitFor({ timeout: 30_000 });
    await stoppedAt(page, 'Hello World example? (Choice)');
    // The Call Stack's header tells why the run stopped.
    await page.locator('.pane-header', { hasText: 'Call Stack' }).filter({ hasText: /paused on restart/i }).waitFor({ timeout: 30_000 });
    // The restarted state has not run yet: its input can be edited (F2 in the Variables view), and the Choice goes the other way.
    const flag = variables(page).filter({ hasText: 'IsHelloWorldExample' }).first();
    await flag.waitFor({ timeout: 30_000 });
    await variables(page).filter({ hasText: "State 'Hello World example?'" }).first().waitFor({ timeout: 30_000 });
    await screenshot(page, 'debug-6-restart-frame');
    await flag.click();
    await page.keyboard.press('F2');
    const editor = page.locator('.debug-variables .monaco-inputbox input');
    await editor.waitFor({ timeout: 10_000 });
    await editor.fill('false');
    await page.keyboard.press('Enter');
    await variables(page).filter({ hasText: /IsHelloWorldExample[\s\S]*false/ }).first().waitFor({ timeout: 30_000 });
    await screenshot(page, 'debug-7-restart-edited');
    await page.keyboard.press('F10');
    await stoppedAt(page, 'No (Fail)');
    // The Fail state's error is uncaught: the debugger stops at it (uncaught errors are on by default), then the run ends.
    await page.keyboard.press('F5');
    await page.locator('.zone-widget', { hasText: 'Not Hello World' }).first().waitFor({ timeout: 30_000 });
    await callStack(page).filter({ hasText: 'No (Fail)' }).first().waitFor();
    await page.locator('.pane-header', { hasText: 'Call Stack' }).filter({ hasText: "Failed (no error name) in 'No'" }).waitFor({ timeout: 10_000 });
    await screenshot(page, 'debug-8-restart-uncaught');
    await page.keyboard.press('F5');
    await page.locator('.debug-toolbar').waitFor({ state: 'hidden', timeout: 60_000 });
    await page.locator('.repl .monaco-list-row', { hasText: 'Execution FAILED' }).first().waitFor({ timeout: 30_000 });
    await screenshot(page, 'debug-9-restart-failed');
  }));
});
