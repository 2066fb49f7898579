// `npm test`'s end-to-end step (after compile and build): installs what is missing, runs every
// in-host suite in one VS Code start (extension loaded from this folder), packages the .vsix, then
// runs every UI test file in one more start with that .vsix installed, so the UI tests also prove
// the package installs and activates. Ends with the line `N passed, N failed`; exits non-zero when
// anything failed.
//
// Env: VSCODE_TEST_DIR (install folder, default .vscode-test), E2E_ONLY=in-host|ui (run one half),
// E2E_GREP (only in-host tests whose title matches), E2E_TIMEOUT_MS, E2E_VERBOSE=1, E2E_KEEP_RUN_DIR=1, CHROMIUM_PATH.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT, RESULTS_DIR } from './lib/codeServer.mjs';
import { runInHostSuites, SUITE_ENTRY } from './lib/inHost.mjs';

const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
const log = (line) => console.log(`[e2e ${elapsed()}] ${line}`);

for (const [file, how] of [[SUITE_ENTRY, 'npm run compile'], [path.join(PROJECT_ROOT, 'dist/client.js'), 'npm run build']]) {
  if (!fs.existsSync(file)) {
    console.error(`e2e: ${path.relative(PROJECT_ROOT, file)} is missing: run "${how}" first`);
    process.exit(1);
  }
}
if (spawnSync('bash', [path.join(PROJECT_ROOT, 'test/setup.sh')], { stdio: 'inherit' }).status !== 0) process.exit(1);

const only = process.env.E2E_ONLY;
const skipped = { passed: 0, failed: 0 };
if (only) log(`E2E_ONLY=${only}: the other half is skipped`);
const inHost = only === 'ui' ? skipped : await runInHostSuites({ log });

const vsix = only === 'in-host' ? undefined : packageVsix();
const ui = only === 'in-host' ? skipped : vsix ? runUiTests(vsix) : { passed: 0, failed: 1 };

const passed = inHost.passed + ui.passed;
const failed = inHost.failed + ui.failed;
log(`done: in-host ${inHost.passed} passed, ${inHost.failed} failed; UI ${ui.passed} passed, ${ui.failed} failed`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);

/** `npm run package`; returns the .vsix, or undefined after printing why it failed. */
function packageVsix() {
  const { status, stdout, stderr } = spawnSync('npm', ['run', '-s', 'package'], { cwd: PROJECT_ROOT, encoding: 'utf8' });
  if (status !== 0) {
    log(`npm run package failed:\n${stdout}${stderr}`);
    return undefined;
  }
  const vsix = path.join(PROJECT_ROOT, 'asl-workbench.vsix');
  log(`packaged ${path.basename(vsix)}: ${(fs.statSync(vsix).size / 1024).toFixed(0)} KB`);
  return vsix;
}

/** Every test/e2e/ui/*.test.mjs in one node process, so they share one workbench (lib/uiSession.mjs). */
function runUiTests(vsix) {
  const uiDir = path.join(PROJECT_ROOT, 'test/e2e/ui');
  const files = fs.readdirSync(uiDir).filter((file) => file.endsWith('.test.mjs')).sort();
  log(`UI tests (one VS Code start, ${path.basename(vsix)} installed): ${files.join(', ')}`);
  const countsFile = path.join(RESULTS_DIR, 'ui-counts.json');
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  fs.rmSync(countsFile, { force: true });
  const imports = files.map((file) => `await import(${JSON.stringify(path.join(uiDir, file))});`).join('');
  const { status } = spawnSync(process.execPath, [
    '--test-reporter=spec', '--test-reporter-destination=stdout',
    `--test-reporter=${path.join(PROJECT_ROOT, 'test/e2e/lib/countReporter.mjs')}`, `--test-reporter-destination=${countsFile}`,
    '--input-type=module', '--eval', imports,
  ], { stdio: 'inherit', env: { ...process.env, E2E_VSIX: vsix } });
  const counts = fs.existsSync(countsFile) ? JSON.parse(fs.readFileSync(countsFile, 'utf8')) : { passed: 0, failed: 0 };
  // A process that failed without a failing test (crash, load error) still counts as a failure.
  return status === 0 ? counts : { ...counts, failed: Math.max(counts.failed, 1) };
}
