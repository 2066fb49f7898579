// Finding state machines in templates: every form of definition, placeholders with local values,
// and the character map from a definition back to the template.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scanAfterEdit, scanTemplate, type EmbeddedDefinition } from '../../../server/src/core/embedded/templates';

const ARN = 'arn:aws:lambda:us-east-1:123456789012:function:';

function only(uri: string, text: string, files: Record<string, string> = {}): EmbeddedDefinition {
  const scan = scanTemplate(uri, text, { readFile: (file) => files[file] });
  assert.ok(scan, 'a template');
  assert.deepEqual(scan.problems, []);
  assert.equal(scan.definitions.length, 1);
  return scan.definitions[0];
}

/** The template text the definition's `needle` came from. */
function origin(definition: EmbeddedDefinition, text: string, needle: string): string {
  const at = definition.mapped.text.indexOf(needle);
  assert.ok(at >= 0, `${needle} in ${definition.mapped.text}`);
  return text.slice(definition.mapped.startInTemplate(at), definition.mapped.endInTemplate(at + needle.length));
}

const SAM = `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Parameters:
  Stage: { Type: String, Default: prod }
Resources:
  HelloFunction:
    Type: AWS::Serverless::Function
    Properties: { FunctionName: hello, Handler: app.handler }
  Orders:
    Type: AWS::Serverless::StateMachine
    Properties:
      Type: EXPRESS
      DefinitionSubstitutions:
        HelloArn: !GetAtt HelloFunction.Arn
      Definition:
        StartAt: Hello
        States:
          Hello:
            Type: Task
            Resource: \${HelloArn}
            Next: Again
          Again:
            Type: Task
            Resource: !Sub '\${HelloFunction.Arn}:\${Stage}'
            End: true
`;

test('a SAM Definition in YAML: short-form tags evaluated, DefinitionSubstitutions filled, the text mapped back', () => {
  const definition = only('file:///w/template.yaml', SAM);
  assert.equal(definition.id, 'Orders');
  assert.equal(definition.language, 'yaml');
  assert.equal(definition.machineType, 'EXPRESS');
  assert.match(definition.mapped.text, new RegExp(`Resource: ${ARN}hello\\n`));
  assert.match(definition.mapped.text, new RegExp(`Resource: "${ARN}hello:prod"`));
  assert.equal(origin(definition, SAM, 'Next: Again'), 'Next: Again');
  assert.equal(origin(definition, SAM, `${ARN}hello:prod`), "!Sub '${HelloFunction.Arn}:${Stage}'");
  assert.deepEqual(definition.placeholders.map(({ name, value, origin: from }) => [name, value, from]), [
    ['${HelloArn}', `${ARN}hello`, 'DefinitionSubstitutions: Fn::GetAtt HelloFunction.Arn (AWS::Serverless::Function), in the local account'],
    ["!Sub '${HelloFunction.Arn}:${Stage}'", `${ARN}hello:prod`, 'Fn::Sub'],
  ]);
  assert.equal(definition.mapped.toDefinition(SAM.indexOf('Again:')), definition.mapped.text.indexOf('Again:'));
});

const JSON_TEMPLATE = JSON.stringify({
  Resources: {
    Fn: { Type: 'AWS::Lambda::Function', Properties: { FunctionName: 'my-fn' } },
    Joined: {
      Type: 'AWS::StepFunctions::StateMachine',
      Properties: {
        DefinitionString: { 'Fn::Join': ['', ['{"StartAt":"Say \\"hi\\"","States":{"Say \\"hi\\"":{"Type":"Task","Resource":"', { 'Fn::GetAtt': ['Fn', 'Arn'] }, '","End":true}}}']] },
      },
    },
  },
}, null, 2);

test('a DefinitionString built by Fn::Join in JSON: escapes decoded, each character mapped to its escape', () => {
  const definition = only('file:///w/cdk.out/App.template.json', JSON_TEMPLATE);
  assert.deepEqual(JSON.parse(definition.mapped.text), { StartAt: 'Say "hi"', States: { 'Say "hi"': { Type: 'Task', Resource: `${ARN}my-fn`, End: true } } });
  assert.equal(origin(definition, JSON_TEMPLATE, '"Say \\"hi\\""'), '\\"Say \\\\\\"hi\\\\\\"\\"');
  assert.match(definition.readOnly ?? '', /CDK/);
  const at = definition.mapped.text.indexOf('Say');
  const edit = definition.mapped.editInTemplate(at, at + 'Say \\"hi\\"'.length, 'Greet \\"you\\"');
  assert.ok(edit);
  const edited = JSON_TEMPLATE.slice(0, edit.start) + edit.newText + JSON_TEMPLATE.slice(edit.end);
  assert.match(only('file:///w/t.json', edited).mapped.text, /"StartAt":"Greet \\"you\\""/);
});

