// Where the AWS-recorded conformance corpus is: `../shared/conformance/localstack` beside the repository
// (CI lays `shared/` there), or ASL_CONFORMANCE_DIR. Never an absolute path of one machine.
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** This file runs from out/test/unit/, three levels below the repository root. */
const REPOSITORY_ROOT = resolve(__dirname, '../../..');

export const CORPUS_DIR = process.env.ASL_CONFORMANCE_DIR ?? join(REPOSITORY_ROOT, '../shared/conformance/localstack');

/** The case files under `directory`, in every folder below it, sorted. */
export function caseFiles(directory: string): string[] {
  return readdirSync(directory).sort().flatMap((entry) => {
    const path = join(directory, entry);
    if (statSync(path).isDirectory()) return caseFiles(path);
    return entry.endsWith('.json') ? [path] : [];
  });
}
