// The designer on state machines inside the real templates (test/fixtures/templates): random design
// operations become edits in the template's own form (a Definition's YAML or JSON, a DefinitionString's
// escapes, the file a DefinitionUri names); each designed template's machines still validate, and the
// text outside the definition is unchanged. An edit that cannot be written there is refused with a
// message: a CDK template's definition, a placeholder's value.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'node:test';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { getLanguageService } from '../../../server/src/languageService';
import { designInTemplate } from '../../../server/src/languageService/templateFeatures';
import type { EmbeddedMachine, TemplateAnalysis } from '../../../server/src/languageService/templates';
import type { DesignOperation, DesignResult } from '../../../server/src/protocol';
import { errors, operations } from './randomOperations';
import { FIXTURES, templateFiles } from '../templates/realTemplates';

const RUNS_PER_MACHINE = 6;
const MAX_OPERATIONS = 4;

/** Files by URI as the designer leaves them: the template and the definition files it names. */
class Workspace {
  private readonly texts = new Map<string, string>();
  readonly read = (uri: string): string | undefined => this.texts.get(uri) ?? (uri.startsWith('file:') ? readIfThere(new URL(uri)) : undefined);
  text(uri: string): string {
    return this.read(uri)!;
  }
  apply(uri: string, result: Extract<DesignResult, { edit: unknown }>): void {
    const document = TextDocument.create(uri, 'text', 0, this.text(uri));
    this.texts.set(uri, TextDocument.applyEdits(document, result.edit.changes?.[uri] ?? []));
  }
}

function readIfThere(url: URL): string | undefined {
  try {
    return fs.readFileSync(url, 'utf8');
  } catch {
    return undefined;
  }
}

const service = getLanguageService();
const templates = templateFiles().map((file) => pathToFileURL(file).toString());

function machineOf(template: TemplateAnalysis, id: string): EmbeddedMachine {
  return template.machines.find((machine) => machine.definition.id === id)!;
}

/** The template's text before and after a machine's definition (all of it for a definition in a file of its own). */
function outside(text: string, machine: EmbeddedMachine): [string, string] {
  if (machine.definition.file) return [text, ''];
  const { mapped } = machine.definition;
  return [text.slice(0, mapped.startInTemplate(0)), text.slice(mapped.endInTemplate(mapped.text.length))];
}

const JSON_TEMPLATE = `{
  "Resources": {
    "Orders": {
      "Type": "AWS::StepFunctions::StateMachine",
      "Properties": {
        "Definition": {
          "StartAt": "Hello",
          "States": {
            "Hello": { "Type": "Task", "Resource": "\${HelloArn}", "Next": "Done" },
            "Done": { "Type": "Succeed" }
          }
        },
        "DefinitionSubstitutions": { "HelloArn": "arn:aws:lambda:us-east-1:123456789012:function:hello" }
      }
    },
    "Escaped": {
      "Type": "AWS::StepFunctions::StateMachine",
      "Properties": {
        "DefinitionString": "{\\"StartAt\\": \\"First\\", \\"States\\": {\\"First\\": {\\"Type\\": \\"Pass\\", \\"End\\": true}}}"
      }
    }
  }
}
`;
const JSON_URI = 'file:///w/orders.template.json';

/** One design operation on a machine of JSON_TEMPLATE: the refusal, or the template it makes. */
function designJson(id: string, operation: DesignOperation): { error: string } | { text: string } {
  const template = service.analyzeTemplate(JSON_URI, JSON_TEMPLATE)!;
  const machine = machineOf(template, id);
  const reanalyze = (text: string) => service.analyzeTemplate(JSON_URI, text);
  const result = designInTemplate(template, machine, service.designEdit(machine.analysis.document, operation), { text: JSON_TEMPLATE, reanalyze });
  if ('error' in result) return result;
  assert.ok('edit' in result);
  return { text: TextDocument.applyEdits(TextDocument.create(JSON_URI, 'json', 0, JSON_TEMPLATE), result.edit.changes![JSON_URI]) };
}

test('in a JSON template, a Pass dropped on an edge is written into the Definition object, and into a DefinitionString with its escapes', () => {
  const inObject = designJson('Orders', { kind: 'insertState', entry: 'Pass', on: { edge: { from: ['States', 'Hello'], kind: 'Next' } } });
  assert.ok('text' in inObject);
  const orders = (JSON.parse(inObject.text) as { Resources: { Orders: { Properties: { Definition: { States: Record<string, unknown> } } } } }).Resources.Orders.Properties.Definition.States;
  assert.deepEqual(orders.Pass, { Type: 'Pass', Next: 'Done' });
  assert.equal((orders.Hello as { Next: string }).Next, 'Pass');
  const inString = designJson('Escaped', { kind: 'insertState', entry: 'Pass', on: { edge: { from: ['States', 'First'], kind: 'End' } } });
  assert.ok('text' in inString);
  const definitionString = (JSON.parse(inString.text) as { Resources: { Escaped: { Properties: { DefinitionString: string } } } }).Resources.Escaped.Properties.DefinitionString;
  assert.deepEqual(JSON.parse(definitionString), { StartAt: 'First', States: { First: { Type: 'Pass', Next: 'Pass' }, Pass: { Type: 'Pass', End: true } } });
  assert.ok(inString.text.includes('\\"Next\\": \\"Pass\\"'), 'the DefinitionString keeps its escaped quotes');
  assert.equal(inString.text.split('\n').length, JSON_TEMPLATE.split('\n').length, 'the new state is written inside the one-line string (its line breaks escaped)');
});

