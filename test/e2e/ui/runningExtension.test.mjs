// The extension runs in the workbench, with the activation time VS Code itself measured
// (Developer: Show Running Extensions). Under `npm test` the extension comes from the packaged
// .vsix (E2E_VSIX), so this also proves the package installs and activates.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { vsix, workbench } from '../lib/uiSession.mjs';
import { openFile, runCommand, screenshot } from '../lib/workbench.mjs';

describe('running extension', () => {
  let page;
  before(async () => ({ page } = await workbench()));

  test(`activates on an .asl.json (${vsix ? 'installed from the .vsix' : 'loaded from the project folder'})`, async () => {
    await openFile(page, 'hello.asl.json', 'greeting');
    await page.locator('.statusbar-item', { hasText: 'Amazon States Language' }).first().waitFor();
    await runCommand(page, 'Developer: Show Running Extensions');
    // Installed, the row shows the display name; loaded from the folder (remote development), the id.
    const row = page.locator('.monaco-list-row', { hasText: /ASL Workbench|asl-workbench\.asl-workbench/ }).first();
    await row.locator('text=/Activation: \\d+ms/').waitFor({ timeout: 30_000 });
    const text = await row.innerText();
    assert.match(text, vsix ? /ASL Workbench\s+0\.1\.0/ : /asl-workbench\.asl-workbench\s+0\.1\.0/);
    console.log(`VS Code measured the activation of ASL Workbench: ${/Activation: (\d+ms)/.exec(text)[1]}`);
    const title = await page.title();
    if (vsix) assert.doesNotMatch(title, /Extension Development Host/, 'the extension was loaded from the folder, not the .vsix');
    await screenshot(page, `${vsix ? 'vsix-' : ''}running-extensions`);
    await page.keyboard.press('Escape');
  });
});
