// Real templates from AWS's public sample repositories (test/fixtures/templates, see its README):
// every state machine in them validates with no false error, draws, and runs with mocked tasks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { getLanguageService } from '../../../server/src/languageService';
import { templateCodeLenses } from '../../../server/src/languageService/templateFeatures';
import { compileStateMachine, type TaskResolver } from '../../../server/src/core/interpreter/index';
import { FIXTURES, templateFiles } from './realTemplates';


/** Every Task answers as a Lambda invoke does, with an HTTP 200 and its input as the payload. */
const echo: TaskResolver = { resolve: ({ input }) => ({ result: { StatusCode: 200, Payload: input, ...(input && typeof input === 'object' ? input : {}) } }) };

/** One input with the fields the samples read (their README's example inputs). */
const INPUT = { message: 'hello', IsHelloWorldExample: true, requestDescription: 'a quote', quoteProviders: ['arn:aws:lambda:us-east-1:123456789012:function:QuoteResponder_1'] };

/** Machine -> how its run with echoed tasks ends. */
const EXPECTED: Record<string, string> = {
  'serverless-patterns/lambda-sfn-sls/serverless.yml#helloWorld': 'SUCCEEDED',
  'serverless-patterns/sfn-comprehend-terraform/main.tf#detect_sentiment_state_machine': 'SUCCEEDED',
  'serverless-patterns/sfn-sns-tf/main.tf#state_machine_to_sns': 'SUCCEEDED',
  'serverless-patterns/sfn-sqs/template.yaml#StateMachinetoSQS': 'SUCCEEDED',
  'serverless-patterns/sfn-tasktoken-lambda/main.tf#state_machine': 'SUCCEEDED',
  'step-functions-workflows-collection/call-microservice-apigw/template.yml#ApiGatewayECSStateMachine': 'SUCCEEDED',
  'step-functions-workflows-collection/saga-pattern-sam/template.yaml#StateMachine': 'SUCCEEDED',
  'step-functions-workflows-collection/scatter-gather/cdk.out/ScatterGatherStack.template.json#StateMachine2E01A3A5': 'SUCCEEDED',
  'step-functions-workflows-collection/wait-for-callback/template.yaml#WaitForCallbackStateMachine': 'SUCCEEDED',
};

test('every machine of the real templates validates without error, draws and runs with mocked tasks', async () => {
  const service = getLanguageService();
  const seen: Record<string, string> = {};
  for (const file of templateFiles()) {
    const uri = pathToFileURL(file).toString();
    const text = fs.readFileSync(file, 'utf8');
    const template = service.analyzeTemplate(uri, text);
    assert.ok(template, `${file} holds a state machine`);
    const diagnostics = await template.diagnostics();
    assert.deepEqual(diagnostics.filter((diagnostic) => diagnostic.severity !== DiagnosticSeverity.Information).map((diagnostic) => diagnostic.message), [], file);
    for (const machine of template.machines) {
      const name = `${path.relative(FIXTURES, file)}#${machine.definition.id}`;
      const analysis = service.analyze({ uri: machine.uri, text });
      assert.deepEqual((await analysis.compiled()).errors, [], name);
      const graph = service.getGraphModel(analysis.document, []);
      assert.equal(graph.problem, undefined, name);
      assert.ok(graph.root.nodes.filter((node) => node.kind === 'state').length >= 1, `${name} draws its states`);
      const result = await compileStateMachine(analysis.value).start({ input: INPUT, taskResolvers: [echo], startTime: Date.UTC(2024, 0, 1) }).done;
      seen[name] = result.status === "FAILED" ? `FAILED ${result.error}: ${result.cause}` : result.status;
    }
  }
  assert.deepEqual(seen, EXPECTED);
  // The CDK's output says where its machine comes from.
  const cdk = path.join(FIXTURES, 'step-functions-workflows-collection/scatter-gather/cdk.out/ScatterGatherStack.template.json');
  const lenses = templateCodeLenses(service.analyzeTemplate(pathToFileURL(cdk).toString(), fs.readFileSync(cdk, 'utf8'))!);
  assert.deepEqual(lenses.map((lens) => lens.command!.title).slice(1),
    ['$(debug-alt) Debug', '$(type-hierarchy) Preview graph', '$(lock) Read-only: the CDK synthesized this template from ScatterGatherStack/StateMachine/Resource: edit the CDK app and synthesize again']);
});
