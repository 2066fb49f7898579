// The start form (extension side): gathers what a run needs, keeps the run plan (definition
// errors, unserved Task states) current while the definition or the mocks change, and starts
// the execution.
import { randomUUID } from 'crypto';
import * as vscode from 'vscode';
import { stateMachineNameOf, TargetIdentityRequest, type MockSelection, type RunPlan, type RunPlanParams, type SourceText, type TimeMode } from '../../../../server/src/protocol';
import {
  callAwsSettings, displayPath, findMockConfig, initialInput, localHandlers, readMockConfig, readSource, readText, rememberInput, type MockConfigSearch,
} from '../../runs/runInputs';
import type { ExecutionService } from '../../runs/service';
import { PanelHost, PanelsByKey, webviewOptions } from '../panelHost';
import { runTargetOf, type FromStartForm, type StartRequest, type TargetChoice, type ToStartForm } from './messages';
import { documentUriOf } from '../../commands/templateMachines';

export interface StartPreset {
  input?: string;
  mock?: MockSelection;
  clock?: TimeMode;
  type?: RunPlanParams['type'];
}

/** Called with each started execution (to open its view). */
export type OnStarted = (executionArn: string) => void;

/** The local endpoint as the form sees it: its URL while it runs, and when that changes. */
export interface LocalEndpointState {
  readonly url: string | undefined;
  onDidChange(listener: () => void): vscode.Disposable;
}

const TARGET_KEY = 'aslWorkbench.runTarget:';

const forms = new PanelsByKey<StartExecutionForm>();
const REPLAN_DELAY_MS = 300;

export class StartExecutionForm {
  private mockSearch: MockConfigSearch = {};
  private mock: MockSelection | undefined;
  private machineType: RunPlanParams['type'];
  private replanTimer: NodeJS.Timeout | undefined;
  /** The form's first content, posted again to a page reloaded after being hidden. */
  private initMessage: ToStartForm | undefined;
  private readonly host: PanelHost<ToStartForm, FromStartForm>;
  private readonly disposables: vscode.Disposable[] = [];

  static async show(service: ExecutionService, machineUri: vscode.Uri, onStarted: OnStarted, localEndpoint: LocalEndpointState, preset: StartPreset = {}): Promise<StartExecutionForm> {
    forms.get(machineUri.toString())?.panel.dispose();
    const title = `Run: ${displayPath(machineUri).split('/').pop()}`;
    const panel = vscode.window.createWebviewPanel('aslWorkbench.startExecution', title, vscode.ViewColumn.Active, webviewOptions(service.workbench.extension));
    const form = forms.add(machineUri.toString(), new StartExecutionForm(service, machineUri, panel, onStarted, localEndpoint));
    await form.init(preset);
    return form;
  }

  private constructor(
    private readonly service: ExecutionService,
    private readonly machineUri: vscode.Uri,
    readonly panel: vscode.WebviewPanel,
    private readonly onStarted: OnStarted,
    private readonly localEndpoint: LocalEndpointState,
  ) {
    this.host = new PanelHost(panel, service.workbench, 'startExecution', (message) => this.receive(message), {
      onReload: () => this.initMessage && this.post(this.initMessage),
      onError: (error) => this.report(error),
    });
    this.disposables.push(
      this.host,
      panel.onDidDispose(() => this.dispose()),
      localEndpoint.onDidChange(() => this.post({ type: 'localEndpoint', url: localEndpoint.url })),
      vscode.workspace.onDidChangeTextDocument(({ document }) => {
        // Any MockConfigFile may come to name the state machine (or stop naming it).
        const changed = document.uri.toString();
        if (changed === documentUriOf(this.machineUri).toString() || changed === this.mockSearch.addTo?.toString() || changed.endsWith('.mock.json')) this.scheduleReplan();
      }),
    );
  }

  private async init(preset: StartPreset): Promise<void> {
    this.mockSearch = await findMockConfig(this.service, this.machineUri);
    const mockConfig = await readMockConfig(this.mockSearch.found);
    this.mock = preset.mock;
    this.machineType = preset.type;
    const plan = preset.mock ? await this.plan(mockConfig) : await this.planWithDefaultMock(mockConfig);
    const input = preset.input !== undefined ? { text: preset.input, source: 'input of the execution' } : await initialInput(this.service.workbench.extension.workspaceState, this.machineUri);
    this.initMessage = {
      type: 'init',
      form: {
        fileName: displayPath(this.machineUri),
        name: randomUUID(),
        input: input.text,
        inputSource: input.source,
        ...this.mockFile(),
        mock: this.mock,
        clock: preset.clock ?? 'virtual',
        type: preset.type,
        plan,
        callAws: callAwsSettings(this.machineUri).enabled,
        target: this.rememberedTarget(),
        localEndpoint: this.localEndpoint.url,
      },
    };
    this.post(this.initMessage);
  }

