// The packaged extension: the size of the .vsix built as `npm run package` builds it, its largest files,
// and how many copies of elkjs it holds (issue 16: under 1 MB, one copy). Builds the production bundles,
// packages them into a temporary folder, then builds the development bundles again (what the other
// benches and the tests run). Run after `npm run compile`: node test/bench/package.bench.mjs
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
try {
  run(process.execPath, ['esbuild.js', '--production']);
  run(vsce, ['package', '--no-dependencies', '--no-rewrite-relative-links', '--readme-path', 'MARKETPLACE.md', '--out', vsix]);
} finally {
  run(process.execPath, ['esbuild.js']);
}
const size = fs.statSync(vsix).size;
// The files the .vsix holds, each as it holds it (compressed) and as it runs (a packed bundle, .br, unpacked).
const files = zipEntries(vsix).map(({ name, held, content }) => {
  const text = (name.endsWith('.br') ? zlib.brotliDecompressSync(content) : content).toString('utf8');
  return { file: name, held, bytes: Buffer.byteLength(text), elk: text.includes(ELK_SIGNATURE) };
});
fs.rmSync(work, { recursive: true, force: true });

const kb = (bytes) => `${(bytes / 1e3).toFixed(0).padStart(5)} KB`;
console.log(`.vsix ${(size / 1e6).toFixed(3)} MB (${files.length} files); the largest, as it holds them and unpacked:`);
for (const { file, held, bytes } of [...files].sort((a, b) => b.held - a.held).slice(0, 8)) console.log(`  ${kb(held)} ${kb(bytes)}  ${file}`);
const elkCopies = files.filter(({ elk }) => elk);
console.log(`elkjs in: ${elkCopies.map(({ file }) => file).join(', ') || 'none'}`);
process.exitCode = printRows([
  ['.vsix size', `${(size / 1e6).toFixed(3)} MB`, '< 1 MB', size < 1e6],
  ['copies of elkjs in the .vsix', String(elkCopies.length), '1', elkCopies.length === 1],
]) ? 0 : 1;

/** The entries of a zip file (the .vsix) from its central directory: name, size as held, content. */
function zipEntries(file) {
  const zip = fs.readFileSync(file);
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const entries = [];
  for (let i = 0, at = zip.readUInt32LE(end + 16); i < zip.readUInt16LE(end + 10); i++) {
    const held = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const local = zip.readUInt32LE(at + 42);
    const dataAt = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const data = zip.subarray(dataAt, dataAt + held);
    // Method 8 is deflate; 0, stored.
    entries.push({ name: zip.toString('utf8', at + 46, at + 46 + nameLength), held, content: zip.readUInt16LE(at + 10) === 8 ? zlib.inflateRawSync(data) : data });
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return entries;
}
