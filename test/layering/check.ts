// `npm run test:layers`: fails when an import crosses a layer (./layers.ts), or when code outside the
// webview pages needs the DOM library or a webview page needs Node (one tsconfig per layer).
import * as path from 'node:path';
import { layerViolations, libraryErrors, LIBRARY_LAYERS } from './layers';

const root = path.resolve(__dirname, '../../..');
const violations = layerViolations(root);
for (const { file, imported, rule } of violations) console.error(`${file} imports ${imported}: ${rule}`);
let compiled = true;
for (const config of LIBRARY_LAYERS) {
  const errors = libraryErrors(root, config);
  for (const error of errors) console.error(error);
  if (errors.length) {
    console.error(`${config}: the layer does not compile with its own libraries`);
    compiled = false;
  }
}
if (violations.length > 0 || !compiled) process.exit(1);
console.log('layers: every import and every library stays in its layer');
