// The Test Explorer as a person uses it: the state machine tests listed under their definition, a
// run with a pass and a failure whose peek shows the diff of expected and actual and opens the
// execution of that run, then a run with coverage shown in the definition's gutter. Screenshots in e2e-results/tests-*.png.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../lib/codeServer.mjs';
import { vsix, workbench } from '../lib/uiSession.mjs';
import { openFile, runCommand, screenshot, webview } from '../lib/workbench.mjs';

describe('Test Explorer', () => {
  let page;
  before(async () => {
    let folder;
    ({ page, folder } = await workbench());
    // Copied in now: a workspace holding test files from the start activates the extension at once,
    // and the other tests see it activate on an ASL document.
    fs.cpSync(path.join(PROJECT_ROOT, 'test/e2e/fixtures/tests'), path.join(folder, 'tests'), { recursive: true });
  });
  const prefix = vsix ? 'vsix-tests' : 'tests';

  test('runs the suite: a pass, a failure with its diff at the expectation', async () => {
    // The definition activates the extension when no test before this one did.
    await openFile(page, 'tests/order.asl.json', 'ResultSelector');
    await openFile(page, 'tests/order.asl.test.json', 'declined card');
    // A "Run test" code lens above each test.
    await page.locator('.monaco-editor .codelens-decoration', { hasText: 'Run test' }).nth(1).waitFor({ timeout: 30_000 });
    await runCommand(page, 'Testing: Focus on Test Explorer View');
    const tree = page.locator('.test-explorer .monaco-list-row');
    await tree.filter({ hasText: 'order.asl.json' }).first().waitFor({ timeout: 60_000 });
    await runCommand(page, 'Test: Run All Tests');
    await page.locator('.test-explorer .codicon-testing-failed-icon').first().waitFor({ timeout: 60_000 });
    // Both tests in the results: the pass and the failure, each with its mark.
    const result = (name) => page.locator('.monaco-list-row', { hasText: name }).first();
    await result('declined card is retried, then refunded').locator('.codicon-testing-passed-icon').waitFor({ timeout: 30_000 });
    await result('accepted card is charged twice').locator('.codicon-testing-failed-icon').waitFor({ timeout: 30_000 });
    await screenshot(page, `${prefix}-1-explorer`);
    // The failure in the Test Results: its message, then expected and actual side by side.
    const results = page.locator('.part.panel');
    const failed = results.locator('.monaco-list-row', { hasText: 'accepted card is charged twice' }).first();
    await failed.click();
    const failureMessage = results.locator('.monaco-list-row', { hasText: "The calls of the state 'Charge card' differs" }).first();
    if (!await failureMessage.isVisible()) await page.keyboard.press('ArrowRight');
    await failureMessage.click();
    const diff = results.locator('.monaco-diff-editor').first();
    await diff.waitFor({ timeout: 30_000 });
    assert.match(await diff.innerText(), /2[\s\S]*1/);
    await screenshot(page, `${prefix}-2-failure-diff`);
  });

  test('the failure\'s "Show the Execution" opens the execution view of that run', async () => {
    await page.getByText('Show the Execution', { exact: true }).first().click();
    const view = await webview(page, '#execution-name');
    await view.locator('#status', { hasText: 'Succeeded' }).waitFor({ timeout: 30_000 });
    // The run the test made: the accepted card, charged once.
    await view.locator('.asl-graph text.name:text-is("Charge card")').waitFor({ timeout: 30_000 });
    await screenshot(page, `${prefix}-2b-failure-execution`);
  });

  test('runs with coverage: hit and missed states in the definition gutter', async () => {
    await page.keyboard.press('Escape');
    await runCommand(page, 'Test: Run All Tests with Coverage');
    await openFile(page, 'tests/order.asl.json', 'ResultSelector');
    await page.locator('.monaco-editor .coverage-deco-gutter.coverage-deco-hit').first().waitFor({ timeout: 60_000 });
    // Rejected is never entered: its line is marked missed.
    await page.locator('.monaco-editor .coverage-deco-gutter.coverage-deco-miss').first().waitFor({ timeout: 30_000 });
    await screenshot(page, `${prefix}-3-coverage`);
  });
});