test('DefinitionString: !Sub of a block scalar maps line by line; an unknown Fn::Sub variable is a located error', () => {
  const text = `Resources:
  M:
    Type: AWS::StepFunctions::StateMachine
    Properties:
      DefinitionString: !Sub |
        {"StartAt": "A",
         "States": {"A": {"Type": "Pass", "Result": "\${Nowhere} \${!Literal}", "End": true}}}
`;
  const scan = scanTemplate('file:///w/t.yaml', text)!;
  const [definition] = scan.definitions;
  assert.deepEqual(JSON.parse(definition.mapped.text).States.A.Result, '${Nowhere} ${Literal}');
  assert.equal(origin(definition, text, '"States"'), '"States"');
  assert.deepEqual(definition.problems.map(({ message, severity, start, end }) => [severity, message, text.slice(start, end)]), [
    ['error', 'Fn::Sub: unknown variable ${Nowhere}: not a Fn::Sub variable, parameter or resource of the template', '${Nowhere}'],
  ]);
});

test('an unknown placeholder is a warning naming it; an intrinsic that cannot be evaluated, an error where it is', () => {
  const text = `Resources:
  M:
    Type: AWS::StepFunctions::StateMachine
    Properties:
      Definition:
        StartAt: A
        States:
          A: { Type: Task, Resource: "\${Missing}", Next: B }
          B: { Type: Task, Resource: !ImportValue shared-fn, End: true }
`;
  const [definition] = scanTemplate('file:///w/t.yaml', text)!.definitions;
  assert.deepEqual(definition.problems.map(({ message, severity, start, end }) => [severity, message, text.slice(start, end)]), [
    ['warning', "Unknown placeholder ${Missing}: DefinitionSubstitutions does not give it (nor the workspace's values file)", '${Missing}'],
    ['error', "Fn::ImportValue cannot be evaluated locally: give the value in the workspace's values file", '!ImportValue shared-fn'],
  ]);
});

test('the values file wins over the template, and names a value the template cannot give', () => {
  const text = 'Resources:\n  M:\n    Type: AWS::StepFunctions::StateMachine\n    Properties:\n      DefinitionSubstitutions: { Fn: !ImportValue shared }\n      DefinitionString: \'{"StartAt":"A","States":{"A":{"Type":"Task","Resource":"${Fn}","End":true}}}\'\n';
  const scan = scanTemplate('file:///w/t.yaml', text, { values: { Fn: `${ARN}shared` } })!;
  assert.equal(JSON.parse(scan.definitions[0].mapped.text).States.A.Resource, `${ARN}shared`);
  assert.deepEqual(scan.definitions[0].problems, []);
});

test('DefinitionUri reads the local file, with the template\'s substitutions; a machine without a definition is named', () => {
  const text = `Resources:
  FromFile:
    Type: AWS::Serverless::StateMachine
    Properties:
      DefinitionUri: statemachine/flow.asl.json
      DefinitionSubstitutions: { Arn: arn:aws:sqs:us-east-1:123456789012:q }
  Nothing:
    Type: AWS::Serverless::StateMachine
    Properties: {}
  InS3:
    Type: AWS::Serverless::StateMachine
    Properties:
      DefinitionUri: s3://bucket/key.json
`;
  const scan = scanTemplate('file:///w/template.yaml', text, { readFile: (file) => file === 'statemachine/flow.asl.json' ? '{"Comment": "${Arn}"}' : undefined })!;
  assert.equal(scan.definitions[0].mapped.text, '{"Comment": "arn:aws:sqs:us-east-1:123456789012:q"}');
  assert.equal(scan.definitions[0].file?.path, 'statemachine/flow.asl.json');
  assert.deepEqual(scan.problems.map(({ message, start, end }) => [message, text.slice(start, end)]), [
    ['No definition found for Nothing: give it Definition, DefinitionString, DefinitionUri or DefinitionS3Location', 'Nothing'],
    ['The definition of InS3 is in S3 (s3://bucket/key.json): give a local file as DefinitionUri to work on it here', 'InS3'],
  ]);
});

