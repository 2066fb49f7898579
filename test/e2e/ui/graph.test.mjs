// "ASL: Preview Graph" beside an .asl.json: the graph follows an edit, a click on a node selects
// the state's name in the editor, and the editor's cursor highlights its node.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { vsix, workbench } from '../lib/uiSession.mjs';
import { openFile, runCommand, screenshot } from '../lib/workbench.mjs';

// One line, so the state's key has a known column.
const EDITED = JSON.stringify({
  Comment: 'Edited by the graph preview test',
  StartAt: 'Greet',
  States: {
    Greet: { Type: 'Pass', Result: { greeting: 'hello' }, Next: 'Wave' },
    Wave: { Type: 'Wait', Seconds: 2, End: true },
  },
});
/** Where the name of the "Wave" key starts (1-based, after its quote). */
const WAVE_COLUMN = EDITED.indexOf('"Wave":{') + 2;

/** The frame of the graph preview whose drawing contains `name` (webviews nest two iframes deep). */
async function graphFrame(page, name, timeout = 60_000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    for (const frame of page.frames()) {
      const found = await frame.locator('.asl-graph text.name', { hasText: name }).count().catch(() => 0);
      if (found > 0) return frame;
    }
    if (Date.now() > deadline) throw new Error(`no graph preview draws "${name}"`);
    await page.waitForTimeout(250);
  }
}

describe('Graph preview', () => {
  let page;
  let folder;
  before(async () => ({ page, folder } = await workbench()));
  // The next test files share this workbench: leave it without our editors and panel.
  after(async () => runCommand(page, 'View: Close All Editors'));

  test('opens beside graph.asl.json, follows an edit, and reveals a clicked state', async () => {
    await openFile(page, 'graph.asl.json', '"Greet"');
    await runCommand(page, 'ASL: Preview Graph');
    let frame = await graphFrame(page, 'Greet');
    assert.equal(await frame.locator('.node.start').count(), 1);
    assert.equal(await frame.locator('.node.end').count(), 1);
    // Two editor groups side by side: the text and the preview.
    assert.equal(await page.locator('.editor-group-container').count(), 2);

    // Replace the text by pasting it (typed text would get closing brackets added); the new state appears.
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.evaluate((text) => navigator.clipboard.writeText(text), EDITED);
    const editor = page.locator('.editor-instance .monaco-editor', { hasText: '"Greet"' }).first();
    await editor.locator('.view-lines').click();
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Control+V');
    await editor.locator('.view-lines', { hasText: 'Edited by the graph preview test' }).waitFor();
    frame = await graphFrame(page, 'Wave');
    const wave = frame.locator('.node', { has: frame.locator('text.name', { hasText: 'Wave' }) });
    assert.equal(await wave.locator('text.detail').textContent(), 'Wait 2 s');
    assert.equal(await frame.locator('.edge.next').count(), 1, 'Greet -> Wave');
    assert.equal(await frame.locator('.banner').isHidden(), true, 'the pasted text is valid: no problem banner');
    // ELK laid it out: the .vsix holds it packed, and the extension host unpacked it into its global storage.
    const elk = await frame.evaluate(() => [...document.scripts].map((script) => script.src).find((src) => /elk/.test(src)));
    assert.match(elk, vsix ? /globalStorage.*\/webviews\/elk-\d+-\d+\.js$/ : /dist\/webviews\/elk\.js$/);

    // A click on the node selects the name "Wave" in the editor.
    await wave.click();
    const expected = `Ln 1, Col ${WAVE_COLUMN + 4} (4 selected)`;
    await page.waitForFunction((text) => [...document.querySelectorAll('.statusbar-item')].some((item) => item.textContent?.includes(text)), expected, { timeout: 30_000 })
      .catch(async () => assert.fail(`status bar: ${JSON.stringify(await page.locator('.statusbar-item').allTextContents())}, expected ${expected}`));
    await screenshot(page, `${vsix ? 'vsix-' : ''}graph-preview`);

    // Moving the cursor into "Greet" highlights its node.
    await page.keyboard.press('Control+G');
    await page.locator('.quick-input-widget input').fill(`:1:${EDITED.indexOf('"Greet":{') + 3}`);
    await page.keyboard.press('Enter');
    await frame.locator('.node.highlighted text.name', { hasText: 'Greet' }).waitFor({ timeout: 15_000 });
    await screenshot(page, `${vsix ? 'vsix-' : ''}graph-preview-cursor`);
  });

  test('comes back after a window reload, still following its document', async () => {
    await page.keyboard.press('Control+S');
    await runCommand(page, 'Developer: Reload Window');
    await page.locator('.monaco-workbench').waitFor({ timeout: 120_000 });
    const frame = await graphFrame(page, 'Wave', 120_000);
    assert.equal(await frame.locator('.node.start').count(), 1);
    assert.equal(await page.locator('.tab', { hasText: 'Graph: graph.asl.json' }).count(), 1, 'one panel for the document');
    await screenshot(page, `${vsix ? 'vsix-' : ''}graph-preview-restored`);
  });

  test('exports the picture as SVG and PNG through the save dialog', async () => {
    const frame = await graphFrame(page, 'Wave');
    for (const format of ['svg', 'png']) {
      const file = path.join(folder, `graph.${format}`);
      await frame.locator(`button[title="Export as ${format.toUpperCase()}"]`).click();
      // The web workbench's save dialog is a quick input holding the proposed path: beside the document.
      const input = page.locator('.quick-input-widget input');
      await input.waitFor();
      await page.waitForFunction((name) => document.querySelector('.quick-input-widget input')?.value.endsWith(name), `/graph.${format}`, { timeout: 10_000 })
        .catch(async () => assert.fail(`the save dialog proposes "${await input.inputValue()}"`));
      await page.keyboard.press('Enter');
      const deadline = Date.now() + 30_000;
      while (!fs.existsSync(file) && Date.now() < deadline) await page.waitForTimeout(250);
      const bytes = fs.readFileSync(file);
      if (format === 'svg') assert.match(bytes.toString('utf8'), /^<\?xml[^]*<svg [^]*>Wave<\/text>/);
      else assert.deepEqual([...bytes.subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47]);
    }
  });
});
