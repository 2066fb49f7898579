// The Debug Adapter Protocol session of the `asl` debug type: one execution of a state machine,
// stopped at states (breakpoints, steps, failures), its data shown as scopes, evaluated on demand,
// and travelled back through (the recording the stepper keeps). The definition comes through the
// one analysis every other consumer reads; the execution runs in this process, apart from VS Code.
import * as path from 'node:path';
import {
  Breakpoint, DebugSession, Event, ExitedEvent, Handles, InitializedEvent, OutputEvent, Scope, Source, StackFrame, StoppedEvent,
  TerminatedEvent, Thread, ThreadEvent,
} from '@vscode/debugadapter';
import type { DebugProtocol } from '@vscode/debugprotocol';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { Compiled } from '../languageService/analysis';
import { rangeOfPath, type JsonPath } from '../languageService/aslDocument';
import type { Execution, ExecutionResult, StateMachineType } from '../core/interpreter/api';
import type { CompiledState } from '../core/interpreter/state';
import { matches } from '../core/interpreter/state';
import type { Frame } from '../core/interpreter/engine';
import { setAtPath } from '../core/interpreter/jsonpath';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzeDefinitionText, formatDiagnostic, type DefinitionFileAnalysis } from '../cli/definitionFile';
import { taskInputRecorder, UsageError } from '../cli/execution';
import { pathKey } from '../languageService/stateIndex';
import {
  DEBUG_HANDLER_INSPECTOR_EVENT, DEBUG_HANDLERS_ATTACHED_REQUEST, DEBUG_STATES_EVENT, DEBUG_TEST_RESULT_EVENT, type DebugStatesEvent, type DebugTestResultEvent,
  type LocatedProblem,
} from '../protocol';
import { prepareTestFile, testFailures, testStartOptions, TestSetupError, type PreparedTestFile } from '../testing/runner';
import type { TakenBranch } from '../core/interpreter/api';
import { Breakpoints, scopeOf, type ProgramLines } from './breakpoints';
import { evaluate } from './expressions';
import { executionSetup, LaunchProblem, readProgram, type AslLaunchArguments, type ExecutionSetup } from './launchArguments';
import { contextOf, stepEndsAt, Stepper, type Motion, type StepRecord, type StopReason } from './stepper';

const EXECUTION_THREAD = 1;
/** How long the execution waits for a JavaScript debugger to attach to the local handlers before it starts anyway. */
const HANDLER_DEBUGGER_WAIT_MS = 10_000;
const EXECUTION_FRAME = 1;

/** A value shown in the Variables view; `edit` when it is (part of) an input the user may still change. */
interface Shown {
  value: unknown;
  edit?: { record: StepRecord; path: (string | number)[] };
}

type Machine = Extract<Compiled, { machine: unknown }>['machine'];

export class AslDebugSession extends DebugSession {
  private analysis?: DefinitionFileAnalysis;
  private program = '';
  /** The template machine's logical id, when the program is a template. */
  private machineId?: string;
  private machine?: Machine;
  private setup?: ExecutionSetup;
  private launchArgs?: AslLaunchArguments;
  /** The test being debugged, and what its execution did so far (its expectations are checked at the end). */
  private test?: { prepared: PreparedTestFile; name: string; taskInputs: Record<string, unknown[]>; branches: TakenBranch[] };
  private breakpoints?: Breakpoints;
  private exceptionFilters = { all: false, uncaught: false, named: [] as string[] };
  private stepper?: Stepper;
  private execution?: Execution;
  /** The record the client is shown: the live stop, or an earlier one while travelling back. */
  private shown?: StepRecord;
  private shownReason: StopReason = 'step';
  private values = new Handles<Shown>();
  private configured!: () => void;
  private readonly configurationDone = new Promise<void>((resolve) => { this.configured = resolve; });

  constructor() {
    super();
    this.setDebuggerLinesStartAt1(false);
    this.setDebuggerColumnsStartAt1(false);
  }

  protected initializeRequest(response: DebugProtocol.InitializeResponse): void {
    response.body = {
      supportsConfigurationDoneRequest: true,
      supportsConditionalBreakpoints: true,
      supportsHitConditionalBreakpoints: true,
      supportsLogPoints: true,
      supportsFunctionBreakpoints: true,
      supportsEvaluateForHovers: true,
      supportsSetVariable: true,
      supportsStepBack: true,
      supportsRestartFrame: true,
      supportsExceptionInfoRequest: true,
      supportsExceptionFilterOptions: true,
      supportsTerminateRequest: true,
      exceptionBreakpointFilters: [
        { filter: 'all', label: 'All errors', description: 'Stop at every error a state raises, even one its Retry or Catch handles.' },
        { filter: 'uncaught', label: 'Uncaught errors', description: 'Stop at an error no Retry or Catch of the state handles.', default: true },
        {
          filter: 'named', label: 'Named errors', description: 'Stop at the errors named, as ErrorEquals matches them.',
          supportsCondition: true, conditionDescription: 'Error names, separated by commas, e.g. States.TaskFailed, MyError',
        },
      ],
    };
    this.sendResponse(response);
  }

