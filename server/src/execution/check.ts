// What CreateStateMachine would say of a definition, for Run Locally and the CLI's `run` and
// `validate` alike (kept out of plan.ts: the extension host bundles that one, not the language service).
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Diagnostic, DiagnosticSeverity } from 'vscode-languageserver-types';
import { definitionSizeProblem } from '../core/apiLimits';
import type { ValidationOptions } from '../core/validation';
import { YAML_LANGUAGE_ID, type AslLanguageService } from '../languageService';
import type { AslDocument } from '../languageService/aslDocument';
import { isYamlDefinition } from './plan';

/** The editor's diagnostics (JSON and YAML alike) and AWS's limit on the definition's size. */
export async function checkDefinition(service: AslLanguageService, uri: string, text: string, options: ValidationOptions = {}): Promise<{ document: AslDocument; diagnostics: Diagnostic[] }> {
  const yaml = isYamlDefinition(uri);
  const document = service.parse(TextDocument.create(uri, yaml ? YAML_LANGUAGE_ID : 'asl', 0, text));
  const diagnostics = await service.doValidation(document, options);
  // AWS measures the definition as sent: a YAML definition is sent as JSON.
  const tooLarge = definitionSizeProblem(yaml ? JSON.stringify(document.value) ?? '' : text);
  if (tooLarge) {
    diagnostics.unshift({ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, severity: DiagnosticSeverity.Error, source: 'asl', message: `${tooLarge.error}: ${tooLarge.message}` });
  }
  return { document, diagnostics };
}
