// `run <definition>`: runs a state machine on the embedded interpreter and prints what the Step
// Functions console shows for an execution (or one JSON object with --json).
import * as path from 'node:path';
import type { ExecutionResult, HistoryEvent } from '../core/interpreter/index';
import { DEFAULT_HANDLER_TIMEOUT_SECONDS } from '../core/interpreter/engine';
import { compileStateMachine } from '../core/interpreter';
import { ExecutionHistory, formatDuration } from '../core/history/viewModel';
import { executionNameProblem, parseExecutionInput } from '../core/apiLimits';
import { helloWorldTemplate, templates } from '../core/templates';
import { analyzeDefinitionFile, formatDiagnostic } from './definitionFile';
import { mockSelection, parseMachineType, parseStartTime, readJsonFile, readTextFile, UsageError } from './execution';
import { resolveHandlerPaths, type HandlerMap } from '../core/interpreter/tasks/localHandlers';
import { launchFitting, launchInChildProcess, type LaunchRequest, type Machine } from '../execution/launch';
import { interpreter } from '../execution/interpreter';
import type { MockConfigFile } from '../core/interpreter/tasks/mockConfig';
import { plannedAwsCalls, unservedTasks, type PlannedAwsCall } from '../execution/plan';
import { SHIPPED_SERVICES, type ShippedService } from '../execution/aws/integrations';

const USAGE = `usage: asl-workbench run <definition | --template ID> [--input FILE | --input-json JSON] [--name NAME]
         [--mock-config FILE --test-case NAME [--state-machine NAME]] [--handlers FILE]
         [--handler-timeout SECONDS] [--objects DIR] [--no-quotas] [--real-time] [--start-time ISO] [--json]
         [--type STANDARD|EXPRESS] [--call-aws [--region R] [--endpoint-url-<service> URL]...]

  <definition>      a state machine definition, JSON or YAML (.yaml, .yml), checked as validate checks it,
                    or a template holding state machines (the one --state-machine names)
  --template ID     run a built-in template instead (${templates.map((t) => t.id).join(', ')})
  --input FILE      the execution input (JSON); --input-json gives it inline. Default: {}
  --name NAME       the execution name (AWS's rules: 1-80 characters, no whitespace, ...). Default: a UUID
  --mock-config     a MockConfigFile (AWS Step Functions Local format) serving Task results
  --test-case       the test case of the mock config to use
  --state-machine   the state machine of a template (its logical id) and of the mock config
                    (default: the only one)
  --handlers FILE   JSON mapping resources (ARN, function name or pattern with *) to JS modules
                    exporting handler(event, context), relative to the file
  --handler-timeout the real seconds a local handler may take before its task fails with
                    States.Timeout (default ${DEFAULT_HANDLER_TIMEOUT_SECONDS})
  --objects DIR     the folder standing in for S3 (ItemReader/ResultWriter): s3://b/k is DIR/b/k
  --no-quotas       lift AWS's quotas (25,000 history events, 256 KiB payloads) for local load tests
  --real-time       really wait in Wait states and between retries (default: virtual clock)
  --start-time ISO  the execution's start time ($$.Execution.StartTime), e.g. 2024-05-01T12:00:00Z;
                    the clock runs on from it (default: now)
  --json            print {"status","output","error","cause","events"} instead of the console view
  --type TYPE       STANDARD (default) or EXPRESS: checked with EXPRESS's rules (no .sync, .waitForTaskToken
                    or activities) and run as StartSyncExecution runs it (express ARN and context, 5 minutes at most)
  --call-aws        a hybrid run: the Tasks no mock or handler serves call the real service (${SHIPPED_SERVICES.join(', ')};
                    Lambda ARNs, request-response optimized integrations, aws-sdk:<service>:<action>), with
                    credentials from the AWS SDK's default chain; the states that will call AWS are listed first
  --region R        the region of those calls when the SDK's default chain gives none
  --endpoint-url-<service> URL
                    the endpoint of one service (e.g. --endpoint-url-dynamodb http://127.0.0.1:8000), as
                    AWS_ENDPOINT_URL_<SERVICE> does
The execution runs in a process of its own; Ctrl-C stops it (ABORTED).
Exit status: 0 SUCCEEDED, 1 FAILED/TIMED_OUT/ABORTED, 2 invalid definition or usage.
`;

interface Options {
  definition?: string;
  template?: string;
  input?: string;
  inputJson?: string;
  name?: string;
  mockConfig?: string;
  testCase?: string;
  stateMachine?: string;
  handlers?: string;
  handlerTimeout?: string;
  objects?: string;
  startTime?: string;
  type?: string;
  region?: string;
  noQuotas: boolean;
  realTime: boolean;
  json: boolean;
  callAws: boolean;
  endpoints: Partial<Record<ShippedService, string>>;
}