test('in a YAML template, a Pass dropped on an edge is written at the indentation of the definition\'s states', () => {
  const uri = 'file:///w/template.yaml';
  const yaml = [
    'Resources:',
    '  Greeter:',
    '    Type: AWS::Serverless::StateMachine',
    '    Properties:',
    '      Definition:',
    '        StartAt: Greet',
    '        States:',
    '          Greet:',
    '            Type: Pass',
    '            Next: Wave',
    '          Wave:',
    '            Type: Wait',
    '            Seconds: 2',
    '            End: true',
    '',
  ].join('\n');
  const template = service.analyzeTemplate(uri, yaml)!;
  const [machine] = template.machines;
  const operation: DesignOperation = { kind: 'insertState', entry: 'Pass', on: { edge: { from: ['States', 'Greet'], kind: 'Next' } } };
  const result = designInTemplate(template, machine, service.designEdit(machine.analysis.document, operation), { text: yaml, reanalyze: (text) => service.analyzeTemplate(uri, text) });
  assert.ok('edit' in result);
  const designed = TextDocument.applyEdits(TextDocument.create(uri, 'yaml', 0, yaml), result.edit.changes![uri]);
  assert.equal(designed, yaml.replace('            Next: Wave\n', '            Next: Pass\n          Pass:\n            Type: Pass\n            Next: Wave\n'));
});

test('an edit over a placeholder is refused with the placeholder named; a CDK template is read-only', () => {
  const overPlaceholder = designJson('Orders', { kind: 'setField', state: ['States', 'Hello'], field: ['Resource'], value: 'arn:aws:lambda:us-east-1:123456789012:function:other' });
  assert.ok('error' in overPlaceholder);
  assert.match(overPlaceholder.error, /HelloArn.*change that part in the template's text/);
  const cdk = templates.find((uri) => uri.includes('cdk.out'))!;
  const template = service.analyzeTemplate(cdk, new Workspace().text(cdk))!;
  const [machine] = template.machines;
  const result = designInTemplate(template, machine, service.designEdit(machine.analysis.document, { kind: 'addRetrier', state: ['States', machine.analysis.document.states[0].name] }), { text: new Workspace().text(cdk), reanalyze: () => undefined });
  assert.ok('error' in result);
  assert.match(result.error, /read-only: the CDK synthesized this template/);
});

test('the nine real templates are there', () => {
  assert.equal(templates.length, 9);
});

for (const templateUri of templates) {
  const name = path.relative(FIXTURES, new URL(templateUri).pathname);
  test(`random design operations on the machines of ${name} write the template's own form and keep its machines valid`, async () => {
    const start = service.analyzeTemplate(templateUri, new Workspace().text(templateUri), new Workspace().read)!;
    let applied = 0;
    let refused = 0;
    for (const { definition: { id, readOnly } } of start.machines) {
      await fc.assert(fc.asyncProperty(fc.array(fc.nat(), { minLength: 1, maxLength: MAX_OPERATIONS }), async (picks) => {
        const workspace = new Workspace();
        for (const pick of picks) {
          const template = service.analyzeTemplate(templateUri, workspace.text(templateUri), workspace.read)!;
          const machine = machineOf(template, id);
          const candidates = operations(machine.analysis.document);
          const operation = candidates[pick % candidates.length];
          const designed = service.designEdit(machine.analysis.document, operation, { machineType: machine.definition.machineType });
          const reanalyze = (text: string) => service.analyzeTemplate(templateUri, text, workspace.read);
          const result = designInTemplate(template, machine, designed, { text: workspace.text(templateUri), reanalyze, fileText: workspace.read(machine.targetUri) });
          if (readOnly) assert.ok('error' in result && result.error.includes('read-only'), `${JSON.stringify(result)}: a CDK template's machine is read-only`);
          if ('error' in result) {
            refused++;
            continue;
          }
          if ('choose' in result) continue;
          assert.deepEqual(Object.keys(result.edit.changes!), [machine.targetUri], 'every edit lands in the document holding the definition');
          const before = outside(workspace.text(templateUri), machine);
          workspace.apply(machine.targetUri, result);
          const next = service.analyzeTemplate(templateUri, workspace.text(templateUri), workspace.read)!;
          const after = machineOf(next, id);
          assert.deepEqual(outside(workspace.text(templateUri), after), before, `${JSON.stringify(operation)} changed the template outside the definition`);
          assert.deepEqual(next.machines.map((other) => other.definition.id), start.machines.map((other) => other.definition.id));
          const problems = await errors(after.analysis.document, await next.machineDiagnostics(after, workspace.read(after.targetUri)));
          assert.deepEqual(problems, [], `${JSON.stringify(operation)} on ${id}:\n${after.analysis.document.textDocument.getText()}`);
          applied++;
        }
      }), { numRuns: RUNS_PER_MACHINE, seed: 18, includeErrorInReport: true });
    }
    const editable = start.machines.some((machine) => !machine.definition.readOnly);
    assert.ok(editable ? applied > 0 : refused > 0, `${applied} operations applied, ${refused} refused`);
  });
}
