// A definition file read as the editor reads it: one language service parses and validates it for
// `validate` and `run` alike, so they accept the same files (a UTF-8 byte order mark included) and
// locate problems the same way, by line and column.
import { Diagnostic, DiagnosticSeverity } from 'vscode-languageserver-types';
import { getLanguageService } from '../languageService';
import type { Analysis } from '../languageService/analysis';
import type { ValidationOptions } from '../core/validation';
import { readTextFile } from './execution';

const SEVERITY_NAMES: Record<DiagnosticSeverity, string> = {
  [DiagnosticSeverity.Error]: 'error',
  [DiagnosticSeverity.Warning]: 'warning',
  [DiagnosticSeverity.Information]: 'information',
  [DiagnosticSeverity.Hint]: 'hint',
};

let service: ReturnType<typeof getLanguageService> | undefined;

/** The language service of this process's commands (made when first needed). */
export function sharedLanguageService(): ReturnType<typeof getLanguageService> {
  return service ??= getLanguageService();
}

/** Reads a definition file and analyses it as the editor does; throws UsageError when it cannot be read. */
export function analyzeDefinitionFile(file: string, options: ValidationOptions = {}): Analysis {
  const text = readTextFile(file, 'definition');
  return sharedLanguageService().analyze({ uri: `file://${encodeURI(file)}`, text }, options);
}

export function isError(diagnostic: Diagnostic): boolean {
  return (diagnostic.severity ?? DiagnosticSeverity.Error) === DiagnosticSeverity.Error;
}

/** `file:line:col severity message`, as compilers print. */
export function formatDiagnostic(file: string, diagnostic: Diagnostic): string {
  const { line, character } = diagnostic.range.start;
  return `${file}:${line + 1}:${character + 1} ${SEVERITY_NAMES[diagnostic.severity ?? DiagnosticSeverity.Error]} ${diagnostic.message}\n`;
}
