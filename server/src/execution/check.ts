// What CreateStateMachine would say of a definition, for Run Locally and the CLI's `run` and
// `validate` alike (kept out of plan.ts: the extension host bundles that one, not the language service).
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Diagnostic, DiagnosticSeverity } from 'vscode-languageserver-types';
import { definitionSizeProblem } from '../core/apiLimits';
import type { ValidationOptions } from '../core/validation';
import { definitionLanguageId, YAML_LANGUAGE_ID, type AslLanguageService } from '../languageService';
import type { AslDocument } from '../languageService/aslDocument';
import type { SourceText } from '../protocol';

/** The editor's diagnostics (JSON and YAML alike) and AWS's limit on the definition's size. */
export async function checkDefinition(service: AslLanguageService, source: SourceText, options: ValidationOptions = {}): Promise<{ document: AslDocument; diagnostics: Diagnostic[] }> {
  const languageId = definitionLanguageId(source.uri, source.languageId);
  const yaml = languageId === YAML_LANGUAGE_ID;
  const document = service.parse(TextDocument.create(source.uri, languageId, 0, source.text));
  const diagnostics = await service.doValidation(document, options);
  // AWS measures the definition as sent: a YAML definition is sent as JSON.
  const tooLarge = definitionSizeProblem(yaml ? JSON.stringify(document.value) ?? '' : source.text);
  if (tooLarge) {
    diagnostics.unshift({ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, severity: DiagnosticSeverity.Error, source: 'asl', message: `${tooLarge.error}: ${tooLarge.message}` });
  }
  return { document, diagnostics };
}