  protected async launchRequest(response: DebugProtocol.LaunchResponse, args: AslLaunchArguments): Promise<void> {
    try {
      let programText: string | undefined;
      if (args.testFile !== undefined) {
        if (!await this.prepareTest(args)) {
          this.sendErrorResponse(response, 1009, `The test '${args.test ?? ''}' cannot run; see the Debug Console.`);
          this.sendEvent(new TerminatedEvent());
          return;
        }
      } else {
        const program = readProgram(args);
        this.program = program.file;
        programText = program.text;
        this.analysis = analyzeProgram(program.file, program.text, program.stateMachine ?? args.stateMachine, args.stateMachineType);
      }
      this.machineId = this.analysis!.machineId;
      const compiled = await this.analysis!.compiled();
      if (compiled.errors.length) {
        this.reportDiagnostics(compiled.errors);
        this.sendErrorResponse(response, 1001, `The definition ${path.basename(this.program)} has ${compiled.errors.length} error(s); see the Debug Console.`);
        this.sendEvent(new TerminatedEvent());
        return;
      }
      this.machine = (compiled as { machine: Machine }).machine;
      this.setup ??= executionSetup(args, this.program, this.machineId);
      this.launchArgs = args;
      this.breakpoints = new Breakpoints(this.analysis!.document, programLines(this.analysis!, programText ?? this.analysis!.document.textDocument.getText()));
    } catch (error) {
      if (!(error instanceof LaunchProblem)) throw error;
      this.sendEvent(new OutputEvent(`${error.message}\n`, 'stderr'));
      this.sendErrorResponse(response, 1002, error.message);
      this.sendEvent(new TerminatedEvent());
      return;
    }
    this.sendEvent(new InitializedEvent());
    await this.configurationDone;
    if (args.debugHandlers && (args.handlers !== undefined || this.testHasHandlers())) await this.openHandlerInspector();
    this.startExecution(this.launchArgs.stopOnEntry ? 'entry' : undefined);
    this.sendResponse(response);
  }

  /**
   * Resolves the test to debug as the test runner does (definition, input, mocks, test case, handlers); false when it
   * cannot run, its problems told in the Debug Console and as the test's result.
   */
  private async prepareTest(args: AslLaunchArguments): Promise<boolean> {
    const testFile = path.resolve(args.testFile!);
    const fail = (problems: LocatedProblem[]) => {
      for (const problem of problems) this.sendEvent(this.locatedIn(testFile, problem.message + '\n', 'stderr', problem.range.start.line, problem.range.start.character));
      this.sendEvent(new Event(DEBUG_TEST_RESULT_EVENT, { outcome: 'failed', failures: problems } satisfies DebugTestResultEvent));
      return false;
    };
    const preparation = await prepareTestFile(testFile);
    if (!('prepared' in preparation)) return fail(preparation.problems);
    const { prepared } = preparation;
    const name = args.test ?? '';
    if (!prepared.testNames.includes(name)) {
      return fail([{ message: `The test file has no test '${name}' (there are: ${prepared.testNames.join(', ')}).`, at: ['tests'], range: rangeOfPath(prepared.document, ['tests'], 'key') }]);
    }
    const schemaProblems = prepared.testProblems.get(name);
    if (schemaProblems?.length) return fail(schemaProblems);
    try {
      const { input, stateMachineName, taskResolvers, startTime, name: executionName } = testStartOptions(prepared, name);
      this.setup = { input, stateMachineName: stateMachineName!, taskResolvers: taskResolvers ?? [], startTime, executionName };
    } catch (error) {
      if (error instanceof TestSetupError) return fail([error.located(prepared, name)]);
      throw error;
    }
    this.program = prepared.definitionFile;
    this.analysis = prepared.analysis;
    this.test = { prepared, name, taskInputs: {}, branches: [] };
    return true;
  }

  private testHasHandlers(): boolean {
    if (!this.test) return false;
    const { spec } = this.test.prepared;
    return Object.keys({ ...spec.handlers, ...spec.tests[this.test.name].handlers }).length > 0;
  }

