// A syntax error in an .asl.json shows as a squiggle and in the Problems panel at its line,
// as a person sees it in the workbench.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { vsix, workbench } from '../lib/uiSession.mjs';
import { openFile, problems, screenshot } from '../lib/workbench.mjs';

describe('Problems panel', () => {
  let page;
  before(async () => ({ page } = await workbench()));

  test('shows the JSON syntax error of broken.asl.json at line 8', async () => {
    await openFile(page, 'broken.asl.json', '"Second"');
    await page.locator('.monaco-editor .squiggly-error').first().waitFor({ timeout: 60_000 });
    const rows = await problems(page, 'Expected comma');
    const row = rows.find((text) => text.includes('Expected comma'));
    // The code is a word the user can read, not the JSON library's number (it showed "asl(514)").
    assert.match(row, /^Expected comma\s+asl\s+comma-expected\s+\[Ln 8, Col 5\]$/);
    // The status bar names the language the manifest contributes.
    await page.locator('.statusbar-item', { hasText: 'Amazon States Language' }).first().waitFor();
    await screenshot(page, `${vsix ? 'vsix-' : ''}problems`);
  });
});
