// The one workbench every UI test file in a process shares: code-server starts once and the
// page loads once (each start costs 20-30 s), and both are stopped after the last test.
// With E2E_VSIX=<file> the extension is installed from that package instead of loaded from the
// project folder; that start has no smoke-test driver, so notification toasts are shown.
import { after } from 'node:test';
import path from 'node:path';
import { LOOPBACK_AWS_ENV, PROJECT_ROOT, startCodeServer } from './codeServer.mjs';
import { launchChromium, newPage, runCommand, screenshot, waitForExplorer } from './workbench.mjs';

export const vsix = process.env.E2E_VSIX ? path.resolve(process.env.E2E_VSIX) : undefined;

let session;

/**
 * The shared workbench, reset for the caller: every editor and webview closed (changes discarded),
 * so a test file starts as if it had the workbench to itself. Call it from each file's `before`.
 * @returns {Promise<{ page: import('playwright-core').Page, folder: string }>}
 */
export async function workbench() {
  session ??= open();
  const current = await session;
  await closeAllEditors(current.page);
  return current;
}

async function closeAllEditors(page) {
  // Unsaved editors (say a new machine from a template) ask before closing, in a modal dialog.
  const dontSave = page.locator('.monaco-dialog-box .monaco-button', { hasText: "Don't Save" });
  if (await dontSave.isVisible()) await dontSave.click(); // left open by the previous test file
  await page.keyboard.press('Escape');
  if (await page.locator('.tabs-container .tab').count() === 0) return;
  await runCommand(page, 'View: Close All Editors');
  await dontSave.waitFor({ timeout: 2_000 }).then(() => dontSave.click(), () => {});
  await page.locator('.tabs-container .tab').first().waitFor({ state: 'detached' });
}

async function open() {
  const server = await startCodeServer({ developmentPayload: !vsix, vsix, env: LOOPBACK_AWS_ENV });
  const browser = await launchChromium();
  const close = async () => { await browser.close(); await server.stop(); };
  try {
    const page = await newPage(browser);
    const folder = server.copyWorkspace();
    await page.goto(server.url({ folder, extensionDevelopmentPath: vsix ? undefined : PROJECT_ROOT }));
    await waitForExplorer(page, 'hello.asl.json');
    return { page, folder, close };
  } catch (error) {
    await close();
    throw error;
  }
}

after(async () => {
  if (!session) return;
  const { page, close } = await session.catch(() => ({}));
  if (!page) return;
  await screenshot(page, 'ui-last');
  await close();
});
