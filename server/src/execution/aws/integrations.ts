// Which real AWS call a Task resource makes in a hybrid run, and the names Step Functions gives
// that integration's errors. Plain data: the plan lists the calls before the run, the resolver
// (awsResolver.ts) makes them.

/** The services whose SDK clients the extension ships, by the name a resource uses. */
export const SHIPPED_SERVICES = ['dynamodb', 's3', 'lambda', 'sqs', 'sns', 'eventbridge', 'sfn'] as const;
export type ShippedService = typeof SHIPPED_SERVICES[number];

export interface AwsCall {
  service: ShippedService;
  /** The API action, PascalCase as the SDK's command is named (PutItem: PutItemCommand). */
  action: string;
  /**
   * optimized: a request-response optimized integration (arn:aws:states:::dynamodb:putItem), its result
   * with the HTTP metadata and its errors named by the Java SDK v1 Step Functions uses;
   * sdk: arn:aws:states:::aws-sdk:<service>:<action>; lambdaArn: a Lambda function's ARN, its result the payload.
   */
  kind: 'optimized' | 'sdk' | 'lambdaArn';
  /** The prefix of the integration's error names (DynamoDB.ConditionalCheckFailedException). */
  errorPrefix: string;
  /** The service name an optimized integration's cause gives (Service: AmazonDynamoDBv2; ...). */
  causeService: string;
  /** The error name of a service error its SDK does not model (AccessDenied...). */
  unmodeledError: string;
  /**
   * StartExecution's `.sync` (the result is the child execution's DescribeExecution, its Input and
   * Output as JSON text) and `.sync:2` (as JSON values): the Task waits for the child to end.
   */
  sync?: 'sync' | 'sync:2';
  /** `.waitForTaskToken`: the call carries the Task's token; a worker ends the Task with SendTaskSuccess or SendTaskFailure. */
  waitsForToken?: true;
}

/** The optimized request-response integrations covered, by `<service>:<action>` as the resource names them. */
const OPTIMIZED: Record<string, { service: ShippedService; errorPrefix: string; causeService: string; unmodeled: string }> = {
  dynamodb: { service: 'dynamodb', errorPrefix: 'DynamoDB', causeService: 'AmazonDynamoDBv2', unmodeled: 'AmazonDynamoDBException' },
  lambda: { service: 'lambda', errorPrefix: 'Lambda', causeService: 'AWSLambda', unmodeled: 'AWSLambdaException' },
  sqs: { service: 'sqs', errorPrefix: 'SQS', causeService: 'AmazonSQS', unmodeled: 'AmazonSQSException' },
  sns: { service: 'sns', errorPrefix: 'SNS', causeService: 'AmazonSNS', unmodeled: 'AmazonSNSException' },
  events: { service: 'eventbridge', errorPrefix: 'EventBridge', causeService: 'AmazonEventBridge', unmodeled: 'AmazonEventBridgeException' },
  states: { service: 'sfn', errorPrefix: 'StepFunctions', causeService: 'AWSStepFunctions', unmodeled: 'AWSStepFunctionsException' },
};
const OPTIMIZED_ACTIONS: Record<string, readonly string[]> = {
  dynamodb: ['getItem', 'putItem', 'updateItem', 'deleteItem', 'query'],
  lambda: ['invoke'],
  sqs: ['sendMessage'],
  sns: ['publish'],
  events: ['putEvents'],
  states: ['startExecution'],
};

/** The optimized integrations that can wait for a task token (AWS SDK integrations all can). */
const CALLBACK_SERVICES = ['lambda', 'sqs', 'sns', 'events', 'states'];

/** The integrations that can wait for the work they start (`.sync`), by `<service>:<action>`. */
const SYNC_ACTIONS = ['states:startExecution'];

/** The service names of AWS SDK integrations' errors (the Java SDK v2 client names). */
const SDK_ERROR_PREFIX: Record<ShippedService, string> = {
  dynamodb: 'DynamoDb', s3: 'S3', lambda: 'Lambda', sqs: 'Sqs', sns: 'Sns', eventbridge: 'EventBridge', sfn: 'Sfn',
};

export const pascal = (action: string) => action.charAt(0).toUpperCase() + action.slice(1);

