// `run <definition>`: runs a state machine on the embedded interpreter and prints what the Step
// Functions console shows for an execution (or one JSON object with --json).
import type * as http from 'node:http';
import * as path from 'node:path';
import type { ExecutionResult, HistoryEvent } from '../core/interpreter/index';
import { DEFAULT_HANDLER_TIMEOUT_SECONDS } from '../core/interpreter/engine';
import { compileStateMachine } from '../core/interpreter';
import { ExecutionHistory, formatDuration } from '../core/history/viewModel';
import { executionNameProblem, parseExecutionInput } from '../core/apiLimits';
import { helloWorldTemplate, templates } from '../core/templates';
import { analyzeDefinitionFile, formatDiagnostic } from './definitionFile';
import { callAwsOf, mockSelection, parseMachineType, parseStartTime, readJsonFile, readTextFile, takeHybridArg, UsageError, type HybridArgs } from './execution';
import { resolveHandlerPaths, type HandlerMap } from '../core/interpreter/tasks/localHandlers';
import { launchFitting, launchInChildProcess, type Finished, type Launched, type Launcher, type LaunchRequest, type Lost, type Machine } from '../execution/launch';
import { interpreter } from '../execution/interpreter';
import { ForwardedTaskTokens } from '../execution/aws/taskTokens';
import { taskTokenActions } from '../apiServer/workers';
import type { launchRemote } from '../execution/remote/remoteRun';
import { takeTargetOptions } from './targetOptions';
import type { RunTarget, WaitingTaskToken } from '../protocol';
import type { MockConfigFile } from '../core/interpreter/tasks/mockConfig';
import { plannedAwsCalls, unservedTasks } from '../execution/plan';
import type { PlannedAwsCall } from '../protocol';
import { SHIPPED_SERVICES } from '../execution/aws/integrations';
import { stdout, stderr, type Output } from './output';

