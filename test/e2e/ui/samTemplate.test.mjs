// A SAM template holding two state machines, as a person works on it: the Problems panel locates a
// definition's error in the template, the graph and Run Locally ask which machine, and run it with
// its placeholders filled. Screenshots in e2e-results/sam-template-*.png.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { workbench } from '../lib/uiSession.mjs';
import { openFile, problems, runCommand, screenshot, startForm, webview } from '../lib/workbench.mjs';

/** Runs a palette command that asks which machine (runCommand waits for the palette to close), and picks `machine`. */
async function runCommandFor(page, title, machine) {
  const input = page.locator('.quick-input-widget input');
  await page.keyboard.press('F1');
  await input.waitFor();
  await input.fill(`>${title}`);
  await page.locator('.quick-input-list .monaco-list-row', { has: page.locator('.label-name', { hasText: title }) }).first().click();
  // The template's two machines, each with its line.
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Refunds' }).waitFor({ timeout: 30_000 });
  assert.equal(await input.getAttribute('placeholder'), 'This template holds several state machines: pick one');
  await screenshot(page, 'sam-template-picker');
  await page.locator('.quick-input-list .monaco-list-row', { has: page.locator('.label-name', { hasText: machine }) }).first().click();
}

describe('SAM template', () => {
  let page;
  before(async () => ({ page } = await workbench()));
  after(async () => runCommand(page, 'View: Close All Editors'));

  test('shows the error of a DefinitionString at its place in the template', async () => {
    await openFile(page, 'sam/template.yaml', 'AWS::Serverless::StateMachine');
    // A code lens above each machine runs or draws it.
    await page.locator('.codelens-decoration', { hasText: 'Run Orders locally' }).waitFor({ timeout: 60_000 });
    const rows = await problems(page, 'MISSING_TRANSITION_TARGET');
    const row = rows.find((text) => text.includes('MISSING_TRANSITION_TARGET'));
    // "Notify" on line 50 of the template, inside the !Sub block: the template's line, not the definition's.
    assert.match(row, /Missing 'Next' target: Notify[\s\S]*\[Ln 50, Col 82\]/);
    assert.equal(rows.filter((text) => /\[Ln \d+, Col \d+\]/.test(text) && !text.includes('Notify')).length, 0, `only that problem: ${JSON.stringify(rows)}`);
    // The problem's row leads to the squiggle under "Notify" in the template.
    await page.locator('.markers-panel .monaco-tl-contents', { hasText: 'MISSING_TRANSITION_TARGET' }).first().click();
    await page.locator('.monaco-editor .squiggly-error').first().waitFor({ timeout: 30_000 });
    await page.locator('.monaco-editor .view-lines', { hasText: '"Next": "Notify"' }).first().waitFor();
    await screenshot(page, 'sam-template-problems');
  });

  test('draws the machine picked among the template\'s two, and runs one from its code lens with its substitutions filled', async () => {
    // The template from its top, as the test before left it open.
    await page.locator('.editor-instance .monaco-editor .view-lines', { hasText: 'Notify' }).first().click();
    await page.keyboard.press('Control+Home');
    await page.locator('.monaco-editor .view-lines', { hasText: 'AWS::Serverless::StateMachine' }).first().waitFor();
    await runCommandFor(page, 'ASL: Preview Graph', 'Orders');
    const graph = await webview(page, '.asl-graph text.name');
    for (const name of ['Receive', 'Big order?', 'Review', 'Ship']) await graph.locator('.asl-graph text.name', { hasText: name }).first().waitFor();
    assert.equal(await page.locator('.tab', { hasText: 'Graph: template.yaml › Orders' }).count(), 1);
    await screenshot(page, 'sam-template-graph');

    // The code lens above the machine runs it without asking.
    await page.locator('.contentWidgets .codelens-decoration a', { hasText: 'Run Orders locally' }).first().click();
    const form = await startForm(page);
    await form.fill('#input', '{"total": 250}');
    await form.fill('#name', 'sam-orders');
    await form.click('#start-execution');
    const view = await webview(page, '#execution-name:text-is("sam-orders")');
    await view.locator('#status', { hasText: 'Succeeded' }).waitFor({ timeout: 60_000 });
    // The Pass state's Result took the substitution's value: the function's ARN in the local account.
    assert.match(await view.textContent('#output'), /arn:aws:lambda:us-east-1:123456789012:function:hello/);
    await screenshot(page, 'sam-template-run');
  });
});
