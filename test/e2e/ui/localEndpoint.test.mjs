// "ASL: Start Local Endpoint" as a person uses it: the palette starts it, the status bar shows its
// URL, the executions list shows the executions a client starts on it, one opens in the execution view,
// and clicking the URL offers to stop it. Screenshots in e2e-results/local-endpoint*.png.
// (The fixture workspace sets aslWorkbench.localEndpointPort to 0: any free port.)
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { workbench } from '../lib/uiSession.mjs';
import { runCommand, screenshot, webview } from '../lib/workbench.mjs';

/** One action of the endpoint's Step Functions API, as a client sends it. */
async function call(url, action, body) {
  const answer = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/x-amz-json-1.0', 'X-Amz-Target': `AWSStepFunctions.${action}` }, body: JSON.stringify(body) });
  assert.equal(answer.status, 200, `${action}: ${answer.status}`);
  return answer.json();
}

describe('Local endpoint', () => {
  let page;
  before(async () => ({ page } = await workbench()));

  test('starts from the palette, shows its URL in the status bar, and stops from it', async () => {
    await runCommand(page, 'ASL: Start Local Endpoint');
    const item = page.locator('.statusbar-item', { hasText: /127\.0\.0\.1:\d+/ });
    await item.waitFor({ timeout: 60_000 });
    const url = (await item.innerText()).trim();
    assert.match(url, /^http:\/\/127\.0\.0\.1:\d+$/);
    const answer = await fetch(url, { method: 'POST', headers: { 'X-Amz-Target': 'AWSStepFunctions.ListStateMachines' }, body: '{}' });
    assert.equal(answer.status, 200);
    assert.ok(Array.isArray((await answer.json()).stateMachines));
    await screenshot(page, 'local-endpoint');

    // An execution a client starts on the endpoint shows in the executions list, and opens in the execution view.
    const { stateMachineArn } = await call(url, 'CreateStateMachine', {
      name: 'ui-orders', roleArn: 'arn:aws:iam::123456789012:role/ui',
      definition: JSON.stringify({ StartAt: 'Take', States: { Take: { Type: 'Pass', Result: { taken: true }, Next: 'Done' }, Done: { Type: 'Succeed' } } }),
    });
    const { executionArn } = await call(url, 'StartExecution', { stateMachineArn, name: 'from-a-client', input: '{"order": 1}' });
    while ((await call(url, 'DescribeExecution', { executionArn })).status === 'RUNNING') await page.waitForTimeout(20);
    const list = page.locator('.pane-header', { hasText: 'State Machine Executions' });
    if (await list.getAttribute('aria-expanded') !== 'true') await list.click();
    const row = page.locator('.pane-body .monaco-list-row', { hasText: 'from-a-client' }).first();
    await row.waitFor({ timeout: 30_000 });
    assert.match(await row.textContent(), /ui-orders · Succeeded/);
    await page.locator('.pane-body .monaco-list-row', { hasText: 'Local endpoint' }).first().waitFor();
    await row.click();
    const view = await webview(page, '#execution-name:text-is("from-a-client")');
    await view.locator('#status', { hasText: 'Succeeded' }).waitFor();
    await screenshot(page, 'local-endpoint-execution');
    await runCommand(page, 'View: Close All Editors');

    await item.click();
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Stop Local Endpoint' }).click();
    await item.waitFor({ state: 'detached', timeout: 30_000 });
    await assert.rejects(fetch(url, { method: 'POST', body: '{}' }));
  });
});
