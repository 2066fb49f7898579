// Runs executions for the client, in the language server process: checks the definition
// (syntax and validation errors, then the interpreter's compile errors block the run),
// serves Task states from the selected mocks and local handlers, and forwards each execution's
// history in the batches its launcher makes. One runner per server; executions are independent.
import { executionArnOf, type HistoryEvent } from '../core/interpreter';
import type { AslLanguageService } from '../languageService';
import { executionNameProblem, parseExecutionInput } from '../core/apiLimits';
import {
  executionAlreadyExists, stateMachineNameOf, type ExecutionEventsParams, type ExecutionStarted, type RunPlan, type RunPlanParams, type RunProblem,
  type RemoteTarget, type SourceText, type StartExecutionParams, type StartExecutionResult, type TaskTokenAnswer, type WaitingTaskToken,
} from '../protocol';
import { unknownTaskToken } from '../apiServer/workers';
import { ApiError } from '../apiServer/errors';
import { ForwardedTaskTokens } from './aws/taskTokens';
import { launchInProcess, type Engine, type Finished, type Launched, type Launcher, type LaunchRequest, type Lost, type Machine } from './launch';
import { listMockConfig, plannedAwsCalls, unservedTasks } from './plan';
import { launchRemote, redriveRemote, type RemoteLaunched } from './remote/remoteRun';

export type { Engine } from './launch';

type Checked = { errors: RunProblem[] } | { errors: []; definition: unknown; machine: Machine };
type WaitingTokens = { taskTokens: WaitingTaskToken[] };

export class ExecutionRunner {
  private readonly running = new Map<string, Launched<Finished | Lost>>();
  /** The task tokens each running hybrid run waits for. */
  private readonly taskTokens = new Map<string, ForwardedTaskTokens>();
  /** Every execution started in this session by ARN, with its input text: names are unique per state machine, as on AWS. */
  private readonly started = new Map<string, { input: string; started?: ExecutionStarted }>();
  /** The remote executions this session followed, running or ended, by ARN: Redrive follows one again. */
  private readonly remote = new Map<string, RemoteLaunched>();

  constructor(
    private readonly engine: Engine,
    private readonly service: AslLanguageService,
    private readonly send: (params: ExecutionEventsParams) => void,
    /** Where executions run: in this thread unless told otherwise (the server gives each its own process). */
    private readonly launch: Launcher = launchInProcess(engine),
    /** Where a run with a remote target starts (tests give a quicker pace). */
    private readonly launchOn: (target: RemoteTarget) => ReturnType<typeof launchRemote> = (target) => launchRemote(target),
  ) {}

  async plan(params: RunPlanParams): Promise<RunPlan> {
    const stateMachineName = stateMachineNameOf(params.definition.uri);
    const checked = await this.check(params.definition, params.type);
    const mock = params.mockConfig ? parseJson(params.mockConfig) : undefined;
    const mockConfig = mock === undefined ? undefined
      : 'error' in mock ? { stateMachines: [], error: `${params.mockConfig!.uri}: ${mock.error}` }
      : listMockConfig(mock.value);
    const definition = 'definition' in checked ? checked.definition : undefined;
    const unserved = definition === undefined ? []
      : unservedTasks(definition, mock && 'value' in mock ? mock.value : undefined, params.mock, params.localHandlers);
    return { errors: checked.errors, stateMachineName, mockConfig, unservedTasks: unserved, awsCalls: definition === undefined ? [] : plannedAwsCalls(definition, unserved, true) };
  }

  async start(params: StartExecutionParams): Promise<StartExecutionResult> {
    const checked = await this.check(params.definition, params.type);
    if (!('definition' in checked)) return { errors: checked.errors };
    // StartExecution's checks, with AWS's error codes.
    const nameProblem = params.name ? executionNameProblem(params.name) : undefined;
    if (nameProblem) return { errors: [{ message: `${nameProblem.error}: ${nameProblem.message}` }] };
    const input = parseExecutionInput(params.input);
    if ('error' in input) return { errors: [{ message: `${input.error}: ${input.message}` }] };
    const request: LaunchRequest = {
      definition: checked.definition, input: input.value, name: params.name || undefined,
      stateMachineName: stateMachineNameOf(params.definition.uri), type: params.type, clock: params.clock, host: 'vscode',
      localHandlers: params.localHandlers, handlerTimeoutSeconds: params.handlerTimeoutSeconds, historyFolder: params.historyFolder,
      callAws: params.callAws, answersTaskTokens: true,
    };
    if (params.target && params.target.kind !== 'local') return this.startRemote(params.target, request);
    if (params.mockConfig && params.mock) {
      const mock = parseJson(params.mockConfig);
      if ('error' in mock) return { errors: [{ message: `${params.mockConfig.uri}: ${mock.error}` }] };
      try {
        // Checked here, so that its errors block the start with the file named.
        this.engine.mockResolver(mock.value, params.mock);
      } catch (error) {
        return { errors: [{ message: `${params.mockConfig.uri}: ${messageOf(error)}` }] };
      }
      request.mock = { config: mock.value, selection: params.mock };
    }

    const namedArn = request.name === undefined ? undefined : executionArnOf(request.stateMachineName, request.name);
    const reused = namedArn === undefined ? undefined : this.started.get(namedArn);
    if (reused) {
      // StartExecution is idempotent for a running execution given the same input; any other reuse of a name is refused.
      if (reused.started && this.running.has(reused.started.executionArn) && reused.input === params.input) return { started: reused.started };
      return { errors: [executionAlreadyExists(namedArn!)] };
    }
    // Reserved before the launch, so that a second start with this name while it launches is refused too.
    const reservation: { input: string; started?: ExecutionStarted } = { input: params.input };
    if (namedArn) this.started.set(namedArn, reservation);

    const launching = await this.stream((deliver, onTokens) => this.launch(request, deliver, checked.machine, onTokens));
    if ('errors' in launching) {
      if (namedArn) this.started.delete(namedArn);
      return launching;
    }
    const { executionArn, name } = launching.launched;
    reservation.started = { executionArn, name, stateMachineName: request.stateMachineName };
    this.started.set(executionArn, reservation);
    return { started: reservation.started };
  }

