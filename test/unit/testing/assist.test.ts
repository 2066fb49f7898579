// Editing help in test files: the state and test-case names they use, checked against the
// definition and the MockConfigFile, and completed where a name is expected.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { getLanguageService } from '../../../server/src/languageService';
import { analyzeDefinitionFile } from '../../../server/src/cli/definitionFile';
import { testFileAssist } from '../../../server/src/testing/assist';

const fixtures = path.resolve(__dirname, '../../../../test/fixtures/testing');
const service = getLanguageService();
// As the language server analyses them (testing/handlers.ts).
const analyze = (file: string, machineId?: string) => analyzeDefinitionFile(file, {}, machineId, service);
const testFile = path.join(fixtures, 'order.asl.test.json');

test('unknown state names and test cases are located, with the names there are', async () => {
  const text = JSON.stringify({ tests: { t: { testCase: 'CardStolen', mocks: { Refund: {} }, expect: { path: ['Validate', 'Nope'], states: { 'Charge card': {}, Ghost: {} } } } } }, null, 2);
  const { diagnostics } = await testFileAssist(testFile, text, undefined, analyze);
  const lines = text.split('\n');
  assert.deepEqual(diagnostics.map((d) => [lines[d.range.start.line].trim().slice(0, 12), d.message]), [
    ['"testCase": ', "The MockConfigFile has no test case 'CardStolen' (there are: CardAccepted, CardDeclined)"],
    ['"Refund": {}', "The state machine has no Task state 'Refund' (there are: Charge card)"],
    ['"Ghost": {}', "The state machine has no state 'Ghost' (there are: Validate, Charge card, Refund, Rejected, Done)"],
    ['"Nope"', "The state machine has no top-level state 'Nope' (there are: Validate, Charge card, Refund, Rejected, Done)"],
  ]);
});

test('completion offers test cases, Task states, states and top-level states where each fits', async () => {
  const at = async (text: string) => (await testFileAssist(testFile, text.replace('|', ''), text.indexOf('|'), analyze)).completions?.names;
  assert.deepEqual(await at('{"tests": {"t": {"testCase": "|"}}}'), ['CardAccepted', 'CardDeclined']);
  assert.deepEqual(await at('{"tests": {"t": {"mocks": {|}}}}'), ['Charge card']);
  assert.deepEqual(await at('{"tests": {"t": {"expect": {"states": {"C|"}}}}}'), ['Validate', 'Charge card', 'Refund', 'Rejected', 'Done']);
  assert.deepEqual(await at('{"tests": {"t": {"expect": {"path": ["Validate", |]}}}}'), ['Validate', 'Charge card', 'Refund', 'Rejected', 'Done']);
  assert.equal(await at('{"tests": {"t": {"input": "|"}}}'), undefined);
});

test('a machine inside a template (template.yaml#Id): its states, and its test cases under its id', async () => {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'asl-assist-'));
  fs.writeFileSync(path.join(folder, 'template.yaml'), `Resources:
  Other:
    Type: AWS::StepFunctions::StateMachine
    Properties:
      Definition: { StartAt: Wait, States: { Wait: { Type: Pass, End: true } } }
  Greeter:
    Type: AWS::StepFunctions::StateMachine
    Properties:
      Definition: { StartAt: Greet, States: { Greet: { Type: Task, Resource: 'arn:aws:states:::lambda:invoke', End: true } } }
`);
  fs.writeFileSync(path.join(folder, 'greeter.mock.json'), JSON.stringify({ StateMachines: { Other: { TestCases: { No: {} } }, Greeter: { TestCases: { Hi: {} } } }, MockedResponses: {} }));
  const file = path.join(folder, 'greeter.asl.test.json');
  const text = '{"stateMachine": "template.yaml#Greeter", "tests": {"t": {"testCase": "|", "mocks": {"Wait": {}}}}}';
  const assist = await testFileAssist(file, text.replace('|', ''), text.indexOf('|'), analyze);
  assert.deepEqual(assist.completions?.names, ['Hi']);
  assert.deepEqual(assist.diagnostics.map((d) => d.message), ["The MockConfigFile has no test case '' (there are: Hi)", "The state machine has no Task state 'Wait' (there are: Greet)"]);
});
