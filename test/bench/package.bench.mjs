// The packaged extension: the size of the .vsix built as `npm run package` builds it, and how many
// copies of elkjs it holds (issue 16: under 1 MB, one copy). Builds the production bundles, packages
// them into a temporary folder, then builds the development bundles again (what the other benches and
// the tests run). Run after `npm run compile`: node test/bench/package.bench.mjs
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import { printRows } from './rows.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'asl-package-'));
const vsix = path.join(work, 'asl-workbench.vsix');
const vsce = path.join(root, 'node_modules/.bin/vsce');
/** A string of elkjs's own code (its layered algorithm's package), in every copy of it. */
const ELK_SIGNATURE = 'org.eclipse.elk.layered';

const run = (command, args) => execFileSync(command, args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
let files;
try {
  run(process.execPath, ['esbuild.js', '--production']);
  run(vsce, ['package', '--no-dependencies', '--no-rewrite-relative-links', '--readme-path', 'MARKETPLACE.md', '--out', vsix]);
  // The files the .vsix holds, read from the folder they were packaged from; a packed bundle (.br) as it runs.
  files = run(vsce, ['ls', '--no-dependencies']).split('\n').filter(Boolean).map((file) => {
    const bytes = fs.readFileSync(path.join(root, file));
    const text = (file.endsWith('.br') ? zlib.brotliDecompressSync(bytes) : bytes).toString('utf8');
    return { file, bytes: Buffer.byteLength(text), elk: text.includes(ELK_SIGNATURE) };
  });
} finally {
  run(process.execPath, ['esbuild.js']);
}
const size = fs.statSync(vsix).size;
fs.rmSync(work, { recursive: true, force: true });

console.log(`.vsix ${(size / 1e6).toFixed(2)} MB (${files.length} files); the largest, unpacked:`);
for (const { file, bytes } of [...files].sort((a, b) => b.bytes - a.bytes).slice(0, 8)) console.log(`  ${(bytes / 1e6).toFixed(2).padStart(6)} MB  ${file}`);
const elkCopies = files.filter(({ elk }) => elk);
console.log(`elkjs in: ${elkCopies.map(({ file }) => file).join(', ') || 'none'}`);
process.exitCode = printRows([
  ['.vsix size', `${(size / 1e6).toFixed(2)} MB`, '< 1 MB', size < 1e6],
  ['copies of elkjs in the .vsix', String(elkCopies.length), '1', elkCopies.length === 1],
]) ? 0 : 1;
