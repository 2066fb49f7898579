// The real templates of test/fixtures/templates (see its README), for the tests that run on every one of them.
import * as fs from 'node:fs';
import * as path from 'node:path';

export const FIXTURES = path.resolve(__dirname, '../../../../test/fixtures/templates');
const TEMPLATE_FILE = /(^template\.ya?ml|\.template\.json|^serverless\.ya?ml|\.tf)$/;

/** The template files under `folder` (the definition files they name aside). */
export function templateFiles(folder = FIXTURES): string[] {
  return fs.readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(folder, entry.name);
    return entry.isDirectory() ? templateFiles(file) : TEMPLATE_FILE.test(entry.name) ? [file] : [];
  });
}
