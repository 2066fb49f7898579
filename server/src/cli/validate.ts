// `asl-workbench validate <file>... [--json] [--type STANDARD|EXPRESS]`: the diagnostics the
// language server shows, from the same service, printed like a compiler's or as JSON lines.
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import type { ValidationOptions } from '../core/validation';
import { analyzeDefinitionFile, analyzeTemplateFile, formatDiagnostic, isError } from './definitionFile';
import { parseMachineType, UsageError } from './execution';
import { stdout, stderr } from './output';

const USAGE = `usage: asl-workbench validate <file>... [--json] [--type STANDARD|EXPRESS]

  <file>            a state machine definition, JSON or YAML (.yaml, .yml), or a template holding
                    state machines (SAM, CloudFormation, CDK, Terraform, Serverless): every machine,
                    at the template's lines
  --json            print one line per file: {"file","diagnostics":[LSP Diagnostic]}
  --type TYPE       STANDARD (default) or EXPRESS: EXPRESS adds the rules of EXPRESS workflows
Prints file:line:col severity message per problem, then a summary line.
Exit status: 0 no error, 1 an error found (or a file unreadable), 2 usage.
`;

export async function validate(args: string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    stdout.write(USAGE);
    return 0;
  }
  const json = args.includes('--json');
  const options: ValidationOptions = {};
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--json') continue;
    if (args[i] === '--type') {
      try {
        options.machineType = parseMachineType(args[++i]);
      } catch (error) {
        return usageError((error as Error).message);
      }
    } else if (args[i].startsWith('-')) {
      return usageError(`unknown option ${args[i]}`);
    } else files.push(args[i]);
  }
  if (files.length === 0) return usageError('give at least one file');
  let failed = false;
  const counts = { errors: 0, warnings: 0 };
  for (const file of files) {
    let diagnostics;
    try {
      diagnostics = await (analyzeTemplateFile(file) ?? analyzeDefinitionFile(file, options)).diagnostics();
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      stderr.write(`asl-workbench validate: ${error.message}\n`);
      failed = true;
      continue;
    }
    for (const diagnostic of diagnostics) {
      if (isError(diagnostic)) counts.errors++;
      else if (diagnostic.severity === DiagnosticSeverity.Warning) counts.warnings++;
    }
    stdout.write(json ? `${JSON.stringify({ file, diagnostics })}\n` : diagnostics.map((diagnostic) => formatDiagnostic(file, diagnostic)).join(''));
  }
  if (!json) stdout.write(`${plural(files.length, 'file')} checked: ${plural(counts.errors, 'error')}, ${plural(counts.warnings, 'warning')}.\n`);
  return failed || counts.errors > 0 ? 1 : 0;
}

function usageError(message: string): number {
  stderr.write(`asl-workbench validate: ${message}\n\n${USAGE}`);
  return 2;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
