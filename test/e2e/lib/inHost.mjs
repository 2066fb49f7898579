// Runs the mocha suites of out/test/e2e/suite inside VS Code's extension host, the way
// @vscode/test-electron does, with code-server + headless chromium instead of desktop VS Code.
// The workbench reports the run's exit code through window.codeAutomationExit(code) and the
// extension host's console through window.codeAutomationLog(type, args).
import fs from 'node:fs';
import path from 'node:path';
import util from 'node:util';
import { LOOPBACK_AWS_ENV, PROJECT_ROOT, RESULTS_DIR, startCodeServer } from './codeServer.mjs';
import { launchChromium, newPage, screenshot } from './workbench.mjs';

export const SUITE_ENTRY = path.join(PROJECT_ROOT, 'out/test/e2e/suite/index.js');

/** @returns {Promise<{ passed: number, failed: number }>} after printing the suites' results */
export async function runInHostSuites({ timeoutMs = Number(process.env.E2E_TIMEOUT_MS ?? 180_000), log = console.log } = {}) {
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const resultsFile = path.join(RESULTS_DIR, 'in-host-results.txt');
  fs.rmSync(resultsFile, { force: true });
  const consoleLog = fs.createWriteStream(path.join(RESULTS_DIR, 'in-host-console.log'));
  const started = Date.now();
  const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;

  const server = await startCodeServer({ developmentPayload: true, env: { ...LOOPBACK_AWS_ENV, E2E_RESULTS_FILE: resultsFile } });
  log(`[in-host ${elapsed()}] code-server listening on ${server.authority} after ${server.startupMs} ms`);
  const browser = await launchChromium();
  let exitCode;
  try {
    const page = await newPage(browser);
    const exited = new Promise((resolve) => page.exposeFunction('codeAutomationExit', resolve));
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      const line = util.format(...(Array.isArray(args) ? args : [args]));
      consoleLog.write(`${elapsed()} [${type}] ${line}\n`);
      if (process.env.E2E_VERBOSE) log(`[exthost:${type}] ${line}`);
    });
    page.on('console', (message) => consoleLog.write(`${elapsed()} [browser:${message.type()}] ${message.text()}\n`));
    page.on('pageerror', (error) => consoleLog.write(`${elapsed()} [pageerror] ${error.stack ?? error}\n`));
    const folder = server.copyWorkspace();
    await page.goto(server.url({ folder, extensionDevelopmentPath: PROJECT_ROOT, extensionTestsPath: SUITE_ENTRY }));
    log(`[in-host ${elapsed()}] workbench loaded; suites running in the extension host`);
    let timer;
    exitCode = await Promise.race([exited, new Promise((resolve) => { timer = setTimeout(() => resolve('timeout'), timeoutMs); })]);
    clearTimeout(timer);
    if (exitCode === 'timeout') log(`[in-host ${elapsed()}] TIMEOUT after ${timeoutMs} ms; see ${await screenshot(page, 'in-host-timeout')}`);
  } finally {
    await browser.close();
    await server.stop();
    consoleLog.end();
  }
  const results = fs.existsSync(resultsFile) ? fs.readFileSync(resultsFile, 'utf8') : '';
  process.stdout.write(results || '(no results: the suite entry did not run; see e2e-results/in-host-console.log)\n');
  const counts = /^(\d+) passed, (\d+) failed$/m.exec(results);
  const passed = counts ? Number(counts[1]) : 0;
  // A run that ended badly without a failing test (timeout, crash, load error) still counts as a failure.
  const failed = counts ? Number(counts[2]) : 1;
  log(`[in-host ${elapsed()}] exit code ${exitCode}; logs in e2e-results/`);
  return { passed, failed: exitCode === 0 ? failed : Math.max(failed, 1) };
}
