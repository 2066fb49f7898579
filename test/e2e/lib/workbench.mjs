// Headless Debian chromium driven by playwright-core, and the workbench gestures UI tests share.
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { RESULTS_DIR } from './codeServer.mjs';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Playwright cannot download its own browser here, so it drives Debian's chromium. */
export async function launchChromium() {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: run "bash test/setup.sh" or set CHROMIUM_PATH`);
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
}

export async function newPage(browser) {
  return browser.newPage({ viewport: { width: 1400, height: 900 } });
}

/** Writes e2e-results/<name>.png and returns its path. */
export async function screenshot(page, name) {
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

/** Resolves once the Explorer shows the workspace folder's files. */
export async function waitForExplorer(page, fileName, timeout = 120_000) {
  await explorerRow(page, fileName).waitFor({ timeout });
}

export function explorerRow(page, fileName) {
  return page.locator('.explorer-folders-view .monaco-list-row', { hasText: fileName }).first();
}

/**
 * Runs a command by its title, as typed in the Command Palette: clicks the row labelled exactly so,
 * else the first whose label contains it. (The palette matches fuzzily and may focus another command
 * first: "View: Close Editor" focuses "View: Close All Editor Groups".) Retries while the palette
 * does not list it yet: right after the workbench loads, contributions may still be arriving.
 */
export async function runCommand(page, title, timeout = 60_000) {
  const input = page.locator('.quick-input-widget input');
  const deadline = Date.now() + timeout;
  for (;;) {
    await openQuickInput(page, 'F1');
    try {
      // The palette may close as it opens (a view taking the focus): then it is opened again.
      await input.fill(`>${title}`, { timeout: 5_000 });
      await clickQuickPickRow(page, title);
      break;
    } catch (error) {
      await page.keyboard.press('Escape');
      if (Date.now() > deadline) throw error;
    }
  }
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
}

/**
 * Presses `key` until the quick input shows. A key pressed while a webview has the focus can stay
 * inside its iframe, so between tries the focus goes back to the workbench (the sidebar's title).
 */
async function openQuickInput(page, key) {
  const input = page.locator('.quick-input-widget input');
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press(key);
    try {
      await input.waitFor({ state: 'visible', timeout: 5_000 });
      return;
    } catch (error) {
      if (attempt === 4) throw error;
      await page.locator('.part.sidebar .title-label').first().click();
    }
  }
}

/** Clicks the Quick Open / Command Palette row labelled `label`, else the first whose label contains it. */
async function clickQuickPickRow(page, label, timeout = 5_000) {
  const rows = page.locator('.quick-input-list .monaco-list-row').filter({ has: page.locator('.label-name', { hasText: label }) });
  await rows.first().waitFor({ timeout });
  const labels = await rows.locator('.label-name').allTextContents();
  await rows.nth(Math.max(labels.indexOf(label), 0)).click();
}

/** Opens a workspace file with Quick Open and waits until its editor shows `expectedText`. */
export async function openFile(page, fileName, expectedText) {
  try {
    const deadline = Date.now() + 30_000;
    for (;;) {
      await openQuickInput(page, 'Control+P');
      await page.locator('.quick-input-widget input').fill(fileName);
      try {
        await clickQuickPickRow(page, path.basename(fileName), 5_000);
        break;
      } catch (error) {
        // A file the test has just written may not be in Quick Open's index yet: ask again.
        await page.keyboard.press('Escape');
        if (Date.now() > deadline) throw error;
      }
    }
    await page.locator('.monaco-editor .view-lines', { hasText: expectedText }).first().waitFor();
  } catch (error) {
    await screenshot(page, `failed-open-${path.basename(fileName)}`);
    throw error;
  }
}

/** Focuses the Problems panel and returns its rows' text once one contains `hasText`. */
export async function problems(page, hasText, timeout = 60_000) {
  await runCommand(page, 'View: Focus Problems');
  const rows = page.locator('.markers-panel .monaco-tl-contents');
  await rows.filter({ hasText }).first().waitFor({ timeout });
  return rows.allInnerTexts();
}

/**
 * The start form's frame once the extension has filled it: the form shows before the extension sends its
 * default name and input, which replace whatever was typed before them.
 */
export async function startForm(page) {
  const form = await webview(page, '#start-execution');
  // The name and the input come in one message: a name there, the input is too.
  await form.waitForFunction(() => document.querySelector('#name')?.value);
  return form;
}

/** The webview frame whose document has an element matching `selector`. */
export async function webview(page, selector, timeout = 60_000) {
  const deadline = Date.now() + timeout;
  while (Date.now() < deadline) {
    for (const frame of page.frames()) {
      if (frame.isDetached()) continue;
      if (await frame.$(selector).catch(() => null)) return frame;
    }
    await page.waitForTimeout(100);
  }
  throw new Error(`no webview shows ${selector} within ${timeout} ms`);
}