  /** The target last picked for this file; Local at first. */
  private rememberedTarget(): TargetChoice {
    const stored = this.service.workbench.extension.workspaceState.get<TargetChoice>(TARGET_KEY + this.machineUri.toString());
    // The local endpoint remembered but stopped since: its choice is disabled, the run goes Local.
    const usable = stored && ['local', 'localEndpoint', 'aws', 'custom'].includes(stored.kind) && (stored.kind !== 'localEndpoint' || this.localEndpoint.url);
    return usable ? stored : { kind: 'local' };
  }

  /** Remembers the target for the file and, for AWS, tells the form whose account and which region a run would reach. */
  private async chooseTarget(choice: TargetChoice): Promise<void> {
    await this.service.workbench.extension.workspaceState.update(TARGET_KEY + this.machineUri.toString(), choice);
    const chosen = runTargetOf(choice, this.localEndpoint.url);
    if (!('target' in chosen) || chosen.target.kind !== 'aws') return;
    const identity = await this.service.workbench.client.sendRequest(TargetIdentityRequest, { target: chosen.target, withRoles: false });
    this.post({ type: 'identity', identity, for: choice });
  }

  private post(message: ToStartForm): void {
    this.host.post(message);
  }

  private async sources(mockConfig?: SourceText) {
    return {
      definition: await readSource(this.machineUri),
      mockConfig: mockConfig ?? await readMockConfig(this.mockSearch.found),
      mock: this.mock,
      localHandlers: localHandlers(this.machineUri),
      type: this.machineType,
    };
  }

  private async plan(mockConfig?: SourceText): Promise<RunPlan> {
    return this.service.plan(await this.sources(mockConfig));
  }

  /**
   * The plan with the default test case: the first one of the state machine named like the file
   * (others are offered, not chosen). The server reads the MockConfigFile's test cases, so it plans twice when one fits.
   */
  private async planWithDefaultMock(mockConfig: SourceText | undefined): Promise<RunPlan> {
    this.mock = undefined;
    const plan = await this.plan(mockConfig);
    const machine = plan.mockConfig?.stateMachines.find((candidate) => candidate.name === stateMachineNameOf(this.machineUri.toString()));
    if (!machine?.testCases.length) return plan;
    this.mock = { stateMachine: machine.name, testCase: machine.testCases[0] };
    return this.plan(mockConfig);
  }

  private scheduleReplan(): void {
    clearTimeout(this.replanTimer);
    this.replanTimer = setTimeout(() => void this.replan().catch((error) => this.report(error)), REPLAN_DELAY_MS);
  }

  /** What the form says of the MockConfigFile: the file found, or why none fits. */
  private mockFile(): { mockFile?: string; mockProblem?: string } {
    const { found, why } = this.mockSearch;
    return found ? { mockFile: displayPath(found) } : { mockProblem: why };
  }

  /** Looks for the MockConfigFile again (files change); a new one brings its first test case unless `select` says which. */
  private async replan(select?: MockSelection): Promise<void> {
    const before = this.mockSearch.found?.toString();
    this.mockSearch = await findMockConfig(this.service, this.machineUri);
    const mockConfig = await readMockConfig(this.mockSearch.found);
    if (select) this.mock = select;
    const plan = !select && this.mockSearch.found?.toString() !== before ? await this.planWithDefaultMock(mockConfig) : await this.plan(mockConfig);
    this.post({ type: 'plan', plan, ...this.mockFile(), mock: this.mock });
  }

  private async receive(message: Exclude<FromStartForm, { type: 'ready' }>): Promise<void> {
    switch (message.type) {
      case 'start':
        await this.start(message.request);
        break;
      case 'debug':
        await this.debug(message.request);
        break;
      case 'import': {
        const [file] = await vscode.window.showOpenDialog({ canSelectMany: false, filters: { JSON: ['json'], 'All files': ['*'] }, title: 'Import input' }) ?? [];
        if (file) this.post({ type: 'imported', text: await readText(file), source: `from ${displayPath(file)}` });
        break;
      }
      case 'selectMock':
        this.mock = message.mock;
        await this.replan();
        break;
      case 'selectType':
        this.machineType = message.machineType;
        await this.replan();
        break;
      case 'addMock':
        await this.addMock(message.state, message.mock);
        break;
      case 'reveal': {
        const { range } = message.problem;
        if (!range) break;
        const selection = new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
        await vscode.window.showTextDocument(this.machineUri, { selection, viewColumn: vscode.ViewColumn.One });
        break;
      }
      case 'target':
        await this.chooseTarget(message.target);
        break;
      case 'cancel':
        this.panel.dispose();
        break;
    }
  }