const TERRAFORM = `variable "stage" {
  default = "dev"
}
resource "aws_lambda_function" "hello" {
  function_name = "hello-fn"
}
resource "aws_sfn_state_machine" "machine" {
  name = "m"
  # HCL's object syntax: bare keys, =, no commas
  definition = jsonencode({
    Comment = "stage \${var.stage} \\"quoted\\""
    StartAt = "Hello"
    States = {
      Hello = {
        Type     = "Task"
        Resource = aws_lambda_function.hello.arn
        End      = true
      }
    }
  })
}
resource "aws_sfn_state_machine" "heredoc" {
  definition = <<-EOF
    {"StartAt": "A", "States": {"A": {"Type": "Task", "Resource": "\${aws_lambda_function.hello.arn}", "End": true}}}
  EOF
}
resource "aws_sfn_state_machine" "file" {
  definition = templatefile("\${path.module}/flow.asl.json", { fn = aws_lambda_function.hello.arn })
}
`;

test('Terraform: jsonencode of HCL, a heredoc and templatefile, references given local values', () => {
  const scan = scanTemplate('file:///w/main.tf', TERRAFORM, { readFile: (file) => file === 'flow.asl.json' ? '{"Comment": "${fn}"}' : undefined })!;
  assert.equal(scan.kind, 'terraform');
  assert.deepEqual(scan.definitions.map((definition) => [definition.id, JSON.parse(definition.mapped.text)]), [
    ['machine', { Comment: 'stage dev "quoted"', StartAt: 'Hello', States: { Hello: { Type: 'Task', Resource: `${ARN}hello-fn`, End: true } } }],
    ['heredoc', { StartAt: 'A', States: { A: { Type: 'Task', Resource: `${ARN}hello-fn`, End: true } } }],
    ['file', { Comment: `${ARN}hello-fn` }],
  ]);
  const [machine] = scan.definitions;
  assert.equal(origin(machine, TERRAFORM, '"Hello":{'), 'Hello = {');
  assert.equal(origin(machine, TERRAFORM, '\\"quoted\\"'), '\\"quoted\\"');
});

test('Serverless Framework: stepFunctions.stateMachines, with its variables and its functions\' ARNs', () => {
  const text = `service: shop
functions:
  hello:
    handler: handler.hello
stepFunctions:
  stateMachines:
    checkout:
      definition:
        StartAt: A
        States:
          A:
            Type: Task
            Resource:
              Fn::GetAtt: [hello, Arn]
            Next: B
          B:
            Type: Task
            Resource: arn:aws:lambda:\${aws:region}:#{AWS::AccountId}:function:\${self:service}-\${opt:stage, 'dev'}-hello
            End: true
`;
  const definition = only('file:///w/serverless.yml', text);
  assert.equal(definition.id, 'checkout');
  const states = (definition.mapped.text.match(/arn:aws:lambda:[^\s"]+/g) ?? []);
  assert.deepEqual(states, [`${ARN}shop-dev-hello`, `${ARN}shop-dev-hello`]);
});

test('ordinary YAML and JSON, and templates without a state machine, are not templates', () => {
  assert.equal(scanTemplate('file:///w/config.yaml', 'name: x\nitems: [1, 2]\n'), undefined);
  assert.equal(scanTemplate('file:///w/package.json', '{"name": "x"}'), undefined);
  assert.equal(scanTemplate('file:///w/template.yaml', 'Resources:\n  Q:\n    Type: AWS::SQS::Queue\n'), undefined);
  assert.equal(scanTemplate('file:///w/main.tf', 'resource "aws_sqs_queue" "q" {\n}\n'), undefined);
});

test('typing inside a definition edits its text in place, as a new scan reads it; a line break reads the template again', () => {
  const before = scanTemplate('file:///w/template.yaml', SAM)!;
  const typed = SAM.replace('Next: Again', 'Next: Againn');
  const after = scanAfterEdit(before, SAM, typed);
  assert.ok(after, 'the edit is inside the definition');
  const fresh = scanTemplate('file:///w/template.yaml', typed)!;
  const [incremental, full] = [after.definitions[0], fresh.definitions[0]];
  assert.equal(incremental.mapped.text, full.mapped.text);
  for (let offset = 0; offset <= full.mapped.text.length; offset++) {
    assert.equal(incremental.mapped.startInTemplate(offset), full.mapped.startInTemplate(offset));
    assert.equal(incremental.mapped.endInTemplate(offset), full.mapped.endInTemplate(offset));
  }
  assert.deepEqual(incremental.placeholders, full.placeholders);
  assert.equal(scanAfterEdit(before, SAM, SAM.replace('Next: Again', 'Next: Again\n        Comment: x')), undefined);
  assert.equal(scanAfterEdit(before, SAM, SAM.replace('Resource: ${HelloArn}', 'Resource: ${HelloArm}')), undefined);
  assert.equal(scanAfterEdit(before, SAM, SAM.replace('Handler: app.handler', 'Handler: app.handlers')), undefined);
});