  /** Lets a JavaScript debugger attach to this process (where the handlers run) and waits for it, a while at most. */
  private async openHandlerInspector(): Promise<void> {
    const inspector = await import('node:inspector');
    if (!inspector.url()) inspector.open(0, '127.0.0.1', false);
    const port = Number(new URL(inspector.url()!).port);
    let timer: NodeJS.Timeout | undefined;
    const attached = new Promise<void>((resolve) => {
      this.handlerDebuggerAttached = resolve;
      timer = setTimeout(resolve, HANDLER_DEBUGGER_WAIT_MS);
    });
    this.sendEvent(new Event(DEBUG_HANDLER_INSPECTOR_EVENT, { port }));
    await attached;
    clearTimeout(timer);
  }

  private handlerDebuggerAttached?: () => void;

  protected customRequest(command: string, response: DebugProtocol.Response, args: unknown): void {
    if (command !== DEBUG_HANDLERS_ATTACHED_REQUEST) return super.customRequest(command, response, args);
    this.handlerDebuggerAttached?.();
    this.sendResponse(response);
  }

  protected configurationDoneRequest(response: DebugProtocol.ConfigurationDoneResponse): void {
    this.sendResponse(response);
    this.configured();
  }

  /** Starts the execution, from its StartAt, or from a recorded top-level state with the input and variables it had. */
  private startExecution(entry: StopReason | undefined, from?: StepRecord): void {
    const stepper = new Stepper({
      breakpointAt: async (record) => {
        const hit = await this.breakpoints!.hit(record);
        for (const message of hit.messages) this.sendEvent(this.located(message.text, 'console', message.line));
        return hit.stop;
      },
      stopsOnFailure: (record) => this.stopsOnFailure(record),
      stopped: (record, reason) => this.show(record, reason),
      threadStarted: (id) => this.sendEvent(new ThreadEvent('started', id)),
      threadEnded: (id) => this.sendEvent(new ThreadEvent('exited', id)),
    }, (state, frame, enclosing) => this.statePath(state, frame, enclosing), entry);
    const setup = this.setup!;
    // A test's expectations read the run's history, the inputs of its Tasks and the branches it took.
    const recording = this.test && taskInputRecorder();
    if (this.test && recording) Object.assign(this.test, { taskInputs: recording.taskInputs, branches: [] });
    const execution = this.machine!.start({
      input: from ? from.input : setup.input,
      stateMachineName: setup.stateMachineName,
      clock: this.launchArgs!.clock === 'real' ? 'real' : 'virtual',
      type: this.launchArgs!.stateMachineType,
      // A handler held at a breakpoint would overrun the real-time limit: none while a JavaScript debugger may hold one.
      handlerTimeoutSeconds: this.launchArgs!.debugHandlers ? Infinity : this.launchArgs!.handlerTimeoutSeconds,
      taskResolvers: recording ? [recording.recorder, ...setup.taskResolvers] : setup.taskResolvers,
      startTime: setup.startTime,
      name: setup.executionName,
      onBranch: this.test && ((branch) => this.test!.branches.push(branch)),
      objectsFolder: path.dirname(this.program),
      host: 'vscode',
      keepHistory: this.test !== undefined,
      stepping: { hooks: stepper, startAt: from?.state.name, variables: from?.variables },
    });
    this.stepper = stepper;
    this.execution = execution;
    execution.done.then((result) => this.finished(execution, result));
  }

  private finished(execution: Execution, result: ExecutionResult): void {
    // A run replaced by "Restart Frame" ends quietly: the new one goes on.
    if (execution !== this.execution) return;
    const text = result.status === 'SUCCEEDED' ? `Execution SUCCEEDED, output:\n${JSON.stringify(result.output, null, 2)}\n`
      : result.status === 'ABORTED' ? 'Execution ABORTED\n'
      : `Execution ${result.status}: ${result.error ?? ''}${result.cause ? `\n${result.cause}` : ''}\n`;
    this.sendEvent(new OutputEvent(text, result.status === 'SUCCEEDED' ? 'console' : 'stderr'));
    if (this.test && result.status !== 'ABORTED') this.reportTest(result);
    this.sendEvent(new ExitedEvent(result.status === 'SUCCEEDED' ? 0 : 1));
    this.sendEvent(new TerminatedEvent());
    this.execution = undefined;
  }