const USAGE = `usage: asl-workbench run <definition | --template ID> [--input FILE | --input-json JSON] [--name NAME]
         [--mock-config FILE --test-case NAME [--state-machine NAME]] [--handlers FILE]
         [--handler-timeout SECONDS] [--objects DIR] [--no-quotas] [--real-time] [--start-time ISO] [--json]
         [--type STANDARD|EXPRESS] [--call-aws [--region R] [--endpoint-url-<service> URL]... [--task-token-port PORT]]
         [--target local|aws|endpoint [--profile NAME] [--region R] [--endpoint-url URL]]

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
  --json            print {"events","status","output","error","cause"} instead of the console view, each
                    event as it is recorded
  --type TYPE       STANDARD (default) or EXPRESS: checked with EXPRESS's rules (no .sync, .waitForTaskToken
                    or activities) and run as StartSyncExecution runs it (express ARN and context, 5 minutes at most)
  --call-aws        a hybrid run: the Tasks no mock or handler serves call the real service (${SHIPPED_SERVICES.join(', ')};
                    Lambda ARNs, request-response optimized integrations, StartExecution .sync and .sync:2,
                    aws-sdk:<service>:<action>), with credentials from the AWS SDK's default chain, and a
                    Distributed Map reads and writes S3; the states that will call AWS are listed first
  --region R        the region of those calls when the SDK's default chain gives none
  --endpoint-url-<service> URL
                    the endpoint of one service (e.g. --endpoint-url-dynamodb http://127.0.0.1:8000), as
                    AWS_ENDPOINT_URL_<SERVICE> does
  --task-token-port PORT
                    call .waitForTaskToken Tasks too: each waiting token is printed, and your worker answers
                    it with SendTaskSuccess, SendTaskFailure or SendTaskHeartbeat sent to this port on
                    127.0.0.1 (aws stepfunctions --endpoint-url http://127.0.0.1:PORT ...; 0: any free port)
  --target T        where the execution runs: local (default, the embedded interpreter), aws (the state
                    machine published under the file's name, in --profile's account and --region, credentials
                    from the AWS SDK's default chain) or endpoint (--endpoint-url: the local endpoint of
                    \`serve\`, LocalStack; the state machine is created or updated there). Followed to its end
                    and printed as a local run; Ctrl-C stops it (StopExecution)
The execution runs in a process of its own; Ctrl-C stops it (ABORTED).
Exit status: 0 SUCCEEDED, 1 FAILED/TIMED_OUT/ABORTED (or a remote execution lost from sight), 2 invalid definition or usage.
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
  taskTokenPort?: string;
  target?: RunTarget;
  noQuotas: boolean;
  realTime: boolean;
  json: boolean;
  hybrid: HybridArgs;
}

const VALUED: Record<string, keyof Options> = {
  '--template': 'template', '--input': 'input', '--input-json': 'inputJson', '--name': 'name', '--mock-config': 'mockConfig',
  '--test-case': 'testCase', '--state-machine': 'stateMachine', '--handlers': 'handlers', '--objects': 'objects',
  '--handler-timeout': 'handlerTimeout', '--start-time': 'startTime', '--type': 'type', '--task-token-port': 'taskTokenPort',
};

function parseArgs(words: string[]): Options {
  // --region is the target's with a --target (or its --profile, --endpoint-url), else a hybrid run's.
  const targeted = words.some((word) => ['--target', '--profile', '--endpoint-url'].includes(word));
  const { target, rest: args } = targeted ? takeTargetOptions(words, ['local', 'aws', 'endpoint']) : { target: undefined, rest: words };
  const options: Options = { realTime: false, json: false, noQuotas: false, hybrid: { callAws: false, endpoints: {} }, target };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const hybridEnd = takeHybridArg(args, i, options.hybrid);
    if (hybridEnd !== undefined) i = hybridEnd;
    else if (arg === '--real-time') options.realTime = true;
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
  const remote = options.target !== undefined && options.target.kind !== 'local';
  if (remote && (options.mockConfig || options.handlers || options.hybrid.callAws || options.objects)) {
    throw new UsageError('--mock-config, --handlers, --call-aws and --objects serve a local run; a remote --target runs on the target\'s services');
  }
  callAwsOf(options.hybrid);
  if (options.taskTokenPort !== undefined && !options.hybrid.callAws) throw new UsageError('--task-token-port needs --call-aws');
  if (options.taskTokenPort !== undefined && !/^\d+$/.test(options.taskTokenPort)) throw new UsageError('--task-token-port needs a port number (0: any free port)');
  if (options.handlerTimeout !== undefined && !(Number(options.handlerTimeout) > 0)) throw new UsageError('--handler-timeout needs a positive number of seconds');
  return options;
}

// ---------------------------------------------------------------- console view

function table(rows: string[][]): string {
  // Not Math.max(...column): a 400,000-event history would overflow the stack with as many arguments.
  const widths = rows[0].map((_, column) => rows.reduce((width, row) => Math.max(width, row[column].length), 0));
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
  return `Hybrid run: these states call AWS\n${table(rows)}\n\n`;
}

// ---------------------------------------------------------------- command

export async function run(args: string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    stdout.write(USAGE);
    return 0;
  }
  let options: Options;
  try {
    options = parseArgs(args);
  } catch (error) {
    stderr.write(`asl-workbench run: ${(error as Error).message}\n\n${USAGE}`);
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
        stderr.write(compiled.errors.map((diagnostic) => formatDiagnostic(options.definition!, diagnostic)).join(''));
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
    const callAws = callAwsOf(options.hybrid);
    const answersTaskTokens = options.taskTokenPort !== undefined;
    if (callAws) stderr.write(awsCallsListing(plannedAwsCalls(definition, unservedTasks(definition, mockConfig, mock?.selection, handlers), answersTaskTokens)));
    const stateMachineName = options.stateMachine ?? (options.template ? helloWorldTemplate.label.replace(/\s+/g, '') : path.basename(options.definition!).replace(/\.(asl\.)?(json|ya?ml)$/, ''));
    const target = options.target ?? { kind: 'local' };
    // --json prints each event as it comes: a long run's history is never held here (see JsonPrinter).
    const printer = options.json ? new JsonPrinter(stdout) : undefined;
    const contained = launchInChildProcess(undefined, undefined, printer && ((json) => printer.eventsText(json)));
    // What only a remote run needs is loaded when asked for: a local run starts sooner without it.
    const launcher = target.kind === 'local' ? launchFitting(interpreter, contained) : (await import('../execution/remote/remoteRun.js')).launchRemote(target);
    const tokenPort = answersTaskTokens ? await TaskTokenPort.open(Number(options.taskTokenPort)) : undefined;
    const result = await runContained(launcher, tokenPort, printer, {
      definition, input, name: options.name, stateMachineName, type, clock: options.realTime ? 'real' : 'virtual', host: 'cli',
      startTime: options.startTime === undefined ? undefined : parseStartTime(options.startTime),
      mock,
      localHandlers: handlers ? resolveHandlerPaths(handlers, handlersDir!) : undefined,
      callAws, answersTaskTokens,
      handlerTimeoutSeconds: options.handlerTimeout === undefined ? undefined : Number(options.handlerTimeout),
      objectsFolder: options.objects ? path.resolve(options.objects) : undefined,
      quotas: options.noQuotas ? { historyEvents: Infinity, payloadBytes: Infinity } : undefined,
    }, machine);
    if (printer) await printer.end(result);
    else stdout.write(consoleView(result));
    return result.status === 'SUCCEEDED' ? 0 : 1;
  } catch (error) {
    if (error instanceof ExecutionLost) {
      await error.printer?.end();
      stderr.write(`asl-workbench run: ${error.message}\n`);
      return 1;
    }
    if (!(error instanceof UsageError)) throw error;
    stderr.write(`asl-workbench run: ${error.message}\n`);
    return 2;
  }
}

/** Following a remote execution stopped before it ended; the events printed so far are closed with no status (it is unknown). */
class ExecutionLost extends Error {
  constructor(message: string, readonly printer: JsonPrinter | undefined) { super(message); }
}

/**
 * Runs the execution in a process of its own, so that nothing it does takes this one down or hangs
 * it, unless all its work is bounded (launch.ts, runsBounded): then here, which spares the start of a
 * second process; or on a remote target, following it there. Ctrl-C stops it, as StopExecution does (ABORTED).
 */
async function runContained(
  launch: Launcher | ReturnType<typeof launchRemote>, tokenPort: TaskTokenPort | undefined, printer: JsonPrinter | undefined, request: LaunchRequest, machine?: Machine,
): Promise<ExecutionResult> {
  // Kept for the console view only: --json has printed them.
  const events: HistoryEvent[] = [];
  const onEvents = printer ? (batch: HistoryEvent[]) => printer.events(batch) : (batch: HistoryEvent[]) => { for (const event of batch) events.push(event); };
  let stop: (() => void) | undefined;
  let interrupted = false;
  const onInterrupt = () => {
    interrupted = true;
    stop?.();
  };
  process.on('SIGINT', onInterrupt);
  try {
    const launched: Launched<Finished | Lost> = await launch(request, onEvents, machine, tokenPort?.onTokens)
      .catch((error: Error) => {
        throw new UsageError(`the execution could not start: ${error.message}`);
      });
    tokenPort?.answerTo(launched);
    stop = () => void Promise.resolve(launched.stop()).catch((error: Error) => stderr.write(`asl-workbench run: the execution could not be stopped: ${error.message}\n`));
    if (interrupted) stop();
    const finished = await launched.done;
    // Nothing is reported as ended that was not seen to end.
    if ('lost' in finished) throw new ExecutionLost(finished.lost, printer);
    return { ...finished.outcome, events };
  } finally {
    process.off('SIGINT', onInterrupt);
    tokenPort?.close();
  }
}

/**
 * `--task-token-port`: the run's waiting task tokens printed (standard error) as they come, and the
 * API server's SendTask* actions served on loopback, for the user's worker to answer them.
 */
class TaskTokenPort {
  private launched: Launched<Finished | Lost> | undefined;
  private readonly tokens = new ForwardedTaskTokens((taskToken, answer) => this.launched?.answer?.(taskToken, answer));
  private readonly told = new Set<string>();

  private constructor(private readonly server: http.Server) {}

  static async open(port: number): Promise<TaskTokenPort> {
    // node:http is loaded for this option only: a run starts sooner without it.
    const { createApiServer } = await import('../apiServer/http.js');
    const tokenPort: TaskTokenPort = new TaskTokenPort(createApiServer(taskTokenActions({ answer: (taskToken, answer) => tokenPort.tokens.answer(taskToken, answer) })));
    const { server } = tokenPort;
    const failed = await new Promise<Error | undefined>((resolve) => {
      server.once('error', resolve);
      server.listen(port, '127.0.0.1', () => resolve(undefined));
    });
    if (failed) throw new UsageError(`--task-token-port: cannot listen on 127.0.0.1:${port}: ${failed.message}`);
    // The run ends the process; a worker's kept-alive connection must not hold it.
    server.unref();
    stderr.write(`Task tokens: SendTaskSuccess, SendTaskFailure, SendTaskHeartbeat on http://127.0.0.1:${(server.address() as { port: number }).port}\n`);
    return tokenPort;
  }

  readonly onTokens = (waiting: WaitingTaskToken[]): void => {
    this.tokens.update(waiting);
    for (const { stateName, taskToken } of waiting) {
      if (this.told.has(taskToken)) continue;
      this.told.add(taskToken);
      stderr.write(`Task token of ${stateName}: ${taskToken}\n`);
    }
  };

  answerTo(launched: Launched<Finished | Lost>): void {
    this.launched = launched;
  }

  close(): void {
    this.server.close();
    this.server.closeAllConnections();
  }
}