  /** A run on a remote target: the target names and keeps its executions (AWS refuses a name in use itself). */
  private async startRemote(target: RemoteTarget, request: LaunchRequest): Promise<StartExecutionResult> {
    const launching = await this.stream((deliver) => this.launchOn(target)(request, deliver));
    if ('errors' in launching) return launching;
    this.remote.set(launching.launched.executionArn, launching.launched);
    return { started: { executionArn: launching.launched.executionArn, name: launching.launched.name, stateMachineName: request.stateMachineName } };
  }

  /** RedriveExecution of a remote execution followed in this session to its end; its history streams on. */
  async redrive(executionArn: string, historyFolder?: string): Promise<{ redriven: true } | { error: string }> {
    const ended = this.remote.get(executionArn);
    if (!ended) return { error: `Redrive is for executions run on AWS or an endpoint in this session; ${executionArn} is not one.` };
    if (this.running.has(executionArn)) return { error: `Execution ${executionArn} is still running: only an ended execution can be redriven.` };
    const launching = await this.stream((deliver) => redriveRemote(ended, deliver, historyFolder), executionArn);
    if ('errors' in launching) return { error: launching.errors[0].message };
    this.remote.set(executionArn, launching.launched);
    return { redriven: true };
  }

  /**
   * Launches, then streams the execution's batches and its end. What the launcher reports before the
   * answer to the start has gone waits: the client must know the execution first.
   */
  private async stream<T extends Launched<Finished | Lost>>(
    launch: (deliver: (events: HistoryEvent[]) => void, onTokens: (waiting: WaitingTaskToken[]) => void) => Promise<T>, knownArn = '',
  ): Promise<{ launched: T } | { errors: RunProblem[] }> {
    let held: (HistoryEvent[] | Finished | Lost | WaitingTokens)[] | undefined = [];
    let executionArn = knownArn;
    const deliver = (item: HistoryEvent[] | Finished | Lost | WaitingTokens) => {
      if (held) held.push(item);
      else this.send(Array.isArray(item) ? { executionArn, events: item } : { executionArn, events: [], ...item });
    };
    let launched: T;
    const tokens = new ForwardedTaskTokens((taskToken, answer) => launched.answer?.(taskToken, answer));
    try {
      launched = await launch(deliver, (waiting) => {
        tokens.update(waiting);
        deliver({ taskTokens: waiting });
      });
    } catch (error) {
      return { errors: [{ message: `The execution could not start: ${messageOf(error)}` }] };
    }
    executionArn = launched.executionArn;
    setImmediate(() => {
      const waiting = held ?? [];
      held = undefined;
      waiting.forEach(deliver);
    });
    this.running.set(executionArn, launched);
    if (launched.answer) this.taskTokens.set(executionArn, tokens);
    void launched.done.then((finished) => {
      this.running.delete(executionArn);
      this.taskTokens.delete(executionArn);
      deliver(finished);
    });
    return { launched };
  }

  /**
   * SendTaskSuccess, SendTaskFailure or SendTaskHeartbeat for a waiting Task of a running hybrid run
   * (of any, without `executionArn`: a worker's answer through the local endpoint): nothing, or why not.
   */
  answerTask({ executionArn, taskToken, answer }: { executionArn?: string; taskToken: string; answer: TaskTokenAnswer }): string | undefined {
    const tokens = executionArn === undefined ? [...this.taskTokens.values()].find((waiting) => waiting.waits(taskToken)) : this.taskTokens.get(executionArn);
    try {
      if (!tokens) throw unknownTaskToken(taskToken);
      tokens.answer(taskToken, answer);
      return undefined;
    } catch (error) {
      if (error instanceof ApiError) return `${error.type}: ${error.message}`;
      throw error;
    }
  }

  /** StopExecution: false when the execution is not running; a remote target answers later, and its refusal is thrown. */
  stop(executionArn: string): boolean | Promise<boolean> {
    const execution = this.running.get(executionArn);
    if (!execution) return false;
    const stopping = execution.stop();
    return stopping ? stopping.then(() => true) : true;
  }

  /** CreateStateMachine's checks, from the definition's one analysis: its diagnostics and size limit, then the interpreter's. */
  private async check(source: SourceText, machineType?: RunPlanParams['type']): Promise<Checked> {
    const analysis = this.service.analyze(source, { machineType });
    const compiled = await analysis.compiled();
    if (!('machine' in compiled)) return { errors: compiled.errors.map(({ message, range }) => ({ message: typeof message === 'string' ? message : message.value, range })) };
    return { errors: [], definition: analysis.value, machine: compiled.machine };
  }
}

function parseJson(source: SourceText): { value: unknown } | { error: string } {
  try {
    return { value: JSON.parse(source.text) };
  } catch (error) {
    return { error: messageOf(error) };
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
