// Plausible local values for what a template refers to: its resources' names and ARNs in the
// local account and region (those Step Functions Local uses), and CloudFormation's pseudo parameters.

export const LOCAL_ACCOUNT = '123456789012';
export const LOCAL_REGION = 'us-east-1';

export const PSEUDO_PARAMETERS: Record<string, string> = {
  'AWS::AccountId': LOCAL_ACCOUNT,
  'AWS::Region': LOCAL_REGION,
  'AWS::Partition': 'aws',
  'AWS::URLSuffix': 'amazonaws.com',
  'AWS::StackName': 'local-stack',
  'AWS::StackId': `arn:aws:cloudformation:${LOCAL_REGION}:${LOCAL_ACCOUNT}:stack/local-stack/00000000-0000-0000-0000-000000000000`,
  'AWS::NotificationARNs': '',
};

/** What `Ref` and `Fn::GetAtt` answer for a resource of a type, named `name`. */
interface TypeValues {
  ref: (name: string) => string;
  attributes: Record<string, (name: string) => string>;
}

const arn = (service: string, resource: string) => `arn:aws:${service}:${LOCAL_REGION}:${LOCAL_ACCOUNT}:${resource}`;
const named = (name: string) => name;

const lambda: TypeValues = { ref: named, attributes: { Arn: (name) => arn('lambda', `function:${name}`) } };
const stateMachine: TypeValues = { ref: (name) => arn('states', `stateMachine:${name}`), attributes: { Arn: (name) => arn('states', `stateMachine:${name}`), Name: named } };
const table: TypeValues = { ref: named, attributes: { Arn: (name) => arn('dynamodb', `table/${name}`), StreamArn: (name) => arn('dynamodb', `table/${name}/stream/1970-01-01T00:00:00.000`) } };

const TYPES: Record<string, TypeValues> = {
  'AWS::Lambda::Function': lambda,
  'AWS::Serverless::Function': lambda,
  'AWS::Lambda::Alias': { ref: (name) => arn('lambda', `function:${name}`), attributes: {} },
  'AWS::StepFunctions::StateMachine': stateMachine,
  'AWS::Serverless::StateMachine': stateMachine,
  'AWS::StepFunctions::Activity': { ref: (name) => arn('states', `activity:${name}`), attributes: { Name: named } },
  'AWS::SQS::Queue': {
    ref: (name) => `https://sqs.${LOCAL_REGION}.amazonaws.com/${LOCAL_ACCOUNT}/${name}`,
    attributes: { Arn: (name) => arn('sqs', name), QueueName: named, QueueUrl: (name) => `https://sqs.${LOCAL_REGION}.amazonaws.com/${LOCAL_ACCOUNT}/${name}` },
  },
  'AWS::SNS::Topic': { ref: (name) => arn('sns', name), attributes: { TopicArn: (name) => arn('sns', name), TopicName: named } },
  'AWS::DynamoDB::Table': table,
  'AWS::DynamoDB::GlobalTable': table,
  'AWS::Serverless::SimpleTable': table,
  'AWS::S3::Bucket': { ref: (name) => name.toLowerCase(), attributes: { Arn: (name) => `arn:aws:s3:::${name.toLowerCase()}`, BucketName: (name) => name.toLowerCase() } },
  'AWS::Events::EventBus': { ref: named, attributes: { Arn: (name) => arn('events', `event-bus/${name}`), Name: named } },
  'AWS::Events::Rule': { ref: named, attributes: { Arn: (name) => arn('events', `rule/${name}`) } },
  'AWS::IAM::Role': { ref: named, attributes: { Arn: (name) => `arn:aws:iam::${LOCAL_ACCOUNT}:role/${name}`, RoleId: () => 'AROALOCALROLEID' } },
  'AWS::Kinesis::Stream': { ref: named, attributes: { Arn: (name) => arn('kinesis', `stream/${name}`) } },
  'AWS::Logs::LogGroup': { ref: named, attributes: { Arn: (name) => arn('logs', `log-group:${name}:*`) } },
  'AWS::SecretsManager::Secret': { ref: (name) => arn('secretsmanager', `secret:${name}`), attributes: {} },
  'AWS::ECS::Cluster': { ref: named, attributes: { Arn: (name) => arn('ecs', `cluster/${name}`) } },
  'AWS::ECS::TaskDefinition': { ref: (name) => arn('ecs', `task-definition/${name}:1`), attributes: {} },
  'AWS::Batch::JobQueue': { ref: (name) => arn('batch', `job-queue/${name}`), attributes: {} },
  'AWS::Batch::JobDefinition': { ref: (name) => arn('batch', `job-definition/${name}:1`), attributes: {} },
  'AWS::Glue::Job': { ref: named, attributes: {} },
};

/** The properties that name a resource of each kind, when the template sets them. */
const NAME_PROPERTIES = ['FunctionName', 'StateMachineName', 'Name', 'QueueName', 'TopicName', 'TableName', 'BucketName', 'RoleName', 'EventBusName', 'LogGroupName', 'ClusterName', 'JobQueueName'];

export interface LocalResource {
  logicalId: string;
  type: string;
  /** Literal string properties (a name set by an intrinsic is not known here). */
  properties: Record<string, unknown>;
}

export function localName(resource: LocalResource): string {
  for (const key of NAME_PROPERTIES) {
    const value = resource.properties[key];
    if (typeof value === 'string' && value) return value;
  }
  return resource.logicalId;
}

export function localRef(resource: LocalResource): string {
  return (TYPES[resource.type]?.ref ?? named)(localName(resource));
}

/** A resource attribute's local value; `Arn` of any type is built from the type's service. */
export function localAttribute(resource: LocalResource, attribute: string): string {
  const name = localName(resource);
  const known = TYPES[resource.type]?.attributes[attribute];
  if (known) return known(name);
  if (attribute === 'Arn') {
    const [, service = 'unknown', kind = 'resource'] = resource.type.split('::');
    return arn(service.toLowerCase(), `${kind.toLowerCase()}/${name}`);
  }
  return attribute.endsWith('Name') ? name : `${name}-${attribute}`;
}