const VALUED: Record<string, keyof Options> = {
  '--template': 'template', '--input': 'input', '--input-json': 'inputJson', '--name': 'name', '--mock-config': 'mockConfig',
  '--test-case': 'testCase', '--state-machine': 'stateMachine', '--handlers': 'handlers', '--objects': 'objects',
  '--handler-timeout': 'handlerTimeout', '--start-time': 'startTime', '--type': 'type', '--region': 'region',
};

function parseArgs(args: string[]): Options {
  const options: Options = { realTime: false, json: false, noQuotas: false, callAws: false, endpoints: {} };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const endpointOf = /^--endpoint-url-(.+)$/.exec(arg)?.[1];
    if (arg === '--real-time') options.realTime = true;
    else if (arg === '--call-aws') options.callAws = true;
    else if (endpointOf !== undefined) {
      if (!(SHIPPED_SERVICES as readonly string[]).includes(endpointOf)) throw new UsageError(`no service '${endpointOf}' to call (there are: ${SHIPPED_SERVICES.join(', ')})`);
      if (i + 1 >= args.length) throw new UsageError(`${arg} needs a value`);
      options.endpoints[endpointOf as ShippedService] = args[++i];
    }
    else if (arg === '--no-quotas') options.noQuotas = true;
    else if (arg === '--json') options.json = true;
    else if (VALUED[arg]) {
      if (i + 1 >= args.length) throw new UsageError(`${arg} needs a value`);
      (options as unknown as Record<string, string>)[VALUED[arg]] = args[++i];
    } else if (arg.startsWith('--')) throw new UsageError(`unknown option ${arg}`);
    else if (options.definition === undefined) options.definition = arg;
    else throw new UsageError(`unexpected argument ${arg}`);
  }
  if (!options.definition === !options.template) throw new UsageError('give one definition file or --template');
  if (options.input !== undefined && options.inputJson !== undefined) throw new UsageError('give --input or --input-json, not both');
  if (options.testCase !== undefined && options.mockConfig === undefined) throw new UsageError('--test-case needs --mock-config');
  if (!options.callAws && (options.region !== undefined || Object.keys(options.endpoints).length)) throw new UsageError('--region and --endpoint-url-<service> need --call-aws');
  if (options.handlerTimeout !== undefined && !(Number(options.handlerTimeout) > 0)) throw new UsageError('--handler-timeout needs a positive number of seconds');
  return options;
}

// ---------------------------------------------------------------- console view

function table(rows: string[][]): string {
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  return rows.map((row) => row.map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column]))).join('  ')).join('\n');
}

function pretty(value: unknown): string {
  return JSON.stringify(value, null, 2) ?? 'null';
}

export function consoleView(result: ExecutionResult): string {
  const history = new ExecutionHistory(result.events);
  const lines = [
    `Execution status:   ${result.status}`,
    `Execution ARN:      ${result.executionArn}`,
    `Start time:         ${result.startDate}`,
    `End time:           ${result.stopDate}`,
    `Duration:           ${formatDuration(Date.parse(result.stopDate) - Date.parse(result.startDate))}`,
    `State transitions:  ${history.stateTransitions}`,
    '',
  ];
  if (result.status === 'SUCCEEDED') lines.push('Output:', pretty(result.output));
  else {
    lines.push(`Error:  ${result.error ?? '(none)'}`);
    lines.push(`Cause:  ${result.cause ?? '(none)'}`);
  }
  const rows = [['ID', 'Type', 'Step', 'Resource', 'Started After', 'Timestamp']];
  for (const row of history.rows) {
    rows.push([String(row.id), row.type, row.step || '-', row.resource || '-', formatDuration(row.startedAfterMs), row.timestamp]);
  }
  lines.push('', `Events (${result.events.length})`, table(rows));
  return lines.join('\n') + '\n';
}

/** The states a hybrid run will call AWS from, before it starts: what each calls, or why it cannot. */
export function awsCallsListing(calls: readonly PlannedAwsCall[]): string {
  if (!calls.length) return 'Hybrid run: mocks and handlers serve every Task; nothing calls AWS.\n';
  const rows = calls.map(({ state, call, unsupported, resource }) => ['  ' + state, call ?? `not called: ${unsupported}`, call ? resource : '']);
  return `Hybrid run: these Task states call AWS\n${table(rows)}\n\n`;
}

// ---------------------------------------------------------------- command

