// `npm run test:electron`: the same in-host suites (test/e2e/suite) under desktop VS Code, through
// @vscode/test-electron, for machines that can download VS Code (this project's CI cannot: it runs
// them in code-server, see run.mjs). The fixture workspace is copied so tests may edit it.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runTests } from '@vscode/test-electron';

const projectRoot = path.resolve(__dirname, '../../..');

async function main(): Promise<void> {
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'asl-electron-'));
  fs.cpSync(path.join(projectRoot, 'test/e2e/fixtures/workspace'), workspace, { recursive: true });
  try {
    await runTests({
      extensionDevelopmentPath: projectRoot,
      extensionTestsPath: path.join(__dirname, 'suite', 'index.js'),
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust'],
    });
  } finally {
    fs.rmSync(workspace, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  // One line: a download failure (no network to update.code.visualstudio.com) or failing tests.
  const reason = error instanceof Error ? error.message : String(error);
  console.error(`test:electron failed: ${reason.split('\n')[0]}`);
  process.exit(1);
});
