import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';

const root = path.resolve(__dirname, '../../../..');
const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
/** The README the package gets, as `npm run package` gives it to vsce. */
const readmePath = /--readme-path (\S+)/.exec(manifest.scripts.package)?.[1] ?? 'README.md';
const readme = readFileSync(path.join(root, readmePath), 'utf8');

describe('packaged extension', () => {
  it("has a Marketplace README of its own that starts with what the extension does, not with the developers' commands", () => {
    assert.notEqual(readmePath, 'README.md', `npm run package gives vsce a --readme-path: ${manifest.scripts.package}`);
    assert.match(readme.split('\n\n')[1], /Step Functions/);
    assert.doesNotMatch(readme, /npm (ci|start|test)/);
    // The project's README still starts with them.
    const projectReadme = readFileSync(path.join(root, 'README.md'), 'utf8');
    assert.match(/```bash\n([^`]*)```/.exec(projectReadme)![1], /^npm ci && npm start .*\nnpm test /);
  });

  it('shows only images the details page can load (https), and packages the icon', () => {
    // VS Code's details page drops any other image source (relative, data:) and shows it broken.
    const images = [...readme.matchAll(/!\[[^\]]*\]\(([^)\s]+)\)|<img[^>]*src="([^"]+)"/g)].map((match) => match[1] ?? match[2]);
    assert.deepEqual(images.filter((src) => !src.startsWith('https://')), []);
    const vsce = path.join(root, 'node_modules/@vscode/vsce/vsce');
    const files = execFileSync(process.execPath, [vsce, 'ls', '--no-dependencies', '--readme-path', readmePath], { cwd: root, encoding: 'utf8' }).split('\n');
    assert.ok(files.includes(manifest.icon), `${manifest.icon} is in the package`);
  });
});
