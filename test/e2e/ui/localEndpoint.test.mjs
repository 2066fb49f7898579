// "ASL: Start Local Endpoint" as a person uses it: the palette starts it, the status bar shows its
// URL, and clicking the URL offers to stop it. Screenshot in e2e-results/local-endpoint.png.
// (The fixture workspace sets aslWorkbench.localEndpointPort to 0: any free port.)
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { workbench } from '../lib/uiSession.mjs';
import { runCommand, screenshot } from '../lib/workbench.mjs';

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

    await item.click();
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Stop Local Endpoint' }).click();
    await item.waitFor({ state: 'detached', timeout: 30_000 });
    await assert.rejects(fetch(url, { method: 'POST', body: '{}' }));
  });
});