  /** The test's outcome by its expectations, in the Debug Console (linked to where each is written) and to the client. */
  private reportTest(result: ExecutionResult): void {
    const { prepared, name, taskInputs, branches } = this.test!;
    const failures = testFailures(prepared, name, result, taskInputs, branches);
    this.sendEvent(new OutputEvent(failures.length ? `Test '${name}' failed:\n` : `Test '${name}' passed.\n`, failures.length ? 'stderr' : 'console'));
    for (const failure of failures) {
      const detail = failure.expected !== undefined ? `\n  expected: ${failure.expected}\n  actual:   ${failure.actual}` : '';
      this.sendEvent(this.locatedIn(prepared.file, `${failure.message}${detail}\n`, 'stderr', failure.range.start.line, failure.range.start.character));
    }
    this.sendEvent(new Event(DEBUG_TEST_RESULT_EVENT, { outcome: failures.length ? 'failed' : 'passed', failures } satisfies DebugTestResultEvent));
  }

  /** Where a running state is in the definition: its graph is the top level, a Parallel branch or a Map's processor. */
  private statePath(state: CompiledState, frame: Frame, enclosing: StepRecord | undefined): JsonPath {
    if (!frame.enclosing || !enclosing) return ['States', state.name];
    const { kind, index } = frame.enclosing;
    const mapState = valueAt(this.analysis!.value, enclosing.path) as Record<string, unknown> | undefined;
    const graph = kind === 'branch' ? ['Branches', index] : [mapState?.ItemProcessor !== undefined ? 'ItemProcessor' : 'Iterator'];
    return [...enclosing.path, ...graph, 'States', state.name];
  }

  private stopsOnFailure(record: StepRecord): boolean {
    const failure = record.failure!;
    const filters = this.exceptionFilters;
    return filters.all || (filters.uncaught && !handledAnywhere(record)) || (filters.named.length > 0 && matches(filters.named, failure.error));
  }

  /** Shows a stop to the client: the live one, or a recorded one. */
  private show(record: StepRecord, reason: StopReason): void {
    this.shown = record;
    this.shownReason = reason;
    this.values.reset();
    const error = reason === 'exception' ? errorName(record.failure!) : undefined;
    const event = new StoppedEvent(reason, record.threadId, error) as DebugProtocol.StoppedEvent;
    event.body.allThreadsStopped = true;
    if (error !== undefined) event.body.description = `${error} in '${record.state.name}'`;
    this.sendEvent(event);
    this.sendEvent(new Event(DEBUG_STATES_EVENT, this.statesUpTo(record)));
  }

  /** The states run up to a record, as the graph preview colours them then. */
  private statesUpTo(shown: StepRecord): DebugStatesEvent {
    const states: DebugStatesEvent['states'] = {};
    const runs = new Map<string, number>();
    for (const record of this.stepper!.records.slice(0, shown.index + 1)) {
      const id = pathKey(record.path);
      const count = (runs.get(id) ?? 0) + 1;
      runs.set(id, count);
      const failure = record.failure;
      const status = record === shown || !record.finished && !failure ? 'running' : failure ? (failure.handled ? 'caught' : 'failed') : 'succeeded';
      // The state the debugger is stopped at is marked apart from the branches and iterations running around it.
      states[id] = { status, badge: record === shown ? 'Stopped here' : count > 1 ? `${count} runs` : undefined, current: record === shown || undefined };
    }
    return { program: this.program, stateMachine: this.machineId, states };
  }

  private reportDiagnostics(errors: Diagnostic[]): void {
    for (const diagnostic of errors) {
      this.sendEvent(this.located(formatDiagnostic(this.program, diagnostic), 'stderr', diagnostic.range.start.line, diagnostic.range.start.character));
    }
  }

  /** An output line the Debug Console links to its place in the definition. */
  private located(text: string, category: string, line?: number, column = 0): DebugProtocol.OutputEvent {
    return this.locatedIn(this.program, text, category, line, column);
  }

  /** An output line the Debug Console links to its place in a file. */
  private locatedIn(file: string, text: string, category: string, line?: number, column = 0): DebugProtocol.OutputEvent {
    const event = new OutputEvent(text, category) as DebugProtocol.OutputEvent;
    if (line !== undefined) {
      event.body.source = new Source(path.basename(file), this.convertDebuggerPathToClient(file));
      event.body.line = this.convertDebuggerLineToClient(line);
      event.body.column = this.convertDebuggerColumnToClient(column);
    }
    return event;
  }

  private source(): Source {
    return new Source(path.basename(this.program), this.convertDebuggerPathToClient(this.program));
  }

  private lineOf(statePath: JsonPath): number {
    return this.analysis!.locate(statePath).start.line;
  }

  // ------------------------------------------------------------------ breakpoints

