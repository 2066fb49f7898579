// The states the designer's palette inserts: each palette entry (protocol.ts) as a ready state
// object in the query language of where it lands, built from the snippets completion inserts.
import { DESIGN_PALETTE } from '../../protocol';
import type { QueryLanguage, StateType } from '../aslFields';
import { SERVICE_INTEGRATIONS, ServiceIntegration } from '../serviceIntegrations';
import { serviceTaskSnippet, stateTypeSnippet } from '../snippets';
import { TabStop } from '../textSyntax';

/** The generic AWS SDK integration: any API of any service, here S3 ListBuckets, which takes no argument. */
const AWS_SDK: ServiceIntegration = { label: 'AWS SDK call', resource: 'arn:aws:states:::aws-sdk:s3:listBuckets', doc: '', arguments: {} };

const INTEGRATION_OF: Record<string, string> = {
  LambdaInvoke: 'Lambda Invoke',
  DynamoDBGetItem: 'DynamoDB GetItem',
  DynamoDBPutItem: 'DynamoDB PutItem',
  SQSSendMessage: 'SQS SendMessage',
  SNSPublish: 'SNS Publish',
  EventBridgePutEvents: 'EventBridge PutEvents',
  StartExecution: 'Step Functions StartExecution',
};

export interface PaletteState {
  /** The name proposed for the new state (made unique by the caller). */
  name: string;
  /** The state without its transition (`Next`/`End`, a Choice's targets): the caller sets it. */
  body: Record<string, unknown>;
  /** Succeed and Fail end the flow; a Choice goes on by its rules. */
  flow: 'next' | 'terminal' | 'choice';
}

/** An EXPRESS workflow's tasks only call and go on: AWS refuses `.sync` and `.waitForTaskToken` there. */
const WAITING_PATTERN = /\.(sync(:\d+)?|waitForTaskToken)$/;

/** The state of a palette entry; `unique` makes a name unique in the definition (for the states a Parallel or Map holds). */
export function paletteState(id: string, language: QueryLanguage, unique: (name: string) => string, machineType?: 'STANDARD' | 'EXPRESS'): PaletteState | undefined {
  const entry = DESIGN_PALETTE.find((candidate) => candidate.id === id);
  if (!entry) return undefined;
  const integration = id === 'AwsSdk' ? AWS_SDK : SERVICE_INTEGRATIONS.find((candidate) => candidate.label === INTEGRATION_OF[id]);
  if (integration) {
    const body = withoutTransition(serviceTaskSnippet(integration, language));
    if (machineType === 'EXPRESS' && typeof body.Resource === 'string') body.Resource = body.Resource.replace(WAITING_PATTERN, '');
    return { name: entry.label, body, flow: 'next' };
  }
  const type = (id === 'DistributedMap' ? 'Map' : id) as StateType;
  const body = withoutTransition(placeholders(stateTypeSnippet(type, language)) as Record<string, unknown>);
  switch (type) {
    case 'Choice':
      delete body.Default;
      return { name: entry.label, body, flow: 'choice' };
    case 'Succeed':
    case 'Fail':
      return { name: entry.label, body, flow: 'terminal' };
    case 'Parallel':
      body.Branches = [machineOfOnePass(unique('Branch 1')), machineOfOnePass(unique('Branch 2'))];
      break;
    case 'Map': {
      const processor = machineOfOnePass(unique('Process item'));
      const mode = id === 'DistributedMap' ? { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' } : { Mode: 'INLINE' };
      body.ItemProcessor = { ProcessorConfig: mode, ...processor };
      return { name: id === 'DistributedMap' ? 'Distributed Map' : 'Map', body, flow: 'next' };
    }
  }
  return { name: entry.label, body, flow: 'next' };
}

/** A sub-machine with one Pass state: a new Parallel branch, a new Map processor. */
export function machineOfOnePass(name: string): Record<string, unknown> {
  return { StartAt: name, States: { [name]: { Type: 'Pass', End: true } } };
}

/** A new Choice rule going to `target`, in the query language of its state. */
export function choiceRule(language: QueryLanguage, target: string): Record<string, unknown> {
  return language === 'JSONata'
    ? { Condition: '{% $states.input.value = 1 %}', Next: target }
    : { Variable: '$.value', NumericEquals: 1, Next: target };
}

export const NEW_RETRIER = { ErrorEquals: ['States.ALL'], IntervalSeconds: 1, MaxAttempts: 3, BackoffRate: 2 };

export function newCatcher(target: string): Record<string, unknown> {
  return { ErrorEquals: ['States.ALL'], Next: target };
}

function withoutTransition(state: Record<string, unknown>): Record<string, unknown> {
  const { End: _end, Next: _next, ...rest } = state;
  return rest;
}

/** A snippet's value with each tab stop replaced by its placeholder text. */
function placeholders(value: unknown): unknown {
  if (value instanceof TabStop) return value.placeholder;
  if (Array.isArray(value)) return value.map(placeholders);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, placeholders(item)]));
  return value;
}
