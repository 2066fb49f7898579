// Serves the graph preview's real page (webviewPage, same CSP) and bundle (dist/webviews/graph.js)
// in headless Chromium, with a stand-in for the VS Code webview API that records what the page posts.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

export const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
const require = createRequire(import.meta.url);
export const { buildGraphModel, stateId } = require(path.join(ROOT, 'out/server/src/core/graph/model.js'));
const { webviewPage } = require(path.join(ROOT, 'out/client/src/webviews/webviewPage.js'));

/** Chromium as the e2e docs run it (Debian's build, no sandbox in containers). */
export function launchChromium() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** Opens the preview page; `theme` sets VS Code-like CSS variables on the body ('light' uses the fallbacks). */
export async function openGraphPage(browser, { width = 1200, height = 800, theme = 'light' } = {}) {
  const dist = path.join(ROOT, 'dist/webviews');
  if (!fs.existsSync(path.join(dist, 'graph.js'))) throw new Error('dist/webviews/graph.js is missing: run "node esbuild.js" first');
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'graph-page-'));
  const html = webviewPage({
    cspSource: 'file:',
    title: 'graph',
    scriptUri: pathToFileURL(path.join(dist, 'graph.js')).href,
    styleUri: pathToFileURL(path.join(dist, 'graph.css')).href,
  });
  const file = path.join(directory, 'index.html');
  fs.writeFileSync(file, html);
  const page = await browser.newPage({ viewport: { width, height } });
  const errors = [];
  page.on('pageerror', (error) => errors.push(error));
  page.on('console', (message) => { if (message.type() === 'error') errors.push(new Error(message.text())); });
  await page.addInitScript((variables) => {
    // What VS Code puts on the body of a webview for the theme (set through the CSSOM: the CSP forbids inline styles).
    document.addEventListener('DOMContentLoaded', () => {
      for (const [name, value] of Object.entries(variables)) document.body.style.setProperty(name, value);
    });
    window.posted = [];
    let state;
    window.acquireVsCodeApi = () => ({
      postMessage: (message) => window.posted.push(message),
      getState: () => state,
      setState: (value) => { state = value; },
    });
  }, theme === 'dark' ? DARK_THEME : {});
  await page.goto(pathToFileURL(file).href);
  await page.waitForFunction(() => window.posted.some((message) => message.type === 'ready'));
  let version = 0;
  return {
    page,
    errors,
    /** Sends a model and waits until it is drawn; returns the page's 'rendered' message. */
    async show(model) {
      const current = ++version;
      // As JSON text: Playwright's own serialization of a deeply nested argument crashes the page.
      await page.evaluate((text) => window.postMessage(JSON.parse(text), '*'), JSON.stringify({ type: 'model', model, version: current, uri: 'file:///workspace/test.asl.json' }));
      await page.waitForFunction((v) => window.posted.some((message) => message.type === 'rendered' && message.version === v), current);
      return page.evaluate((v) => window.posted.find((message) => message.type === 'rendered' && message.version === v), current);
    },
    posted: () => page.evaluate(() => window.posted),
  };
}

const DARK_THEME = {
  '--vscode-editor-background': '#1e1e1e', '--vscode-editor-foreground': '#d4d4d4', '--vscode-foreground': '#cccccc',
  '--vscode-descriptionForeground': '#9d9d9d', '--vscode-editorWidget-background': '#252526', '--vscode-editorWidget-border': '#454545',
  '--vscode-editorLineNumber-foreground': '#858585', '--vscode-focusBorder': '#007fd4', '--vscode-panel-border': '#3c3c3c',
  '--vscode-button-secondaryBackground': '#3a3d41', '--vscode-button-secondaryForeground': '#cccccc',
  '--vscode-input-background': '#3c3c3c', '--vscode-input-foreground': '#cccccc', '--vscode-input-border': '#3c3c3c',
  '--vscode-charts-orange': '#d18616', '--vscode-editorError-foreground': '#f14c4c', '--vscode-editorWarning-foreground': '#cca700',
};