  protected setBreakPointsRequest(response: DebugProtocol.SetBreakpointsResponse, args: DebugProtocol.SetBreakpointsArguments): void {
    const requested = args.breakpoints ?? (args.lines ?? []).map((line) => ({ line }));
    const sourcePath = args.source.path && path.resolve(this.convertClientPathToDebugger(args.source.path));
    if (!this.breakpoints || sourcePath !== this.program) {
      response.body = { breakpoints: requested.map(() => ({ verified: false, message: 'This file is not the state machine being debugged.' })) };
    } else {
      const lines = requested.map((bp) => ({ ...bp, line: this.convertClientLineToDebugger(bp.line) }));
      response.body = { breakpoints: this.breakpoints.setSourceBreakpoints(lines, (line) => this.convertDebuggerLineToClient(line)).map((bp) => ({ ...bp, source: this.source() })) };
    }
    this.sendResponse(response);
  }

  protected setFunctionBreakPointsRequest(response: DebugProtocol.SetFunctionBreakpointsResponse, args: DebugProtocol.SetFunctionBreakpointsArguments): void {
    response.body = { breakpoints: this.breakpoints ? this.breakpoints.setFunctionBreakpoints(args.breakpoints) : args.breakpoints.map(() => new Breakpoint(false)) };
    this.sendResponse(response);
  }

  protected setExceptionBreakPointsRequest(response: DebugProtocol.SetExceptionBreakpointsResponse, args: DebugProtocol.SetExceptionBreakpointsArguments): void {
    const options = [...args.filters.map((filterId) => ({ filterId, condition: undefined as string | undefined })), ...(args.filterOptions ?? [])];
    const named = options.filter((option) => option.filterId === 'named').flatMap((option) => (option.condition ?? '').split(',').map((name) => name.trim()).filter(Boolean));
    this.exceptionFilters = { all: options.some((o) => o.filterId === 'all'), uncaught: options.some((o) => o.filterId === 'uncaught'), named };
    response.body = {
      breakpoints: options.map((option) => option.filterId === 'named' && named.length === 0
        ? { verified: false, message: 'Name the errors to stop at, e.g. States.TaskFailed, MyError.' }
        : { verified: true }),
    };
    this.sendResponse(response);
  }

  protected exceptionInfoRequest(response: DebugProtocol.ExceptionInfoResponse): void {
    const failure = this.shown?.failure;
    if (!failure) return this.sendErrorResponse(response, 1003, 'No error here.');
    response.body = {
      exceptionId: errorName(failure),
      description: failure.cause ?? '',
      breakMode: failure.handled ? 'always' : 'unhandled',
      details: { typeName: errorName(failure), message: failure.cause },
    };
    this.sendResponse(response);
  }

  // ------------------------------------------------------------------ threads, stack, scopes, variables

  protected threadsRequest(response: DebugProtocol.ThreadsResponse): void {
    const threads = new Map<number, string>([[EXECUTION_THREAD, `Execution '${this.setup?.stateMachineName ?? ''}'`]]);
    const live = this.stepper?.liveThreads() ?? [];
    for (const { threadId, record } of [...live, ...(this.shown ? [{ threadId: this.shown.threadId, record: this.shown }] : [])]) {
      if (!threads.has(threadId)) threads.set(threadId, enclosingName(record));
    }
    response.body = { threads: [...threads].map(([id, name]) => new Thread(id, name)) };
    this.sendResponse(response);
  }

  /** The record a thread is at: the one shown, else the state it runs now. */
  private recordOfThread(threadId: number): StepRecord | undefined {
    if (this.shown?.threadId === threadId) return this.shown;
    return this.stepper?.liveThreads().find((thread) => thread.threadId === threadId)?.record;
  }

  protected stackTraceRequest(response: DebugProtocol.StackTraceResponse, args: DebugProtocol.StackTraceArguments): void {
    const frames: StackFrame[] = [];
    const top = this.recordOfThread(args.threadId);
    if (top) frames.push(this.frameOf(top, `${top.state.name} (${top.state.type})`));
    for (let inner = top; inner?.enclosing; inner = inner.enclosing) frames.push(this.frameOf(inner.enclosing, enclosingName(inner)));
    const execution = new StackFrame(EXECUTION_FRAME, `Execution '${this.setup?.stateMachineName ?? ''}'`, this.source(), this.convertDebuggerLineToClient(this.analysis ? this.analysis.locate(['StartAt']).start.line : 0), 1);
    frames.push(execution);
    response.body = { stackFrames: frames, totalFrames: frames.length };
    this.sendResponse(response);
  }

