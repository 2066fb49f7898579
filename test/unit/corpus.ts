// The recorded AWS conformance corpus (its README explains the case format), shared by the tests that read it.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const CONFORMANCE_DIR = process.env.ASL_CONFORMANCE_DIR ?? '/work/shared/conformance/localstack';

/** Every `.json` file under `directory`, at any depth. */
export function caseFiles(directory: string): string[] {
  return readdirSync(directory).flatMap((entry) => {
    const path = join(directory, entry);
    if (statSync(path).isDirectory()) return caseFiles(path);
    return entry.endsWith('.json') ? [path] : [];
  });
}
