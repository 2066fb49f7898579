// A definition file read as the editor reads it: one language service parses and validates it for
// `validate` and `run` alike, so they accept the same files (a UTF-8 byte order mark included) and
// locate problems the same way, by line and column.
import { Diagnostic, DiagnosticSeverity } from 'vscode-languageserver-types';
import { getLanguageService } from '../languageService';
import { rangeOfPath, type AslDocument } from '../languageService/aslDocument';
import { pointerToPath } from '../core/jsonPointer';
import type { ValidationOptions } from '../core/validation';
import { checkDefinition } from '../execution/check';
import { readTextFile } from './execution';

const SEVERITY_NAMES: Record<DiagnosticSeverity, string> = {
  [DiagnosticSeverity.Error]: 'error',
  [DiagnosticSeverity.Warning]: 'warning',
  [DiagnosticSeverity.Information]: 'information',
  [DiagnosticSeverity.Hint]: 'hint',
};

export interface DefinitionFile {
  document: AslDocument;
  /** The editor's diagnostics, and AWS's size limit on a definition (execution/plan's checkDefinition). */
  diagnostics: Diagnostic[];
  /** `file:line:col` of a JSON pointer into the definition. */
  locate(pointer: string): string;
}

let service: ReturnType<typeof getLanguageService> | undefined;

/** Reads and checks a definition file; throws UsageError when it cannot be read. */
export async function checkDefinitionFile(file: string, options: ValidationOptions = {}): Promise<DefinitionFile> {
  const text = readTextFile(file, 'definition');
  service ??= getLanguageService();
  const { document, diagnostics } = await checkDefinition(service, { uri: `file://${encodeURI(file)}`, text }, options);
  return {
    document,
    diagnostics,
    locate: (pointer) => {
      const { line, character } = rangeOfPath(document, pointerToPath(pointer), 'key').start;
      return `${file}:${line + 1}:${character + 1}`;
    },
  };
}

export function isError(diagnostic: Diagnostic): boolean {
  return (diagnostic.severity ?? DiagnosticSeverity.Error) === DiagnosticSeverity.Error;
}

/** `file:line:col severity message`, as compilers print. */
export function formatDiagnostic(file: string, diagnostic: Diagnostic): string {
  const { line, character } = diagnostic.range.start;
  return `${file}:${line + 1}:${character + 1} ${SEVERITY_NAMES[diagnostic.severity ?? DiagnosticSeverity.Error]} ${diagnostic.message}\n`;
}