/**
 * The call a Task resource makes, or why a hybrid run cannot make it. `answersTokens`: the run can take
 * a worker's SendTaskSuccess for a `.waitForTaskToken` Task (the local endpoint's executions can).
 */
export function awsCallOf(resource: string, answersTokens = false): AwsCall | { unsupported: string } {
  const lambdaArn = /^arn:aws[\w-]*:lambda:[\w-]+:\d{12}:function:[^:]+(:[^:]+)?$/.exec(resource);
  if (lambdaArn) {
    return { service: 'lambda', action: 'Invoke', kind: 'lambdaArn', errorPrefix: 'Lambda', causeService: 'AWSLambda', unmodeledError: 'Lambda.AWSLambdaException' };
  }
  const states = /^arn:aws[\w-]*:states:::(.+)$/.exec(resource);
  if (!states) return { unsupported: `the resource ${resource} is not a service integration a hybrid run calls (activities run locally only)` };
  const [target, pattern] = states[1].split('.', 2) as [string, string | undefined];
  const sync = pattern === 'sync' || pattern === 'sync:2' ? pattern : undefined;
  const callback = pattern === 'waitForTaskToken' && (target.startsWith('aws-sdk:') || CALLBACK_SERVICES.includes(target.split(':')[0]));
  if (callback && !answersTokens) {
    return { unsupported: 'a .waitForTaskToken Task calls AWS only where its token can be answered: runs from VS Code, executions of the local endpoint (serve --call-aws), and run --task-token-port' };
  }
  if (pattern !== undefined && !callback && !(sync && SYNC_ACTIONS.includes(target))) {
    return { unsupported: `the .${pattern} pattern of ${target} is not called on AWS from a local run yet` };
  }
  const waits: Pick<AwsCall, 'sync' | 'waitsForToken'> = { ...(sync ? { sync } : {}), ...(callback ? { waitsForToken: true as const } : {}) };
  const sdk = /^aws-sdk:([a-z0-9]+):([a-zA-Z0-9]+)$/.exec(target);
  if (sdk) {
    const [, service, action] = sdk;
    if (!(SHIPPED_SERVICES as readonly string[]).includes(service)) {
      return { unsupported: `the extension ships no SDK client for ${service} (it has: ${SHIPPED_SERVICES.join(', ')})` };
    }
    const prefix = SDK_ERROR_PREFIX[service as ShippedService];
    return { service: service as ShippedService, action: pascal(action), kind: 'sdk', errorPrefix: prefix, causeService: prefix, unmodeledError: `${prefix}.${prefix}Exception`, ...waits };
  }
  const [service, action] = target.split(':', 2);
  const optimized = OPTIMIZED[service];
  if (optimized && OPTIMIZED_ACTIONS[service].includes(action)) {
    return {
      service: optimized.service, action: pascal(action), kind: 'optimized', errorPrefix: optimized.errorPrefix,
      causeService: optimized.causeService, unmodeledError: `${optimized.errorPrefix}.${optimized.unmodeled}`, ...waits,
    };
  }
  return { unsupported: `the integration ${target} is not called on AWS from a local run yet` };
}

/** The error name Step Functions gives a service's exception: the prefix, and the code with "Exception" appended when it lacks it. */
export function awsErrorName(call: AwsCall, code: string, modeled: boolean): string {
  if (!modeled) return call.unmodeledError;
  return `${call.errorPrefix}.${code.endsWith('Exception') ? code : `${code}Exception`}`;
}

const DISPLAY_NAME: Record<ShippedService, string> = {
  dynamodb: 'DynamoDB', s3: 'S3', lambda: 'Lambda', sqs: 'SQS', sns: 'SNS', eventbridge: 'EventBridge', sfn: 'Step Functions',
};

/** How a plan describes the call: "DynamoDB PutItem". */
export function describeAwsCall(call: AwsCall): string {
  const waits = call.sync ? `, waits for the execution (.${call.sync})` : call.waitsForToken ? ', waits for its task token' : '';
  return `${DISPLAY_NAME[call.service]} ${call.action}${call.kind === 'sdk' ? ' (AWS SDK integration)' : ''}${waits}`;
}
