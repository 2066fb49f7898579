// A definition file read as the editor reads it: one language service parses and validates it for
// `validate` and `run` alike, so they accept the same files (a UTF-8 byte order mark included) and
// locate problems the same way, by line and column.
import { Diagnostic, DiagnosticSeverity } from 'vscode-languageserver-types';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { getDefinitionService, type DefinitionService } from '../languageService/definitionService';
import type { Analysis } from '../languageService/analysis';
import { machineUri, type TemplateAnalysis } from '../languageService/templates';
import type { ValidationOptions } from '../core/validation';
import { readTextFile, UsageError } from './execution';

const SEVERITY_NAMES: Record<DiagnosticSeverity, string> = {
  [DiagnosticSeverity.Error]: 'error',
  [DiagnosticSeverity.Warning]: 'warning',
  [DiagnosticSeverity.Information]: 'information',
  [DiagnosticSeverity.Hint]: 'hint',
};

let service: DefinitionService | undefined;

/** The analysis route of this process's commands (made when first needed): the language service without the editor's features. */
export function sharedLanguageService(): DefinitionService {
  return service ??= getDefinitionService();
}

/**
 * Reads a definition file and analyses it as the editor does; throws UsageError when it cannot be read.
 * A template's machine is the one `stateMachine` names (its logical id), or its only one.
 */
export function analyzeDefinitionFile(file: string, options: ValidationOptions = {}, stateMachine?: string, service: DefinitionService = sharedLanguageService()): DefinitionFileAnalysis {
  return analyzeDefinitionText(file, readTextFile(file, 'definition'), options, stateMachine, service);
}

/** A definition file's analysis; for a template, its machine's, with the machine's id and the template's analysis. */
export type DefinitionFileAnalysis = Analysis & { machineId?: string; template?: TemplateAnalysis };

/** analyzeDefinitionFile of a text already read (the debugger's `program`). */
export function analyzeDefinitionText(file: string, text: string, options: ValidationOptions = {}, stateMachine?: string, service: DefinitionService = sharedLanguageService()): DefinitionFileAnalysis {
  const uri = fileUri(file);
  const template = service.analyzeTemplate(uri, text);
  if (!template) return service.analyze({ uri, text }, options);
  const machineId = stateMachine ?? onlyMachine(file, template);
  const ids = template.machines.map((machine) => machine.definition.id);
  // A machine the template names but whose definition cannot be read: why, rather than "no such machine".
  const unreadable = template.scan.problems.find((problem) => problem.machine === machineId);
  if (unreadable) throw new UsageError(`${file}: ${unreadable.message}`);
  if (!ids.includes(machineId)) throw new UsageError(`${file} has no state machine ${machineId}${ids.length ? ` (it has ${ids.join(', ')})` : ''}`);
  return Object.assign(service.analyze({ uri: machineUri(uri, machineId), text }, options), { machineId, template });
}

/** The template a file is, when it holds state machines (SAM, CloudFormation, CDK, Terraform, Serverless). */
export function analyzeTemplateFile(file: string): TemplateAnalysis | undefined {
  return sharedLanguageService().analyzeTemplate(fileUri(file), readTextFile(file, 'definition'));
}

function onlyMachine(file: string, template: TemplateAnalysis): string {
  const ids = template.machines.map((machine) => machine.definition.id);
  if (ids.length === 1) return ids[0];
  throw new UsageError(ids.length ? `${file} holds ${ids.length} state machines: name one with --state-machine (${ids.join(', ')})` : `${file} holds no state machine definition that can be read`);
}

function fileUri(file: string): string {
  return pathToFileURL(path.resolve(file)).toString();
}

export function isError(diagnostic: Diagnostic): boolean {
  return (diagnostic.severity ?? DiagnosticSeverity.Error) === DiagnosticSeverity.Error;
}

/** `file:line:col severity message`, as compilers print. */
export function formatDiagnostic(file: string, diagnostic: Diagnostic): string {
  const { line, character } = diagnostic.range.start;
  return `${file}:${line + 1}:${character + 1} ${SEVERITY_NAMES[diagnostic.severity ?? DiagnosticSeverity.Error]} ${diagnostic.message}\n`;
}
