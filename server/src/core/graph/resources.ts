// What a Task calls, as the console names it: "Lambda Invoke" and the function name,
// "DynamoDB PutItem" and the table, "Activity" and its name.
import type { GraphBadge } from './model';
import { shortText } from './values';
import { isObject } from '../machineStructure';

const SERVICE_NAMES = new Map(Object.entries({
  lambda: 'Lambda',
  sns: 'SNS',
  sqs: 'SQS',
  dynamodb: 'DynamoDB',
  states: 'Step Functions',
  ecs: 'ECS',
  eks: 'EKS',
  glue: 'Glue',
  events: 'EventBridge',
  batch: 'Batch',
  sagemaker: 'SageMaker',
  athena: 'Athena',
  codebuild: 'CodeBuild',
  elasticmapreduce: 'EMR',
  'emr-containers': 'EMR on EKS',
  'emr-serverless': 'EMR Serverless',
  apigateway: 'API Gateway',
  http: 'HTTP',
  bedrock: 'Bedrock',
  s3: 'S3',
  secretsmanager: 'Secrets Manager',
  ssm: 'Systems Manager',
  mediaconvert: 'MediaConvert',
  databrew: 'DataBrew',
  redshiftdata: 'Redshift Data',
}));

/** Parameter names that say which resource the call acts on, most telling first. */
const TARGET_FIELDS = ['FunctionName', 'TableName', 'TopicArn', 'QueueUrl', 'StateMachineArn', 'JobName', 'Bucket', 'ApiEndpoint', 'ModelId', 'SecretId', 'Name', 'Cluster'];

const PATTERNS = new Map<string, GraphBadge>(Object.entries({
  sync: { text: 'sync', title: 'Run a job (.sync): waits for the job to complete' },
  'sync:2': { text: 'sync', title: 'Run a job (.sync:2): waits for the job to complete' },
  waitForTaskToken: { text: 'callback', title: 'Wait for callback (.waitForTaskToken)' },
}));

export function describeTask(state: Record<string, unknown>): { details: string[]; badges: GraphBadge[] } {
  const resource = state.Resource;
  if (typeof resource !== 'string') return { details: resource === undefined ? [] : [shortText(resource, 40)], badges: [] };
  const parameters = isObject(state.Arguments) ? state.Arguments : isObject(state.Parameters) ? state.Parameters : {};
  // arn:aws:states:::service:action[.pattern] and arn:aws:states:::aws-sdk:service:action
  const integration = /^arn:[^:]*:states:::(?:aws-sdk:)?([^:]+):([^.]+)(?:\.(.+))?$/.exec(resource);
  if (integration) {
    const [, service, action, pattern] = integration;
    const details = [`${serviceName(service)} ${action.charAt(0).toUpperCase()}${action.slice(1)}`];
    const target = callTarget(parameters);
    if (target) details.push(target);
    return { details, badges: [PATTERNS.get(pattern)].filter((badge) => badge !== undefined) };
  }
  const lambda = /^arn:[^:]*:lambda:[^:]*:[^:]*:function:([^:]+)/.exec(resource);
  if (lambda) return { details: ['Lambda Invoke', lambda[1]], badges: [] };
  const activity = /^arn:[^:]*:states:[^:]*:[^:]*:activity:(.+)$/.exec(resource);
  if (activity) return { details: ['Activity', activity[1]], badges: [] };
  return { details: [shortText(resource, 40)], badges: [] };
}

function serviceName(service: string): string {
  return SERVICE_NAMES.get(service) ?? service.charAt(0).toUpperCase() + service.slice(1);
}

/** The called resource's short name: the last segment of an ARN or URL; "(dynamic)" for a path or expression. */
function callTarget(parameters: Record<string, unknown>): string | undefined {
  for (const field of TARGET_FIELDS) {
    if (parameters[`${field}.$`] !== undefined) return `${field} (dynamic)`;
    const value = parameters[field];
    if (value === undefined) continue;
    if (typeof value !== 'string') return shortText(value, 40);
    if (value.startsWith('{%')) return `${field} (dynamic)`;
    const withoutVersion = value.replace(/:(\$LATEST|\d+)$/, '');
    return shortText(withoutVersion.split(/[:/]/).filter(Boolean).pop() ?? value, 40);
  }
  return undefined;
}