  /**
   * Frame ids of recorded states: their index from the first id of the current run, past the execution's frame. A run
   * restarted from a frame numbers on from where the previous one ended, so that VS Code shows no frame of it as the
   * new run's (it keeps what it showed of a frame id it knows).
   */
  private firstFrameId = EXECUTION_FRAME + 1;

  private frameIdOf(record: StepRecord): number {
    return this.firstFrameId + record.index;
  }

  private frameOf(record: StepRecord, name: string): StackFrame {
    const frame = new StackFrame(this.frameIdOf(record), name, this.source(), this.convertDebuggerLineToClient(this.lineOf(record.path)), 1);
    (frame as DebugProtocol.StackFrame).canRestart = true;
    return frame;
  }

  private recordOfFrame(frameId: number | undefined): StepRecord | undefined {
    if (frameId === undefined) return this.shown;
    return this.stepper?.records[frameId - this.firstFrameId];
  }

  protected scopesRequest(response: DebugProtocol.ScopesResponse, args: DebugProtocol.ScopesArguments): void {
    if (args.frameId === EXECUTION_FRAME) {
      response.body = { scopes: [new Scope('Execution input', this.values.create({ value: this.setup?.input }), false)] };
      return this.sendResponse(response);
    }
    const record = this.recordOfFrame(args.frameId);
    if (!record) {
      response.body = { scopes: [] };
      return this.sendResponse(response);
    }
    const editable = record === this.stepper?.stoppedAt && record === this.shown && !record.finished && !record.failure;
    const state: Record<string, unknown> = {};
    if (record.effectiveInput !== undefined || record.finished) state['Effective input'] = record.effectiveInput;
    if (record.finished && !record.failure) {
      state.Result = record.result;
      state.Output = record.output;
      if (record.assigned) state['Assigned variables'] = record.assigned;
    }
    if (record.failure) state.Error = { Error: record.failure.error, Cause: record.failure.cause };
    if (record.state.retryable) state['Retry count'] = record.retryCount;
    // A number or a string has no children to show: it shows as `$`.
    const structured = record.input !== null && typeof record.input === 'object';
    const input: Shown = structured ? { value: record.input, edit: editable ? { record, path: [] } : undefined } : { value: { $: record.input } };
    const scopes = [
      new Scope('Input', this.values.create(input), false),
      new Scope(`State '${record.state.name}'${record.finished ? '' : ' (result and output once it runs)'}`, this.values.create({ value: state }), false),
      new Scope('Variables', this.values.create({ value: record.variables }), false),
    ];
    if (record.state.language === 'JSONata') {
      const { context, states } = scopeOf(record);
      scopes.push(new Scope('$states', this.values.create({ value: { input: record.input, context, ...states } }), false));
    }
    scopes.push(new Scope('$$ (context object)', this.values.create({ value: contextOf(record) }), false));
    response.body = { scopes };
    this.sendResponse(response);
  }

  protected variablesRequest(response: DebugProtocol.VariablesResponse, args: DebugProtocol.VariablesArguments): void {
    const shown = this.values.get(args.variablesReference);
    const value = shown?.value;
    const entries: [string | number, unknown][] = Array.isArray(value) ? value.map((item, index) => [index, item])
      : value !== null && typeof value === 'object' ? Object.entries(value) : [];
    response.body = {
      variables: entries.map(([key, child]) => this.variable(String(key), child, shown?.edit && { record: shown.edit.record, path: [...shown.edit.path, key] })),
    };
    this.sendResponse(response);
  }

  private variable(name: string, value: unknown, edit?: Shown['edit']): DebugProtocol.Variable {
    const nested = value !== null && typeof value === 'object';
    return {
      name,
      value: preview(value),
      variablesReference: nested ? this.values.create({ value, edit }) : 0,
      evaluateName: edit ? jsonPathOf(edit.path) : undefined,
      ...(nested && Array.isArray(value) ? { indexedVariables: value.length } : {}),
    };
  }

  protected setVariableRequest(response: DebugProtocol.SetVariableResponse, args: DebugProtocol.SetVariableArguments): void {
    const shown = this.values.get(args.variablesReference);
    const edit = shown?.edit;
    if (!edit || edit.record !== this.stepper?.stoppedAt || edit.record.finished) {
      return this.sendErrorResponse(response, 1004, 'Only the input of the state about to run can be changed.');
    }
    let value: unknown;
    try {
      value = JSON.parse(args.value);
    } catch {
      return this.sendErrorResponse(response, 1005, `Not a JSON value: ${args.value} (a string goes in double quotes).`);
    }
    const key: string | number = Array.isArray(shown!.value) ? Number(args.name) : args.name;
    edit.record.input = setAtPath(edit.record.input, [...edit.path, key], value, jsonPathOf([...edit.path, key]));
    const variable = this.variable(args.name, value, { record: edit.record, path: [...edit.path, key] });
    response.body = { value: variable.value, variablesReference: variable.variablesReference };
    this.sendResponse(response);
  }

