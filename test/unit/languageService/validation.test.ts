import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import { getLanguageService } from '../../../server/src/languageService';

const service = getLanguageService();

async function diagnosticsOf(text: string, languageId = 'asl'): Promise<Diagnostic[]> {
  return service.doValidation(service.parse(TextDocument.create('file:///test.asl.json', languageId, 1, text)));
}

/** The text each diagnostic covers, with its severity and the start of its message. */
function covered(text: string, diagnostics: Diagnostic[]): { text: string; severity: number | undefined; message: Diagnostic['message'] }[] {
  const document = TextDocument.create('file:///x', 'asl', 1, text);
  return diagnostics.map((diagnostic) => ({ text: document.getText(diagnostic.range), severity: diagnostic.severity, message: diagnostic.message }));
}

test('JSON syntax errors are kept, and the ASL rules wait for a document that parses', async () => {
  const diagnostics = await diagnosticsOf('{"StartAt": "A", "States": {"A": {"Type": "Pas", }}}');
  assert.deepEqual(diagnostics.map(({ message, severity, source }) => ({ message, severity, source })), [
    { message: 'Trailing comma', severity: 1, source: 'asl' },
  ]);
});

test('a JSON syntax error carries a code that names it, not the parser\'s number', async () => {
  const diagnostics = await diagnosticsOf('{"StartAt": "A"\n "States": {"A": {"Type": "Succeed"}}}\n]');
  assert.deepEqual(diagnostics.map(({ message, code }) => ({ message, code })), [
    { message: 'Expected comma', code: 'comma-expected' },
    { message: 'End of file expected.', code: 'syntax-error' },
  ]);
});

test('a diagnostic covers the key or the value it is about, with code and data carried over', async () => {
  const text = '{\n  "StartAt": "A",\n  "States": {\n    "A": { "Type": "Pass", "Coment": "B", "End": true },\n    "B": { "Type": "Succeed" }\n  }\n}';
  const diagnostics = await diagnosticsOf(text);
  assert.deepEqual(covered(text, diagnostics), [
    { text: '"Coment"', severity: 1, message: "SCHEMA_VALIDATION_FAILED: Field 'Coment' is not supported (did you mean 'Comment'?) at /States/A" },
    { text: '"B"', severity: 1, message: 'MISSING_TRANSITION_TARGET: State "B" is not reachable. at /States/B' },
  ]);
  assert.deepEqual(diagnostics[0].range, { start: { line: 3, character: 27 }, end: { line: 3, character: 35 } });
  assert.equal(diagnostics[0].code, 'unknown-field');
  assert.deepEqual(diagnostics[0].data, { state: 'A', field: 'Coment', suggestion: 'Comment' });
  assert.equal(diagnostics[1].code, 'unreachable-state');
});

test('a position inside a string counts escaped characters as the text writes them', async () => {
  const text = String.raw`{"QueryLanguage": "JSONata", "StartAt": "A", "States": {"A": {"Type": "Pass", "Output": "{% \"\u00e9\\n\" & $nope(1) %}", "End": true}}}`;
  const diagnostics = await diagnosticsOf(text);
  assert.deepEqual(covered(text, diagnostics), [{ text: '$nope', severity: 1, message: "INVALID_JSONATA_EXPRESSION: Unknown JSONata function '$nope' at /States/A/Output" }]);
});

test('unquoted template placeholders are information, not syntax errors', async () => {
  const text = '{"StartAt": "A", "States": {"A": {"Type": "Task", "Resource": ${FunctionArn}, "TimeoutSeconds": ${T}, "End": true}}}';
  const diagnostics = await diagnosticsOf(text);
  assert.deepEqual(covered(text, diagnostics), [
    { text: '${FunctionArn}', severity: 3, message: 'Template placeholder: its value is known only at deployment at /States/A/Resource' },
    { text: '${T}', severity: 3, message: 'Template placeholder: a local run needs an integer here, which only the deployment supplies at /States/A/TimeoutSeconds' },
  ]);
});

test('duplicate keys are errors at the repeated key', async () => {
  const text = '{"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}, "A": {"Type": "Succeed"}}}';
  const diagnostics = await diagnosticsOf(text);
  assert.deepEqual(covered(text, diagnostics), [{ text: '"A"', severity: 1, message: "Duplicate object key 'A': only its last value counts" }]);
  assert.deepEqual(diagnostics[0].range.start, { line: 0, character: 64 });
});

test('YAML documents get the same rules at YAML positions', async () => {
  const text = 'StartAt: A\nStates:\n  A:\n    Type: Pass\n    Parameters:\n      "x.$": "$.a["\n      y.$: $.b.\n    End: true\n    End: true\n';
  const diagnostics = await diagnosticsOf(text, 'asl-yaml');
  assert.deepEqual(covered(text, diagnostics), [
    { text: '[', severity: 1, message: "SCHEMA_VALIDATION_FAILED: Unclosed '[' in the path at /States/A/Parameters/x.$" },
    { text: '.', severity: 1, message: 'SCHEMA_VALIDATION_FAILED: A name is missing after the dot in the path at /States/A/Parameters/y.$' },
    { text: 'End', severity: 1, message: "Duplicate object key 'End': only its last value counts" },
  ]);
  assert.deepEqual(diagnostics[1].range.start, { line: 6, character: 14 });
});
