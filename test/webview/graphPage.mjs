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
    send: (message) => page.evaluate((m) => window.postMessage(m, '*'), message),
    posted: () => page.evaluate(() => window.posted),
  };
}

/** Runs `definition` on the embedded interpreter: its events and its outcome. */
export async function runHistory(definition, input = {}, name = 'run') {
  const { events, ...outcome } = await compileStateMachine(definition).start({ input, name, stateMachineName: 'machine' }).done;
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

// The colours VS Code gives a webview in its default themes (Light+, Dark+, High Contrast): the theme files
// of theme-defaults and the defaults of VS Code's colour registry, as the webview receives them.
const FONTS = {
  '--vscode-font-family': 'system-ui, "Ubuntu", "Droid Sans", sans-serif', '--vscode-font-size': '13px',
  '--vscode-editor-font-family': '"Droid Sans Mono", "monospace", monospace', '--vscode-editor-font-size': '14px',
};
export const THEMES = {
  light: {
    bodyClass: 'vscode-light',
    variables: {
      ...FONTS,
      '--vscode-editor-background': '#ffffff', '--vscode-editor-foreground': '#000000', '--vscode-foreground': '#616161',
      '--vscode-descriptionForeground': '#717171', '--vscode-errorForeground': '#a1260d', '--vscode-focusBorder': '#0090f1',
      '--vscode-textLink-foreground': '#006ab1', '--vscode-textCodeBlock-background': 'rgba(220, 220, 220, 0.4)',
      '--vscode-editorWidget-background': '#f3f3f3', '--vscode-editorWidget-border': '#c8c8c8', '--vscode-editorLineNumber-foreground': '#237893',
      '--vscode-panel-border': 'rgba(128, 128, 128, 0.35)', '--vscode-button-background': '#007acc', '--vscode-button-foreground': '#ffffff',
      '--vscode-button-hoverBackground': '#0062a3', '--vscode-button-secondaryBackground': '#5f6a79', '--vscode-button-secondaryForeground': '#ffffff',
      '--vscode-button-secondaryHoverBackground': '#4c5561', '--vscode-input-background': '#ffffff', '--vscode-input-foreground': '#616161',
      '--vscode-input-placeholderForeground': '#767676', '--vscode-charts-orange': '#d18616', '--vscode-editorError-foreground': '#e51400',
      '--vscode-editorWarning-foreground': '#bf8803', '--vscode-editorInfo-foreground': '#1a85ff', '--vscode-list-hoverBackground': '#e8e8e8',
      '--vscode-progressBar-background': '#0e70c0', '--vscode-inputValidation-errorBackground': '#f2dede', '--vscode-inputValidation-errorBorder': '#be1100',
      '--vscode-inputValidation-warningBackground': '#f6f5d2', '--vscode-inputValidation-warningBorder': '#b89500',
      '--vscode-editor-findMatchHighlightBackground': 'rgba(234, 92, 0, 0.33)',
      '--vscode-debugTokenExpression-name': '#9b46b0', '--vscode-debugTokenExpression-string': '#a31515',
      '--vscode-debugTokenExpression-number': '#098658', '--vscode-debugTokenExpression-boolean': '#0000ff',
    },
  },
  dark: {
    bodyClass: 'vscode-dark',
    variables: {
      ...FONTS,
      '--vscode-editor-background': '#1e1e1e', '--vscode-editor-foreground': '#d4d4d4', '--vscode-foreground': '#cccccc',
      '--vscode-descriptionForeground': 'rgba(204, 204, 204, 0.7)', '--vscode-errorForeground': '#f48771', '--vscode-focusBorder': '#007fd4',
      '--vscode-textLink-foreground': '#3794ff', '--vscode-textCodeBlock-background': 'rgba(10, 10, 10, 0.4)',
      '--vscode-editorWidget-background': '#252526', '--vscode-editorWidget-border': '#454545', '--vscode-editorLineNumber-foreground': '#858585',
      '--vscode-panel-border': 'rgba(128, 128, 128, 0.35)', '--vscode-button-background': '#0e639c', '--vscode-button-foreground': '#ffffff',
      '--vscode-button-hoverBackground': '#1177bb', '--vscode-button-secondaryBackground': '#3a3d41', '--vscode-button-secondaryForeground': '#ffffff',
      '--vscode-button-secondaryHoverBackground': '#45494e', '--vscode-input-background': '#3c3c3c', '--vscode-input-foreground': '#cccccc',
      '--vscode-input-placeholderForeground': '#a6a6a6', '--vscode-charts-orange': '#d18616', '--vscode-editorError-foreground': '#f14c4c',
      '--vscode-editorWarning-foreground': '#cca700', '--vscode-editorInfo-foreground': '#3794ff', '--vscode-list-hoverBackground': '#2a2d2e',
      '--vscode-progressBar-background': '#0e70c0', '--vscode-inputValidation-errorBackground': '#5a1d1d', '--vscode-inputValidation-errorBorder': '#be1100',
      '--vscode-inputValidation-warningBackground': '#352a05', '--vscode-inputValidation-warningBorder': '#b89500',
      '--vscode-editor-findMatchHighlightBackground': 'rgba(234, 92, 0, 0.33)',
      '--vscode-debugTokenExpression-name': '#c586c0', '--vscode-debugTokenExpression-string': '#ce9178',
      '--vscode-debugTokenExpression-number': '#b5cea8', '--vscode-debugTokenExpression-boolean': '#4e94ce',
    },
  },
  highContrast: {
    bodyClass: 'vscode-high-contrast',
    variables: {
      ...FONTS,
      '--vscode-editor-background': '#000000', '--vscode-editor-foreground': '#ffffff', '--vscode-foreground': '#ffffff',
      '--vscode-descriptionForeground': 'rgba(255, 255, 255, 0.7)', '--vscode-errorForeground': '#f48771', '--vscode-focusBorder': '#f38518',
      '--vscode-contrastBorder': '#6fc3df', '--vscode-textLink-foreground': '#21a6ff', '--vscode-textCodeBlock-background': '#000000',
      '--vscode-editorWidget-background': '#0c141f', '--vscode-editorWidget-border': '#6fc3df', '--vscode-editorLineNumber-foreground': '#ffffff',
      '--vscode-panel-border': '#6fc3df', '--vscode-button-background': '#000000', '--vscode-button-foreground': '#ffffff', '--vscode-button-border': '#6fc3df',
      '--vscode-button-secondaryForeground': '#ffffff', '--vscode-input-background': '#000000', '--vscode-input-foreground': '#ffffff',
      '--vscode-input-border': '#6fc3df', '--vscode-input-placeholderForeground': 'rgba(255, 255, 255, 0.7)', '--vscode-charts-orange': '#d18616',
      '--vscode-editorError-foreground': '#f48771', '--vscode-editorWarning-foreground': '#ffd370', '--vscode-editorInfo-foreground': '#3794ff',
      '--vscode-list-hoverBackground': 'rgba(255, 255, 255, 0.1)', '--vscode-progressBar-background': '#6fc3df',
      '--vscode-inputValidation-errorBackground': '#000000', '--vscode-inputValidation-errorBorder': '#6fc3df',
      '--vscode-inputValidation-warningBackground': '#000000', '--vscode-inputValidation-warningBorder': '#6fc3df',
      '--vscode-debugTokenExpression-name': '#ffffff', '--vscode-debugTokenExpression-string': '#f48771',
      '--vscode-debugTokenExpression-number': '#89d185', '--vscode-debugTokenExpression-boolean': '#75bdfe',
    },
  },
};
