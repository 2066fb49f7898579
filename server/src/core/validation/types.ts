// What the validator reports: a place in the definition (as a path of keys and indexes),
// independent of any editor, so the CLI, the language server and the interpreter share it.
import type { DiagnosticCode } from './codes';

import type { JsonPath } from '../machineStructure';

export type { JsonPath };

export type IssueSeverity = 'error' | 'warning' | 'information';

export interface DefinitionIssue {
  path: JsonPath;
  /** Point at the key of the property at `path`, or at its value. */
  part: 'key' | 'value';
  /** A span inside a string value (offsets in the decoded string), for errors inside expressions. */
  offset?: number;
  length?: number;
  severity: IssueSeverity;
  message: string;
  code?: DiagnosticCode;
  /** What a quick fix needs (see codes.ts). */
  data?: Record<string, unknown>;
}

export type { QueryLanguage } from '../queryLanguage';

export interface ValidationOptions {
  /** The workflow type: EXPRESS machines refuse `.waitForTaskToken` and `.sync` integrations. */
  machineType?: 'STANDARD' | 'EXPRESS';
}