  protected async evaluateRequest(response: DebugProtocol.EvaluateResponse, args: DebugProtocol.EvaluateArguments): Promise<void> {
    const record = args.frameId === EXECUTION_FRAME ? undefined : this.recordOfFrame(args.frameId);
    if (!record) return this.sendErrorResponse(response, 1006, 'Evaluate while stopped at a state.');
    try {
      const value = await evaluate(args.expression, scopeOf(record));
      const variable = this.variable('', value);
      response.body = { result: args.context === 'repl' || args.context === 'clipboard' ? JSON.stringify(value, null, 2) ?? 'undefined' : variable.value, variablesReference: variable.variablesReference };
      this.sendResponse(response);
    } catch (error) {
      this.sendErrorResponse(response, 1007, (error as Error).message);
    }
  }

  // ------------------------------------------------------------------ stepping, forward and back

  protected continueRequest(response: DebugProtocol.ContinueResponse): void {
    response.body = { allThreadsContinued: true };
    this.sendResponse(response);
    void this.forward({ kind: 'continue' });
  }

  protected nextRequest(response: DebugProtocol.NextResponse, args: DebugProtocol.NextArguments): void {
    this.sendResponse(response);
    const record = this.recordOfThread(args.threadId);
    void this.forward(record ? { kind: 'next', frame: record.frame } : { kind: 'continue' });
  }

  protected stepInRequest(response: DebugProtocol.StepInResponse): void {
    this.sendResponse(response);
    void this.forward({ kind: 'stepIn' });
  }

  protected stepOutRequest(response: DebugProtocol.StepOutResponse, args: DebugProtocol.StepOutArguments): void {
    this.sendResponse(response);
    const record = this.recordOfThread(args.threadId);
    void this.forward(record ? { kind: 'stepOut', frame: record.frame } : { kind: 'continue' });
  }

  protected pauseRequest(response: DebugProtocol.PauseResponse): void {
    this.stepper?.pause();
    this.sendResponse(response);
  }

  /** Forward: through the recording while travelling back, then the live run. */
  private async forward(motion: Motion): Promise<void> {
    const stepper = this.stepper;
    const shown = this.shown;
    if (!stepper) return;
    const live = stepper.stoppedAt;
    if (shown && live && shown !== live) {
      for (let index = shown.index + 1; index < stepper.records.length; index++) {
        const record = stepper.records[index];
        if (record === live) break;
        const stops = motion.kind === 'continue' ? await this.breakpoints!.stopsInRecording(record) : stepEndsAt(motion, record);
        if (stops) return this.show(record, motion.kind === 'continue' ? 'breakpoint' : 'step');
      }
      // The end of the recording: going forward stops at the live stop, as a debugger replaying a recording does.
      return this.show(live, this.shownReasonOfLive ?? 'step');
    }
    this.shown = undefined;
    stepper.resume(motion);
  }

  protected stepBackRequest(response: DebugProtocol.StepBackResponse): void {
    this.sendResponse(response);
    const shown = this.shown;
    if (!shown || !this.stepper) return;
    this.rememberLiveReason();
    this.show(this.stepper.records[Math.max(shown.index - 1, 0)], 'step');
  }

  protected async reverseContinueRequest(response: DebugProtocol.ReverseContinueResponse): Promise<void> {
    this.sendResponse(response);
    const shown = this.shown;
    if (!shown || !this.stepper) return;
    this.rememberLiveReason();
    for (let index = shown.index - 1; index > 0; index--) {
      const record = this.stepper.records[index];
      if (await this.breakpoints!.stopsInRecording(record)) return this.show(record, 'breakpoint');
    }
    this.show(this.stepper.records[0], 'entry');
  }

  /** Why the live run stopped, told again when stepping forward brings the client back to it. */
  private shownReasonOfLive?: StopReason;

  private rememberLiveReason(): void {
    if (this.shown === this.stepper?.stoppedAt) this.shownReasonOfLive = this.shownReason;
  }

