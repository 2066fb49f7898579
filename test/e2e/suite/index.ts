// The in-host test entry: VS Code loads this module in the extension host (extensionTestsPath)
// and calls run(). It runs every `*.test.js` in this folder in one mocha run, so a new suite is just
// a new file. activation.test.js goes first: it measures activation, which only happens once.
import * as fs from 'fs';
import * as path from 'path';
import Mocha from 'mocha';
import { report } from './results';

const FIRST = 'activation.test.js';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000 });
  const grep = process.env.E2E_GREP;
  if (grep) mocha.grep(grep);
  const files = fs.readdirSync(__dirname).filter((file) => file.endsWith('.test.js'))
    .sort((a, b) => Number(b === FIRST) - Number(a === FIRST) || a.localeCompare(b));
  for (const file of files) mocha.addFile(path.join(__dirname, file));
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => (failures ? reject(new Error(`${failures} in-host test(s) failed`)) : resolve()));
    runner.on('pass', (test) => report(`  ✔ ${test.fullTitle()} (${test.duration ?? 0} ms)`));
    runner.on('fail', (test, error) => report(`  ✖ ${test.fullTitle()}\n      ${String(error?.stack ?? error).split('\n').join('\n      ')}`));
    runner.on('end', () => report(`${runner.stats?.passes ?? 0} passed, ${runner.stats?.failures ?? 0} failed`));
  });
}
