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
const { compileStateMachine } = require(path.join(ROOT, 'out/server/src/core/interpreter/index.js'));

/** Chromium as the e2e docs run it (Debian's build, no sandbox in containers). */
export function launchChromium() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/**
 * Opens the page of the bundle `name` (dist/webviews/<name>.js and .css) as its panel serves it. `theme`
 * ('light', 'dark' or 'highContrast') is applied the way VS Code applies it: CSS variables on the root
 * element and a class on the body, at DOMContentLoaded, so after the bundle's script has run.
 */
export async function openWebviewPage(browser, name, { width = 1200, height = 900, theme } = {}) {
  const dist = path.join(ROOT, 'dist/webviews');
  if (!fs.existsSync(path.join(dist, `${name}.js`))) throw new Error(`dist/webviews/${name}.js is missing: run "node esbuild.js" first`);
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), `${name}-page-`));
  const file = path.join(directory, 'index.html');
  fs.writeFileSync(file, webviewPage({
    cspSource: 'file:', title: name,
    scriptUri: pathToFileURL(path.join(dist, `${name}.js`)).href,
    styleUri: pathToFileURL(path.join(dist, `${name}.css`)).href,
    elkUri: pathToFileURL(path.join(dist, 'elk.js')).href,
  }));
  const page = await browser.newPage({ viewport: { width, height } });
  const errors = [];
  page.on('pageerror', (error) => errors.push(error));
  page.on('console', (message) => { if (message.type() === 'error') errors.push(new Error(message.text())); });
  page.on('dialog', (dialog) => { errors.push(new Error(`dialog: ${dialog.message()}`)); void dialog.dismiss(); });
  await page.addInitScript(({ variables, bodyClass }) => {
    // Set through the CSSOM: the CSP forbids inline styles.
    document.addEventListener('DOMContentLoaded', () => {
      for (const [variable, value] of Object.entries(variables)) document.documentElement.style.setProperty(variable, value);
      if (bodyClass) document.body.classList.add(bodyClass);
    });
    window.posted = [];
    let state;
    window.acquireVsCodeApi = () => ({
      postMessage: (message) => window.posted.push(message),
      getState: () => state,
      setState: (value) => { state = value; },
    });
  }, theme ? THEMES[theme] : { variables: {} });
  await page.goto(pathToFileURL(file).href);
  await page.waitForFunction(() => window.posted.some((message) => message.type === 'ready'));
  return {
    page,
    errors,
    // As JSON text: Playwright's own serialization of a deeply nested argument crashes the page.
    send: (message) => page.evaluate((text) => window.postMessage(JSON.parse(text), '*'), JSON.stringify(message)),
    posted: () => page.evaluate(() => window.posted),
  };
}

/** Runs `definition` on the embedded interpreter: its events and its outcome. */
export async function runHistory(definition, input = {}, name = 'run', options = {}) {
  const { events, ...outcome } = await compileStateMachine(definition).start({ input, name, stateMachineName: 'machine', ...options }).done;
  return { events, outcome };
}

/** The execution view's init message for a run of `definition`. */
export function executionViewInit(definition, { events, outcome }, overrides = {}) {
  return {
    type: 'init',
    view: {
      executionArn: outcome.executionArn, name: outcome.name, stateMachineName: 'machine', fileName: 'machine.asl.json',
      definition: JSON.stringify(definition, null, 2), graph: buildGraphModel(definition), events, outcome, ...overrides,
    },
  };
}

/** Opens the preview page (see openWebviewPage for `theme`). */
export async function openGraphPage(browser, { width = 1200, height = 800, theme } = {}) {
  const opened = await openWebviewPage(browser, 'graph', { width, height, theme });
  const { page } = opened;
  let version = 0;
  return {
    ...opened,
    /** Sends a model and waits until it is drawn; returns the page's 'rendered' message. */
    async show(model) {
      const current = ++version;
      await opened.send({ type: 'model', model, version: current, uri: 'file:///workspace/test.asl.json' });
      await page.waitForFunction((v) => window.posted.some((message) => message.type === 'rendered' && message.version === v), current);
      return page.evaluate((v) => window.posted.find((message) => message.type === 'rendered' && message.version === v), current);
    },
  };
}