/**
 * `--json`'s output, {"events":[...],"status","output","error","cause"}: each event written as it comes,
 * the outcome last. Holding a 400,000-event history to print it after the run was most of the run's
 * memory. Text gathers up to a chunk between writes; while a write the stream could not take at once
 * drains, text gathers on (standard output is written synchronously unless a full non-blocking pipe holds it: ./output.ts).
 */
class JsonPrinter {
  private text = '{"events":[';
  private separator = '';
  private draining: Promise<void> | undefined;

  constructor(private readonly out: Output) {}

  /** A batch stringified whole: about twice as fast as an event at a time. */
  events(batch: readonly HistoryEvent[]): void {
    this.eventsText(JSON.stringify(batch));
  }

  /** Events as the JSON text of their array, printed as they are (an execution's process sends them so). */
  eventsText(json: string): void {
    if (json === '[]') return;
    this.text += this.separator + json.slice(1, -1);
    this.separator = ',';
    this.flushWhenFull();
  }

  /** The outcome after the events; none when the execution's end is unknown. */
  async end(result?: ExecutionResult): Promise<void> {
    if (result) {
      const { status, output, error, cause } = result;
      this.text += `],${JSON.stringify({ status, output, error, cause }).slice(1)}\n`;
    } else this.text += ']}\n';
    while (this.draining) await this.draining;
    this.flush();
    while (this.draining) await this.draining;
  }

  private flushWhenFull(): void {
    if (this.text.length >= PRINT_CHUNK && !this.draining) this.flush();
  }

  private flush(): void {
    const text = this.text;
    this.text = '';
    if (this.out.write(text)) return;
    this.draining = new Promise((resolve) => this.out.once('drain', () => {
      this.draining = undefined;
      resolve();
    }));
  }
}

/** Characters gathered before a write to standard output: a batch from an execution's process (about 120 KiB) goes out as it comes. */
const PRINT_CHUNK = 1 << 16;
