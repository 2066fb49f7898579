// The extension's details page (Extensions view > ASL Workbench), as a new user sees it after
// installing the .vsix: the Marketplace README, and no broken image.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { vsix, workbench } from '../lib/uiSession.mjs';
import { runCommand, screenshot } from '../lib/workbench.mjs';

/** The frame of the details page's README, once it shows `text`. */
async function readmeFrame(page, text, timeout = 60_000) {
  const deadline = Date.now() + timeout;
  while (Date.now() < deadline) {
    for (const frame of page.frames()) {
      if (frame.isDetached()) continue;
      if (await frame.$(`h2:text-is("${text}")`).catch(() => null)) return frame;
    }
    await page.waitForTimeout(200);
  }
  throw new Error(`the details page shows no "${text}" within ${timeout} ms`);
}

describe('Extension details page', { skip: !vsix && 'loaded from the folder, VS Code shows the repository README: run with E2E_VSIX' }, () => {
  let page;
  before(async () => ({ page } = await workbench()));

  test('shows what the extension does and how to use it, its icon, and no broken image', async () => {
    await runCommand(page, 'Extensions: Show Installed Extensions');
    await page.locator('.extensions-viewlet .monaco-list-row', { hasText: 'ASL Workbench' }).first().click();
    const readme = await readmeFrame(page, 'Get started');
    const text = await readme.evaluate(() => document.body.innerText);
    assert.match(text.split('\n').find((line) => line.trim() && line.trim() !== 'ASL Workbench'), /AWS Step Functions/);
    assert.doesNotMatch(text, /npm ci/, 'no developer commands');
    // The details page loads only https images: any other source is dropped and shows broken.
    const images = await readme.evaluate(() => [...document.images].map((image) => [image.getAttribute('src'), image.alt]));
    assert.deepEqual(images.filter(([src]) => !src?.startsWith('https://')), []);
    const icon = page.locator('.extension-editor .header .icon').first();
    await page.waitForFunction((element) => element.complete && element.naturalWidth > 0, await icon.elementHandle());
    await screenshot(page, 'vsix-details');
    await runCommand(page, 'View: Close All Editors');
    // The other UI tests expect the Explorer in the sidebar.
    await runCommand(page, 'View: Show Explorer');
  });
});
