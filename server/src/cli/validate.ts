// `asl-workbench validate <file>... [--json] [--type STANDARD|EXPRESS]`: the diagnostics the
// language server shows, from the same service, printed like a compiler's or as JSON lines.
import { readFile } from 'node:fs/promises';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Diagnostic, DiagnosticSeverity } from 'vscode-languageserver-types';
import { getLanguageService } from '../languageService';
import type { ValidationOptions } from '../core/validation';

const USAGE = 'usage: asl-workbench validate <file>... [--json] [--type STANDARD|EXPRESS]\n';

const SEVERITY_NAMES: Record<DiagnosticSeverity, string> = {
  [DiagnosticSeverity.Error]: 'error',
  [DiagnosticSeverity.Warning]: 'warning',
  [DiagnosticSeverity.Information]: 'information',
  [DiagnosticSeverity.Hint]: 'hint',
};

function languageIdOf(file: string): string {
  return /\.ya?ml$/i.test(file) ? 'asl-yaml' : 'asl';
}

export async function validate(args: string[]): Promise<number> {
  const json = args.includes('--json');
  const options: ValidationOptions = {};
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--json') continue;
    if (args[i] === '--type') {
      const type = args[++i]?.toUpperCase();
      if (type !== 'STANDARD' && type !== 'EXPRESS') {
        process.stderr.write(USAGE);
        return 2;
      }
      options.machineType = type;
    } else if (args[i].startsWith('--')) {
      process.stderr.write(`asl-workbench validate: unknown option ${args[i]}\n${USAGE}`);
      return 2;
    } else files.push(args[i]);
  }
  if (files.length === 0) {
    process.stderr.write(USAGE);
    return 2;
  }
  const service = getLanguageService();
  let failed = false;
  for (const file of files) {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      process.stderr.write(`asl-workbench validate: cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}\n`);
      failed = true;
      continue;
    }
    const document = service.parse(TextDocument.create(`file://${encodeURI(file)}`, languageIdOf(file), 1, text));
    const diagnostics = await service.doValidation(document, options);
    if (diagnostics.some((diagnostic) => diagnostic.severity === DiagnosticSeverity.Error)) failed = true;
    process.stdout.write(json ? `${JSON.stringify({ file, diagnostics })}\n` : diagnostics.map((diagnostic) => formatDiagnostic(file, diagnostic)).join(''));
  }
  return failed ? 1 : 0;
}

function formatDiagnostic(file: string, diagnostic: Diagnostic): string {
  const { line, character } = diagnostic.range.start;
  return `${file}:${line + 1}:${character + 1} ${SEVERITY_NAMES[diagnostic.severity ?? DiagnosticSeverity.Error]} ${diagnostic.message}\n`;
}