export async function run(args: string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(USAGE);
    return 0;
  }
  let options: Options;
  try {
    options = parseArgs(args);
  } catch (error) {
    process.stderr.write(`asl-workbench run: ${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  try {
    const type = options.type === undefined ? undefined : parseMachineType(options.type);
    let definition: unknown;
    let machine: Machine | undefined;
    if (options.template) {
      const template = templates.find((t) => t.id === options.template);
      if (!template) throw new UsageError(`no template '${options.template}' (there are: ${templates.map((t) => t.id).join(', ')})`);
      definition = template.definition;
      compileStateMachine(definition, { machineType: type });
    } else {
      // The editor's checks, as `validate` prints them, then the interpreter's: a definition they refuse does not run.
      const analysis = analyzeDefinitionFile(options.definition!, { machineType: type }, options.stateMachine);
      options.stateMachine ??= analysis.machineId;
      const compiled = await analysis.compiled();
      if (!('machine' in compiled)) {
        process.stderr.write(compiled.errors.map((diagnostic) => formatDiagnostic(options.definition!, diagnostic)).join(''));
        return 2;
      }
      definition = analysis.value;
      machine = compiled.machine;
    }
    // StartExecution's checks, with AWS's error codes.
    const nameProblem = options.name === undefined ? undefined : executionNameProblem(options.name);
    if (nameProblem) throw new UsageError(`${nameProblem.error}: ${nameProblem.message}`);
    const inputText = options.inputJson ?? (options.input !== undefined ? readTextFile(options.input, 'input') : '{}');
    const parsedInput = parseExecutionInput(inputText, options.noQuotas ? Infinity : undefined);
    if ('error' in parsedInput) throw new UsageError(`${parsedInput.error}: ${parsedInput.message}`);
    const input = parsedInput.value;
    const mockConfig = options.mockConfig ? (readJsonFile(options.mockConfig, 'mock config') as MockConfigFile) : undefined;
    const handlersDir = options.handlers ? path.dirname(path.resolve(options.handlers)) : undefined;
    const handlers = options.handlers ? readJsonFile(options.handlers, 'handlers file') as HandlerMap : undefined;
    const mock = mockConfig && { config: mockConfig, selection: mockSelection(mockConfig, options.stateMachine, options.testCase).selection };
    if (options.callAws) process.stderr.write(awsCallsListing(plannedAwsCalls(unservedTasks(definition, mockConfig, mock?.selection, handlers))));
    const stateMachineName = options.stateMachine ?? (options.template ? helloWorldTemplate.label.replace(/\s+/g, '') : path.basename(options.definition!).replace(/\.(asl\.)?(json|ya?ml)$/, ''));
    const result = await runContained({
      definition, input, name: options.name, stateMachineName, type, clock: options.realTime ? 'real' : 'virtual', host: 'cli',
      startTime: options.startTime === undefined ? undefined : parseStartTime(options.startTime),
      mock,
      localHandlers: handlers ? resolveHandlerPaths(handlers, handlersDir!) : undefined,
      callAws: options.callAws ? { endpoints: options.endpoints, region: options.region } : undefined,
      handlerTimeoutSeconds: options.handlerTimeout === undefined ? undefined : Number(options.handlerTimeout),
      objectsFolder: options.objects ? path.resolve(options.objects) : undefined,
      quotas: options.noQuotas ? { historyEvents: Infinity, payloadBytes: Infinity } : undefined,
    }, machine);
    if (options.json) {
      await writeJson(result);
    } else {
      process.stdout.write(consoleView(result));
    }
    return result.status === 'SUCCEEDED' ? 0 : 1;
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`asl-workbench run: ${error.message}\n`);
    return 2;
  }
}

/**
 * Runs the execution in a process of its own, so that nothing it does takes this one down or hangs
 * it, unless all its work is bounded (launch.ts, runsBounded): then here, which spares the start of a
 * second process; Ctrl-C stops it, as StopExecution does (ABORTED).
 */
async function runContained(request: LaunchRequest, machine?: Machine): Promise<ExecutionResult> {
  const events: HistoryEvent[] = [];
  let stop: (() => void) | undefined;
  let interrupted = false;
  const onInterrupt = () => {
    interrupted = true;
    stop?.();
  };
  process.on('SIGINT', onInterrupt);
  try {
    const launched = await launchFitting(interpreter, launchInChildProcess())(request, (batch) => { for (const event of batch) events.push(event); }, machine).catch((error: Error) => {
      throw new UsageError(`the execution could not start: ${error.message}`);
    });
    stop = launched.stop;
    if (interrupted) stop();
    return { ...(await launched.done).outcome, events };
  } finally {
    process.off('SIGINT', onInterrupt);
  }
}

/** Streams the JSON object event by event: one string of a 400,000-event history would double the peak memory. */
async function writeJson(result: ExecutionResult): Promise<void> {
  const { status, output, error, cause, events } = result;
  const head = JSON.stringify({ status, output, error, cause });
  let chunk = `${head.slice(0, -1)},"events":[`;
  for (let i = 0; i < events.length; i++) {
    chunk += (i ? ',' : '') + JSON.stringify(events[i]);
    if (chunk.length > 1 << 20) {
      if (!process.stdout.write(chunk)) await new Promise((resolve) => process.stdout.once('drain', resolve));
      chunk = '';
    }
  }
  process.stdout.write(chunk + ']}\n');
}
