// The editor's features on state machines inside templates, through the one analysis: diagnostics at
// template positions, a rename that keeps a DefinitionString's escaping, placeholder hovers, the
// machine's analysis by `<template>#<id>`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getLanguageService } from '../../../server/src/languageService';
import { atPosition, everyMachine, formatInTemplate, rangeInMachine, templateCodeLenses } from '../../../server/src/languageService/templateFeatures';
import type { Position, Range, TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import { TextDocument } from 'vscode-languageserver-textdocument';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

const TEMPLATE = `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
  HelloFunction:
    Type: AWS::Serverless::Function
    Properties: { Handler: app.handler }
  Orders:
    Type: AWS::Serverless::StateMachine
    Properties:
      DefinitionSubstitutions:
        HelloArn: !GetAtt HelloFunction.Arn
      Definition:
        StartAt: Hello
        States:
          Hello:
            Type: Task
            Resource: \${HelloArn}
            Next: Done
          Done:
            Type: Succeed
  Escaped:
    Type: AWS::StepFunctions::StateMachine
    Properties:
      DefinitionString: "{\\"StartAt\\": \\"First\\", \\"States\\": {\\"First\\": {\\"Type\\": \\"Pass\\", \\"Next\\": \\"Nowhere\\"}}}"
`;
const URI = 'file:///w/template.yaml';
const text = (range: Range) => {
  const document = TextDocument.create(URI, 'yaml', 0, TEMPLATE);
  return TEMPLATE.slice(document.offsetAt(range.start), document.offsetAt(range.end));
};
const positionOf = (needle: string, delta = 0): Position => TextDocument.create(URI, 'yaml', 0, TEMPLATE).positionAt(TEMPLATE.indexOf(needle) + delta);

test('diagnostics of every machine, at the template text they are about', async () => {
  const template = getLanguageService().analyzeTemplate(URI, TEMPLATE)!;
  assert.deepEqual(template.machines.map((machine) => machine.uri), [`${URI}#Orders`, `${URI}#Escaped`]);
  const diagnostics = await template.diagnostics();
  assert.deepEqual(diagnostics.map((diagnostic) => [text(diagnostic.range), String(diagnostic.message).split(':')[0]]), [['\\"Nowhere\\"', 'MISSING_TRANSITION_TARGET']]);
});

test('a rename inside a DefinitionString keeps its escaping; one in a Definition touches only its names', () => {
  const service = getLanguageService();
  const template = service.analyzeTemplate(URI, TEMPLATE)!;
  const rename = (at: Position, name: string) => atPosition(template, at, null, (document, position) => service.doRename(document, position, name)) as WorkspaceEdit;
  const apply = (edit: WorkspaceEdit) => {
    const edits = [...edit.changes![URI]].sort((a: TextEdit, b: TextEdit) => TextDocument.create(URI, 'yaml', 0, TEMPLATE).offsetAt(b.range.start) - TextDocument.create(URI, 'yaml', 0, TEMPLATE).offsetAt(a.range.start));
    return TextDocument.applyEdits(TextDocument.create(URI, 'yaml', 0, TEMPLATE), edits);
  };
  const escaped = apply(rename(positionOf('\\"First\\": {', 3), 'Say "hi"'));
  const value = getLanguageService().analyzeTemplate(URI, escaped)!.machines[1].analysis.value as { StartAt: string; States: Record<string, unknown> };
  assert.equal(value.StartAt, 'Say "hi"');
  assert.deepEqual(Object.keys(value.States), ['Say "hi"']);
  const plain = apply(rename(positionOf('Done:'), 'Finished'));
  assert.equal(plain, TEMPLATE.replace('Next: Done', 'Next: Finished').replace('Done:', 'Finished:'));
});

test('a placeholder\'s hover shows its value and where it comes from; completion and hover work in the definition', () => {
  const service = getLanguageService();
  const template = service.analyzeTemplate(URI, TEMPLATE)!;
  const hover = template.hover(positionOf('${HelloArn}', 2))!;
  assert.equal(text(hover.range!), '${HelloArn}');
  assert.match((hover.contents as { value: string }).value, /arn:aws:lambda:us-east-1:123456789012:function:HelloFunction[\s\S]*DefinitionSubstitutions: Fn::GetAtt HelloFunction\.Arn/);
  const stateHover = atPosition(template, positionOf('Type: Succeed', 7), null, (document, at) => service.doHover(document, at));
  assert.ok(stateHover && text(stateHover.range!) === 'Succeed');
  const completion = atPosition(template, positionOf('Next: Done', 6), null, (document, at) => service.doComplete(document, at));
  assert.ok(completion?.items.some((item) => item.label === 'Hello'));
  assert.equal(rangeInMachine(template, { start: positionOf('HelloFunction:'), end: positionOf('HelloFunction:') }), undefined);
});

test('a code lens per machine runs, debugs or draws it by its URI; the machine analysis reports at template positions', async () => {
  const service = getLanguageService();
  const template = service.analyzeTemplate(URI, TEMPLATE)!;
  assert.deepEqual(templateCodeLenses(template).map((lens) => [text(lens.range), lens.command!.command, lens.command!.arguments]), ['Orders', 'Escaped'].flatMap((id) =>
    ['aslWorkbench.runLocally', 'aslWorkbench.debugLocally', 'aslWorkbench.previewGraph'].map((command) => [id, command, [`${URI}#${id}`]])));
  const orders = service.analyze({ uri: `${URI}#Orders`, text: TEMPLATE });
  assert.deepEqual(await orders.compiled().then((compiled) => compiled.errors), []);
  assert.equal((orders.value as { States: { Hello: { Resource: string } } }).States.Hello.Resource, 'arn:aws:lambda:us-east-1:123456789012:function:HelloFunction');
  const escaped = await service.analyze({ uri: `${URI}#Escaped`, text: TEMPLATE }).compiled();
  assert.deepEqual(escaped.errors.map((error) => text(error.range)), ['\\"Nowhere\\"']);
  const missing = await service.analyze({ uri: `${URI}#Nope`, text: TEMPLATE }).diagnostics();
  assert.deepEqual(missing.map((diagnostic) => diagnostic.message), ['The template has no state machine Nope (it has Orders, Escaped)']);
});

test('formatting touches only the definitions, keeps their margin and escaping, and never writes a placeholder\'s value', () => {
  const service = getLanguageService();
  const template = service.analyzeTemplate(URI, TEMPLATE)!;
  const edits = everyMachine(template, (document) => formatInTemplate(document, service.format(document, undefined, { tabSize: 2, insertSpaces: true })));
  const formatted = TextDocument.applyEdits(TextDocument.create(URI, 'yaml', 0, TEMPLATE), edits);
  // The YAML definition holds ${HelloArn}: reformatting it whole would write the ARN, so it stays as it is.
  assert.ok(formatted.includes('            Resource: ${HelloArn}\n'));
  assert.match(formatted, /DefinitionString: "\{\\n {2}\\"StartAt\\": \\"First\\",\\n/);
  const after = service.analyzeTemplate(URI, formatted)!;
  assert.deepEqual(after.machines.map((machine) => machine.analysis.value), template.machines.map((machine) => machine.analysis.value));
  const plain = TEMPLATE.replace('Resource: ${HelloArn}', 'Resource: arn:aws:lambda:us-east-1:123456789012:function:x').replace('Type: Succeed', 'Type:    Succeed');
  const plainTemplate = service.analyzeTemplate(URI, plain)!;
  const reformatted = TextDocument.applyEdits(TextDocument.create(URI, 'yaml', 0, plain),
    everyMachine(plainTemplate, (document) => formatInTemplate(document, service.format(document, undefined, { tabSize: 2, insertSpaces: true }))));
  assert.ok(reformatted.includes('          Done:\n            Type: Succeed\n'), 'the YAML definition keeps its margin');
  assert.ok(reformatted.startsWith(plain.slice(0, plain.indexOf('      Definition:'))), 'nothing before the definition changes');
});

test('a definition file a template names by DefinitionUri gets that template\'s values: checked with them, its placeholders hovered', async () => {
  const folder = path.resolve(__dirname, '../../../../test/fixtures/templates/step-functions-workflows-collection/wait-for-callback');
  const file = path.join(folder, 'statemachine/statemachine.asl.json');
  const text = fs.readFileSync(file, 'utf8');
  const service = getLanguageService();
  const found = service.machineOfFile(pathToFileURL(file).toString());
  assert.ok(found, 'the template beside it names it');
  assert.equal(found.machine.definition.id, 'WaitForCallbackStateMachine');
  const alone = await service.analyze({ uri: pathToFileURL(file).toString(), text }).diagnostics();
  assert.ok(alone.some((diagnostic) => String(diagnostic.message).startsWith('Template placeholder')), 'alone, its placeholders have no value');
  assert.deepEqual(await found.template.machineDiagnostics(found.machine, text), []);
  const document = TextDocument.create(pathToFileURL(file).toString(), 'asl', 0, text);
  const at = text.indexOf('${SQSQueue}');
  const hover = found.template.hover(document.positionAt(at + 3), { machine: found.machine, text })!;
  assert.equal(document.offsetAt(hover.range!.start), at);
  assert.equal((hover.contents as { value: string }).value, '`${SQSQueue}` = `https://sqs.us-east-1.amazonaws.com/123456789012/SQSQueue`\n\nfrom DefinitionSubstitutions: Ref SQSQueue (AWS::SQS::Queue), in the local account');
});

test('go to definition, references and symbols inside a template answer at the template\'s positions', () => {
  const service = getLanguageService();
  const template = service.analyzeTemplate(URI, TEMPLATE)!;
  const [target] = atPosition(template, positionOf('Next: Done', 7), [], (document, at) => service.findDefinition(document, at));
  assert.equal(target.uri, URI);
  assert.equal(text(target.range), 'Done');
  assert.equal(TextDocument.create(URI, 'yaml', 0, TEMPLATE).offsetAt(target.range.start), TEMPLATE.indexOf('Done:'));
  const references = atPosition(template, positionOf('"First\\": {', 1), [], (document, at) => service.findReferences(document, at, true));
  assert.deepEqual(references.map((reference) => [reference.uri, text(reference.range)]), [[URI, '\\"First\\"'], [URI, '\\"First\\"']]);
  const symbols = template.symbols((machine) => service.findDocumentSymbols(machine.analysis.document));
  assert.deepEqual(symbols.map((symbol) => [symbol.name, text(symbol.selectionRange), symbol.children?.map((child) => [child.name, text(child.selectionRange)])]), [
    ['Orders', 'Orders', [['Hello', 'Hello'], ['Done', 'Done']]],
    ['Escaped', 'Escaped', [['First', '\\"First\\"']]],
  ]);
});