  /** Restart Frame: the execution again from the frame's state (the top-level state around it), with the input it had or as edited. */
  protected restartFrameRequest(response: DebugProtocol.RestartFrameResponse, args: DebugProtocol.RestartFrameArguments): void {
    let from = args.frameId === EXECUTION_FRAME ? undefined : this.recordOfFrame(args.frameId);
    if (args.frameId !== EXECUTION_FRAME && !from) return this.sendErrorResponse(response, 1008, 'No such frame.');
    while (from?.enclosing) from = from.enclosing;
    this.sendResponse(response);
    const previous = this.execution;
    this.firstFrameId += this.stepper?.records.length ?? 0;
    this.stepper?.releaseForever();
    this.execution = undefined;
    previous?.stop();
    this.shown = undefined;
    this.sendEvent(new OutputEvent(from ? `Restarting the execution from '${from.state.name}' with the input it had.\n` : 'Restarting the execution from its start.\n', 'console'));
    this.startExecution('restart', from);
  }

  // ------------------------------------------------------------------ the end

  protected async disconnectRequest(response: DebugProtocol.DisconnectResponse): Promise<void> {
    await this.abort();
    this.sendResponse(response);
  }

  protected async terminateRequest(response: DebugProtocol.TerminateResponse): Promise<void> {
    await this.abort();
    this.sendResponse(response);
  }

  /** Stops a running execution as StopExecution does (ABORTED) and waits for it to end. */
  private async abort(): Promise<void> {
    const execution = this.execution;
    if (!execution) return;
    this.stepper?.releaseForever();
    execution.stop();
    await execution.done;
  }
}

/** Whether the state's Retry or Catch takes its error, or those of a Parallel or Map state around it (where the error goes next). */
function handledAnywhere(record: StepRecord): boolean {
  const { error, handled } = record.failure!;
  if (handled) return true;
  for (let around = record.enclosing; around; around = around.enclosing) {
    if ([...around.state.retriers, ...around.state.catchers].some((handler) => matches(handler.errorEquals, error))) return true;
  }
  return false;
}

/** The name of a state's error; a Fail state may leave it out (AWS then fails the execution with no error name). */
function errorName(failure: { error?: string }): string {
  return failure.error ?? 'Failed (no error name)';
}

/** A branch or iteration's name, as its thread and its stack frame show it: "Map 'Process items' [3]". */
function enclosingName(record: StepRecord): string {
  const enclosing = record.frame.enclosing;
  if (!enclosing) return 'Execution';
  return `${enclosing.kind === 'branch' ? 'Parallel' : 'Map'} '${enclosing.state}' [${enclosing.index}]`;
}

function valueAt(root: unknown, at: JsonPath): unknown {
  let value = root;
  for (const segment of at) value = value !== null && typeof value === 'object' ? (value as Record<string | number, unknown>)[segment] : undefined;
  return value;
}

/** `$.a.b[0]`, or `$['a b']` for keys that need brackets. */
function jsonPathOf(at: (string | number)[]): string {
  return '$' + at.map((segment) => typeof segment === 'number' ? `[${segment}]` : /^[A-Za-z_][A-Za-z0-9_]*$/.test(segment) ? `.${segment}` : `['${segment.replace(/'/g, "\\'")}']`).join('');
}

const PREVIEW_LENGTH = 120;

function preview(value: unknown): string {
  const text = JSON.stringify(value) ?? 'undefined';
  return text.length > PREVIEW_LENGTH ? `${text.slice(0, PREVIEW_LENGTH - 1)}…` : text;
}

/** The program's analysis (a template's machine: the one named, or its only one); a problem finding the machine is a LaunchProblem. */
function analyzeProgram(file: string, text: string, stateMachine: string | undefined, machineType: StateMachineType | undefined): DefinitionFileAnalysis {
  if (machineType !== undefined && machineType !== 'STANDARD' && machineType !== 'EXPRESS') {
    throw new LaunchProblem(`'stateMachineType' is STANDARD or EXPRESS, not ${JSON.stringify(machineType)}.`);
  }
  try {
    return analyzeDefinitionText(file, text, { machineType }, stateMachine);
  } catch (error) {
    if (error instanceof UsageError) throw new LaunchProblem(error.message);
    throw error;
  }
}

/** The program's lines: the definition's own, or the template's, of which only the machine's definition holds states. */
function programLines(analysis: DefinitionFileAnalysis, text: string): ProgramLines {
  const { template, machineId } = analysis;
  if (!template) return { text: analysis.document.textDocument, toDefinition: (position) => position, locate: analysis.locate };
  return {
    text: TextDocument.create(template.uri, 'yaml', 0, text),
    toDefinition: (position) => {
      const hit = template.at(position);
      return hit && hit.machine.definition.id === machineId ? hit.position : undefined;
    },
    locate: analysis.locate,
  };
}
