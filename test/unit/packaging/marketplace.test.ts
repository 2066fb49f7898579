import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';

const root = path.resolve(__dirname, '../../../..');
const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));

/** The files `vsce ls` lists for the package, as `npm run package` makes it. */
function packagedFiles(readmePath: string): string[] {
  const vsce = path.join(root, 'node_modules/@vscode/vsce/vsce');
  return execFileSync(process.execPath, [vsce, 'ls', '--no-dependencies', '--readme-path', readmePath], { cwd: root, encoding: 'utf8' }).split('\n').filter(Boolean);
}

describe('packaged extension', () => {
  const readmePath = /--readme-path (\S+)/.exec(manifest.scripts.package)?.[1];

  it("has a Marketplace README of its own that starts with what the extension does, not with the developers' commands", () => {
    assert.ok(readmePath && readmePath !== 'README.md', `npm run package gives vsce a --readme-path other than README.md: ${manifest.scripts.package}`);
    const marketplace = readFileSync(path.join(root, readmePath), 'utf8');
    assert.match(marketplace.split('\n\n')[1], /Step Functions/);
    assert.doesNotMatch(marketplace, /npm (ci|start|test)/);
    // The project's README still starts with them.
    const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
    assert.match(/```bash\n([^`]*)```/.exec(readme)![1], /^npm ci && npm start .*\nnpm test /);
  });

  it('holds every image the Marketplace README shows, and the icon', () => {
    const marketplace = readFileSync(path.join(root, readmePath ?? 'README.md'), 'utf8');
    const images = [...marketplace.matchAll(/!\[[^\]]*\]\(([^)\s]+)\)/g)].map((match) => match[1]);
    assert.ok(images.length > 0);
    const files = packagedFiles(readmePath ?? 'README.md');
    for (const file of [...images, manifest.icon]) assert.ok(files.includes(file), `${file} is in the package`);
  });
});
