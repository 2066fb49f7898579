// "ASL: New State Machine from Template" from the Command Palette opens the Hello World machine,
// highlighted by the asl grammar, and its graph previews beside it (the README's screenshot).
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { vsix, workbench } from '../lib/uiSession.mjs';
import { runCommand, screenshot } from '../lib/workbench.mjs';

describe('New State Machine from Template', () => {
  let page;
  before(async () => ({ page } = await workbench()));

  test('opens the Hello World machine with its JSONPath highlighted', async () => {
    await runCommand(page, 'ASL: New State Machine from Template');
    const editor = page.locator('.editor-instance .monaco-editor').first();
    await editor.locator('.view-lines', { hasText: 'Hello World example?' }).waitFor();
    await page.locator('.statusbar-item', { hasText: 'Amazon States Language' }).first().waitFor();
    // The grammar gives "$.IsHelloWorldExample" its own tokens; the workbench renders each run of one
    // colour as a span, so the path's root is a span whose colour differs from the string's quotes.
    const line = editor.locator('.view-line', { hasText: '"Variable": "$.IsHelloWorldExample"' }).first();
    const spans = await line.locator('span > span').evaluateAll((elements) => elements.map((span) => [span.textContent, span.className]));
    const root = spans.find(([text]) => text === '$');
    const quote = spans.find(([text]) => text === '"');
    assert.ok(root && quote, `spans of the line: ${JSON.stringify(spans)}`);
    assert.notEqual(root[1], quote[1], 'the JSONPath root is coloured like the string around it');
    await screenshot(page, `${vsix ? 'vsix-' : ''}template`);
  });

  test('previews the graph of the new machine beside it', async () => {
    await runCommand(page, 'ASL: Preview Graph');
    const graph = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
    for (const state of ['Hello World example?', 'Wait 3 sec', 'Parallel State', 'Hello World']) {
      await graph.getByText(state, { exact: true }).first().waitFor({ timeout: 30_000 });
    }
    // The README's screenshot (docs/screenshot.png) shows the editor and the graph without the panel.
    if (await page.locator('.part.panel').isVisible()) await page.keyboard.press('Control+J');
    await screenshot(page, `${vsix ? 'vsix-' : ''}readme`);
  });
});