// The colours VS Code gives a webview in its default themes, [Light+, Dark+, High Contrast]: the theme files
// of theme-defaults and the defaults of VS Code's colour registry, as the webview receives them (undefined:
// the theme defines none).
const COLOURS = {
  'editor-background': ['#ffffff', '#1e1e1e', '#000000'],
  'editor-foreground': ['#000000', '#d4d4d4', '#ffffff'],
  'foreground': ['#616161', '#cccccc', '#ffffff'],
  'descriptionForeground': ['#717171', 'rgba(204, 204, 204, 0.7)', 'rgba(255, 255, 255, 0.7)'],
  'errorForeground': ['#a1260d', '#f48771', '#f48771'],
  'focusBorder': ['#0090f1', '#007fd4', '#f38518'],
  'textLink-foreground': ['#006ab1', '#3794ff', '#21a6ff'],
  'textCodeBlock-background': ['rgba(220, 220, 220, 0.4)', 'rgba(10, 10, 10, 0.4)', '#000000'],
  'editorWidget-background': ['#f3f3f3', '#252526', '#0c141f'],
  'editorWidget-border': ['#c8c8c8', '#454545', '#6fc3df'],
  'editorLineNumber-foreground': ['#237893', '#858585', '#ffffff'],
  'panel-border': ['rgba(128, 128, 128, 0.35)', 'rgba(128, 128, 128, 0.35)', '#6fc3df'],
  'button-background': ['#007acc', '#0e639c', '#000000'],
  'button-foreground': ['#ffffff', '#ffffff', '#ffffff'],
  'button-hoverBackground': ['#0062a3', '#1177bb', undefined],
  'button-secondaryBackground': ['#5f6a79', '#3a3d41', undefined],
  'button-secondaryForeground': ['#ffffff', '#ffffff', '#ffffff'],
  'button-secondaryHoverBackground': ['#4c5561', '#45494e', undefined],
  'input-background': ['#ffffff', '#3c3c3c', '#000000'],
  'input-foreground': ['#616161', '#cccccc', '#ffffff'],
  'input-placeholderForeground': ['#767676', '#a6a6a6', 'rgba(255, 255, 255, 0.7)'],
  'editorError-foreground': ['#e51400', '#f14c4c', '#f48771'],
  'editorWarning-foreground': ['#bf8803', '#cca700', '#ffd370'],
  'editorInfo-foreground': ['#1a85ff', '#3794ff', '#3794ff'],
  'list-hoverBackground': ['#e8e8e8', '#2a2d2e', 'rgba(255, 255, 255, 0.1)'],
  'progressBar-background': ['#0e70c0', '#0e70c0', '#6fc3df'],
  'inputValidation-errorBackground': ['#f2dede', '#5a1d1d', '#000000'],
  'inputValidation-errorBorder': ['#be1100', '#be1100', '#6fc3df'],
  'inputValidation-warningBackground': ['#f6f5d2', '#352a05', '#000000'],
  'inputValidation-warningBorder': ['#b89500', '#b89500', '#6fc3df'],
  'editor-findMatchHighlightBackground': ['rgba(234, 92, 0, 0.33)', 'rgba(234, 92, 0, 0.33)', undefined],
  'debugTokenExpression-name': ['#9b46b0', '#c586c0', '#ffffff'],
  'debugTokenExpression-string': ['#a31515', '#ce9178', '#f48771'],
  'debugTokenExpression-number': ['#098658', '#b5cea8', '#89d185'],
  'debugTokenExpression-boolean': ['#0000ff', '#4e94ce', '#75bdfe'],
  'editorSuggestWidget-background': ['#f3f3f3', '#252526', '#0c141f'],
  'editorSuggestWidget-foreground': ['#000000', '#d4d4d4', '#ffffff'],
  'editorSuggestWidget-border': ['#c8c8c8', '#454545', '#6fc3df'],
  'editorSuggestWidget-selectedBackground': ['#0060c0', '#04395e', undefined],
  'editorSuggestWidget-selectedForeground': ['#ffffff', '#ffffff', undefined],
  'contrastActiveBorder': [undefined, undefined, '#f38518'],
  'contrastBorder': [undefined, undefined, '#6fc3df'],
  'button-border': [undefined, undefined, '#6fc3df'],
  'input-border': [undefined, undefined, '#6fc3df'],
};
const FONTS = {
  '--vscode-font-family': 'system-ui, "Ubuntu", "Droid Sans", sans-serif', '--vscode-font-size': '13px',
  '--vscode-editor-font-family': '"Droid Sans Mono", "monospace", monospace', '--vscode-editor-font-size': '14px',
};
const theme = (index, bodyClass) => ({
  bodyClass,
  variables: {
    ...FONTS,
    ...Object.fromEntries(Object.entries(COLOURS).filter(([, values]) => values[index] !== undefined).map(([name, values]) => [`--vscode-${name}`, values[index]])),
  },
});
export const THEMES = { light: theme(0, 'vscode-light'), dark: theme(1, 'vscode-dark'), highContrast: theme(2, 'vscode-high-contrast') };

/** Wall time from posting `model` to the graph page until the frame after it is drawn (the benchmarks' measure). */
export function timeModelDrawn(page, model, version) {
  return page.evaluate(async ([message]) => {
    const drawn = new Promise((resolve) => {
      const push = window.posted.push.bind(window.posted);
      window.posted.push = (posted) => {
        const length = push(posted);
        if (posted.type === 'rendered' && posted.version === message.version) resolve();
        return length;
      };
    });
    const started = performance.now();
    window.postMessage(message, '*');
    await drawn;
    await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve)));
    return performance.now() - started;
  }, [{ type: 'model', model, version, uri: 'file:///bench.asl.json' }]);
}