  private async start(request: StartRequest): Promise<void> {
    this.mock = request.mock;
    this.machineType = request.type;
    // A remote target runs with its own services: no mocks, no handlers, no calls to AWS from here.
    const local = request.target.kind === 'local';
    const sources = local ? await this.sources() : { definition: await readSource(this.machineUri), type: request.type };
    const callAws = local && request.callAws ? callAwsSettings(this.machineUri).options : undefined;
    const result = await this.service.start(this.machineUri, { ...sources, input: request.input, name: request.name, clock: request.clock, target: request.target, callAws });
    if ('errors' in result) {
      this.post({ type: 'startFailed', errors: result.errors });
      return;
    }
    await rememberInput(this.service.workbench.extension.workspaceState, this.machineUri, request.input);
    this.onStarted(result.started.executionArn);
    this.panel.dispose();
  }

  /** Starts the debugger with the form's input, mocks and clock (the handlers are the settings', added as for F5). */
  private async debug(request: StartRequest): Promise<void> {
    if (this.machineUri.scheme !== 'file') {
      void vscode.window.showErrorMessage('Save the state machine to a file to debug it: breakpoints and stops are placed in the file.');
      return;
    }
    await rememberInput(this.service.workbench.extension.workspaceState, this.machineUri, request.input);
    const started = await vscode.debug.startDebugging(vscode.workspace.getWorkspaceFolder(this.machineUri), {
      type: 'asl', request: 'launch', name: `Debug ${request.name}`, program: this.machineUri.fsPath, input: JSON.parse(request.input),
      // No test case chosen: no mocks ('' keeps the debugger from looking for a MockConfigFile itself).
      ...(request.mock && this.mockSearch.found ? { mockConfig: this.mockSearch.found.fsPath, stateMachine: request.mock.stateMachine, testCase: request.mock.testCase } : { mockConfig: '' }),
      clock: request.clock, stateMachineType: request.type, stopOnEntry: true,
    });
    if (started) this.panel.dispose();
  }

  /**
   * The quick fix for an unserved Task: its mock inserted into the MockConfigFile (created beside
   * the definition if there is none), as one undoable edit, left unsaved like any edit.
   */
  private async addMock(state: string, selected: MockSelection | undefined): Promise<void> {
    const selection = selected ?? { stateMachine: stateMachineNameOf(this.machineUri.toString()), testCase: 'Default' };
    const target = this.mockSearch.addTo;
    if (!target) {
      void vscode.window.showWarningMessage('Save the state machine first: its mocks go in a .mock.json file beside it.');
      return;
    }
    const document = await vscode.workspace.openTextDocument(target).then((opened) => opened, () => undefined);
    const resource = (await this.plan()).unservedTasks.find((task) => task.state === state)?.resource ?? '';
    const added = await this.service.mockEntry(document?.getText(), selection, { state, resource });
    if ('error' in added) {
      void vscode.window.showErrorMessage(`${displayPath(target)}: ${added.error} Fix it before adding a mock.`);
      return;
    }
    const edit = new vscode.WorkspaceEdit();
    if (!document) edit.createFile(target, { ignoreIfExists: true });
    for (const { offset, content } of added.edits) edit.insert(target, document?.positionAt(offset) ?? new vscode.Position(0, 0), content);
    if (!await vscode.workspace.applyEdit(edit)) {
      void vscode.window.showErrorMessage(`The mock could not be added to ${displayPath(target)}.`);
      return;
    }
    const edited = await vscode.workspace.openTextDocument(target);
    const entry = edited.positionAt(added.entryOffset);
    await vscode.window.showTextDocument(edited, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true, selection: new vscode.Range(entry, entry) });
    await this.replan(selection);
  }

  private report(error: unknown): void {
    const message = error instanceof Error ? error.message : String(error);
    this.service.workbench.output.error(`Run locally: ${message}`);
    this.post({ type: 'startFailed', errors: [{ message }] });
  }

  private dispose(): void {
    clearTimeout(this.replanTimer);
    for (const disposable of this.disposables) disposable.dispose();
  }
}
