// An execution's page (browser side), like the console's: header with status and result,
// Graph / Events / Definition tabs, live while the execution runs.
import './style.css';
import { h, prettyJson, replace } from '../dom';
import {
  ExecutionHistory, executionStatusColour, executionStatusLabels, filterRows, formatDuration, formatTimestamp,
  stateStatusLabels, type StateSummary,
} from '../../../../server/src/core/history/viewModel';
import { GraphView, type OverlayMap } from '../graph/render';
import { zoomControls } from '../graph/zoomControls';
import type { ExecutionOutcome, GraphMachine, GraphNode, StoredText, WaitingTaskToken } from '../../../../server/src/protocol';
import type { FromExecutionView, ExecutionViewInit, ToExecutionView } from './messages';
import { EventTable } from './eventTable';
import { tokenize } from './syntax';
import { pageChannel } from '../pageChannel';

const vscode = pageChannel<ToExecutionView, FromExecutionView>();
const post = vscode.post;

let view: ExecutionViewInit | undefined;
let history = new ExecutionHistory();
let outcome: ExecutionOutcome | undefined;
/** Why following a remote execution stopped before it ended. */
let lost: string | undefined;
let lastTextRequest = 0;
const textRequests = new Map<number, (answer: { contents?: string[]; error?: string }) => void>();
let selectedState: string | undefined;

// ---- Header ----
const titleName = h('h1', { id: 'execution-name' });
const statusBadge = h('span', { id: 'status', class: 'status', role: 'status' });
const stopButton = h('button', { id: 'stop', onclick: () => post({ type: 'stop' }) }, 'Stop execution');
const redriveButton = h('button', { id: 'redrive', onclick: () => post({ type: 'redrive' }), title: 'RedriveExecution: go on from the states that did not succeed, on the target it ran on' }, 'Redrive');
const runAgainButton = h('button', { id: 'run-again', onclick: () => post({ type: 'runAgain' }), title: 'Run the definition again with the same input' }, 'Run again');
const editButton = h('button', { id: 'edit-and-run', class: 'primary', onclick: () => post({ type: 'editAndRun' }), title: 'Open the start form with this input' }, 'Edit and run');
const progress = h('div', { class: 'progress', role: 'progressbar', 'aria-label': 'Running', hidden: true }, h('div'));
const details = h('dl', { id: 'details', class: 'details' });
const result = h('section', { id: 'result', class: 'result' });
/** A hybrid run's Tasks waiting for their task token's answer, each with the ways to answer it. */
const taskTokensSection = h('section', { id: 'task-tokens', class: 'task-tokens', 'aria-live': 'polite', hidden: true });
let taskTokens: WaitingTaskToken[] = [];
const comparisonBanner = h('section', { id: 'comparison', class: 'comparison', role: 'note', hidden: true });

// ---- Tabs ----
const tabNames = ['Graph', 'Events', 'Definition'] as const;
type TabName = (typeof tabNames)[number];
const tabButtons = new Map<TabName, HTMLButtonElement>();
const panels = new Map<TabName, HTMLElement>();
const tabList = h('div', { class: 'tabs', role: 'tablist' });
for (const name of tabNames) {
  const button = h('button', { role: 'tab', id: `tab-${name}`, 'aria-controls': `panel-${name}`, onclick: () => selectTab(name) }, name);
  button.addEventListener('keydown', (event) => {
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (!step) return;
    const next = tabNames[(tabNames.indexOf(name) + step + tabNames.length) % tabNames.length];
    selectTab(next);
    tabButtons.get(next)!.focus();
  });
  tabButtons.set(name, button);
  tabList.append(button);
  panels.set(name, h('section', { role: 'tabpanel', id: `panel-${name}`, 'aria-labelledby': `tab-${name}`, class: 'panel' }));
}

// Graph tab: the graph with the status overlay, and the selected state's details.
const graphArea = h('div', { class: 'graph-area', id: 'graph' });
const stateDetails = h('aside', { class: 'state-details', id: 'state-details', 'aria-live': 'polite' });
const awsLegend = h('span', { class: 'chip aws-mark', id: 'legend-aws', title: 'A hybrid run: these states\' Tasks called AWS', hidden: true }, 'AWS: called AWS');
const legend = h('div', { class: 'legend', 'aria-label': 'Legend' }, ...Object.entries({ ...stateStatusLabels, notRun: 'Not run' }).map(([status, label]) => h('span', { class: `chip status-${status}` }, label)), awsLegend);
const graph = new GraphView(graphArea, { onActivate: (node) => selectState(node) });
panels.get('Graph')!.append(
  h('div', { class: 'graph-toolbar' }, legend, h('span', { class: 'spacer' }), h('div', { class: 'zoom', role: 'toolbar', 'aria-label': 'Zoom' }, ...zoomControls(graph))),
  h('div', { class: 'graph-layout' }, graphArea, stateDetails));
/** The graph's state nodes by state name (a name may appear in several branches). */
let nodesByName = new Map<string, GraphNode[]>();
let graphDrawn: Promise<void> = Promise.resolve();

// Events tab.
const filterInput = h('input', { type: 'search', id: 'event-filter', placeholder: 'Filter events', 'aria-label': 'Filter events', spellcheck: 'false' });
const typeSelect = h('select', { id: 'event-type', 'aria-label': 'Event type' }, h('option', { value: '' }, 'All types'));
const eventCount = h('span', { class: 'hint', id: 'event-count' });
const table = new EventTable(loadTexts);
panels.get('Events')!.append(h('div', { class: 'toolbar' }, filterInput, typeSelect, eventCount), table.element);
filterInput.addEventListener('input', refreshEvents);
typeSelect.addEventListener('change', refreshEvents);

// Definition tab.
const definitionText = h('pre', { class: 'definition', id: 'definition', tabindex: 0 });
panels.get('Definition')!.append(definitionText);

document.body.append(h('header', {},
  h('div', { class: 'title-row' }, titleName, statusBadge, h('span', { class: 'spacer' }), stopButton, redriveButton, runAgainButton, editButton),
  progress, h('div', { class: 'summary' }, details, result), taskTokensSection),
comparisonBanner, tabList, ...panels.values());
selectTab('Graph');

vscode.listen((message) => {
  if (message.type === 'texts') {
    textRequests.get(message.request)?.(message);
    textRequests.delete(message.request);
    return;
  }
  if (message.type === 'init') {
    view = message.view;
    outcome = view.outcome;
    lost = view.lost;
    history = new ExecutionHistory(view.events);
    taskTokens = view.taskTokens ?? [];
    replace(definitionText);
    if (!panels.get('Definition')!.hidden) showDefinition(view);
    nodesByName = stateNodes(view.graph.root);
    graphDrawn = graph.update(view.graph).then(() => graph.fit());
    showComparison(view);
  } else {
    history.add(message.events);
    outcome = message.outcome ?? outcome;
    taskTokens = message.taskTokens ?? taskTokens;
    lost = message.lost ?? lost;
  }
  applyOutcome();
  render();
});

/**
 * The definition, syntax-coloured as JSON or YAML by its file's name; done when its tab is first shown,
 * since colouring a 510-state definition takes 50-200 ms (26,000 tokens; measured under load).
 */
function showDefinition({ definition, fileName }: ExecutionViewInit): void {
  // Built apart from the page, with each uncoloured run as one text node.
  const coloured = document.createDocumentFragment();
  let uncoloured = '';
  for (const token of tokenize(definition, /\.ya?ml$/i.test(fileName) ? 'yaml' : 'json')) {
    if (token.kind === 'plain' || token.kind === 'punctuation') {
      uncoloured += token.text;
      continue;
    }
    coloured.append(uncoloured, h('span', { class: `token-${token.kind}` }, token.text));
    uncoloured = '';
  }
  coloured.append(uncoloured);
  replace(definitionText, coloured);
}

/** Compare mode: the difference in words, and the state where the runs part selected on the graph with its data. */
function showComparison({ comparison }: ExecutionViewInit): void {
  comparisonBanner.hidden = !comparison;
  if (!comparison) return;
  replace(comparisonBanner, h('strong', {}, `Compared with ${comparison.with}: `), comparison.sentence);
  const parted = comparison.state === undefined ? undefined : nodesByName.get(comparison.state)?.[0];
  if (parted) void graphDrawn.then(() => selectState(parted));
}

/**
 * The outcome has the whole output and cause, which the events carry cut when long
 * (storedTexts.ts); it also closes a history whose terminal event was not streamed (an interpreter error).
 */
function applyOutcome(): void {
  if (!outcome) return;
  if (history.status === 'RUNNING') {
    history.status = outcome.status;
    history.stopDate = outcome.stopDate;
    history.error = outcome.error;
  }
  if (outcome.cause !== undefined) history.cause = outcome.cause;
  if (outcome.output !== undefined) history.output = JSON.stringify(outcome.output);
}

/** The contents of texts the events refer to, from the extension. */
function loadTexts(texts: StoredText[]): Promise<string[]> {
  const request = ++lastTextRequest;
  post({ type: 'texts', request, texts });
  return new Promise((resolve, reject) => textRequests.set(request, ({ contents, error }) => contents ? resolve(contents) : reject(new Error(error))));
}

function selectTab(name: TabName): void {
  for (const [tab, button] of tabButtons) {
    const selected = tab === name;
    button.setAttribute('aria-selected', String(selected));
    button.tabIndex = selected ? 0 : -1;
    panels.get(tab)!.hidden = !selected;
  }
  if (name === 'Events') refreshEvents();
  if (name === 'Definition' && view && !definitionText.firstChild) showDefinition(view);
}

function render(): void {
  if (!view) return;
  renderHeader(view);
  renderStates();
  refreshTypes();
  if (!panels.get('Events')!.hidden) refreshEvents();
  else eventCount.textContent = `${history.rows.length} events`;
}

function renderTaskTokens(waiting: WaitingTaskToken[]): void {
  taskTokensSection.hidden = waiting.length === 0;
  replace(taskTokensSection, ...waiting.map(({ stateName, taskToken }) => h('div', { class: 'task-token', 'data-token': taskToken },
    h('span', {}, h('strong', {}, stateName), ' waits for the answer to its task token '),
    h('code', { class: 'token' }, taskToken),
    h('button', { class: 'copy-token', title: 'Copy the task token', onclick: () => post({ type: 'copy', text: taskToken }) }, 'Copy'),
    h('button', { class: 'send-success primary', title: 'SendTaskSuccess with an output you give', onclick: () => post({ type: 'answerTask', taskToken, kind: 'success' }) }, 'Send success…'),
    h('button', { class: 'send-failure', title: 'SendTaskFailure with an error and cause you give', onclick: () => post({ type: 'answerTask', taskToken, kind: 'failure' }) }, 'Send failure…'),
    h('button', { class: 'send-heartbeat', title: 'SendTaskHeartbeat: restarts the Task\'s HeartbeatSeconds', onclick: () => post({ type: 'answerTask', taskToken, kind: 'heartbeat' }) }, 'Heartbeat'))));
}

function renderHeader(view: ExecutionViewInit): void {
  // Lost from sight is not an end, nor running as far as anyone here knows.
  const running = history.status === 'RUNNING' && !lost;
  titleName.textContent = view.name;
  titleName.title = view.name;
  statusBadge.textContent = lost && history.status === 'RUNNING' ? 'Status unknown' : executionStatusLabels[history.status];
  statusBadge.className = `status status-${lost && history.status === 'RUNNING' ? 'cancelled' : executionStatusColour(history.status)}`;
  stopButton.hidden = !running;
  // Step Functions redrives what failed, timed out or was aborted; here, what ran on a remote target.
  redriveButton.hidden = !view.target || !['FAILED', 'TIMED_OUT', 'ABORTED'].includes(history.status);
  progress.hidden = !running;
  renderTaskTokens(running ? taskTokens : []);
  const item = (term: string, value: string, id?: string) => [h('dt', {}, term), h('dd', { id, class: id === 'arn' ? 'arn' : 'value' }, value)];
  replace(details,
    ...item('Execution ARN', view.executionArn, 'arn'),
    // An untitled definition's name is its "file": once is enough.
    ...item('State machine', view.fileName === view.stateMachineName ? view.stateMachineName : `${view.stateMachineName} (${view.fileName})`),
    ...(view.target ? item('Ran on', view.target, 'target') : []),
    ...item('Type', 'Standard'),
    ...item('Start', formatTimestamp(history.startDate), 'start'),
    ...item('End', running ? '-' : formatTimestamp(history.stopDate), 'end'),
    ...item('Duration', formatDuration(running ? elapsedMs() : history.durationMs), 'duration'),
    ...item('State transitions', String(history.stateTransitions), 'transitions'));
  if (lost && history.status === 'RUNNING') {
    replace(result, h('div', { id: 'lost', class: 'problem', role: 'alert' }, lost));
  } else if (running) {
    replace(result, h('div', { class: 'hint' }, `Running: ${history.rows.length} events so far…`));
  } else if (history.status === 'SUCCEEDED') {
    replace(result, resultBlock('Output', prettyJson(history.output), 'output'));
  } else {
    replace(result,
      history.error !== undefined || history.status !== 'ABORTED' ? resultBlock('Error', history.error ?? '', 'error') : undefined,
      history.cause !== undefined ? resultBlock('Cause', prettyJson(history.cause), 'cause') : undefined,
      history.error === undefined && history.cause === undefined ? h('div', { class: 'hint' }, executionStatusLabels[history.status]) : undefined);
  }
}

/** While running, the duration counts up with the wall clock (the virtual clock may be ahead of it). */
function elapsedMs(): number | undefined {
  const recorded = history.durationMs;
  if (recorded === undefined || !history.startDate) return recorded;
  return Math.max(recorded, Date.now() - Date.parse(history.startDate));
}

setInterval(() => {
  if (view && history.status === 'RUNNING') document.getElementById('duration')!.textContent = formatDuration(elapsedMs());
}, 1000);

function resultBlock(label: string, text: string, id: string): HTMLElement {
  return h('div', { class: `result-block ${id}` },
    h('div', { class: 'row' }, h('strong', {}, label), h('button', { class: 'copy', onclick: () => post({ type: 'copy', text }), title: `Copy the ${label.toLowerCase()}` }, 'Copy')),
    h('pre', { id, tabindex: 0 }, text));
}

function stateNodes(machine: GraphMachine, into = new Map<string, GraphNode[]>()): Map<string, GraphNode[]> {
  for (const node of machine.nodes) {
    if (node.kind !== 'state') continue;
    into.set(node.name, [...(into.get(node.name) ?? []), node]);
    for (const inner of node.machines) stateNodes(inner, into);
  }
  return into;
}

function selectState(node: GraphNode): void {
  if (node.kind !== 'state') return;
  selectedState = node.name;
  graph.highlight(node.id, false);
  renderStates();
  // Stacked under the graph (a narrow view), the details may be out of sight: bring their top into view.
  if (stateDetails.getBoundingClientRect().top >= graphArea.getBoundingClientRect().bottom) stateDetails.scrollIntoView({ block: 'nearest' });
}

/** Colours the graph by state status; once the execution has ended, states never entered are "Not run". */
function renderStates(): void {
  const states = history.stateSummaries();
  const calledAws = new Set(outcome?.calledAws ?? []);
  awsLegend.hidden = calledAws.size === 0;
  const status: OverlayMap = {};
  for (const [name, nodes] of nodesByName) {
    const state = states.get(name);
    if (!state && history.status === 'RUNNING') continue;
    const aws = calledAws.has(name);
    const attempts = state && state.attempts > 1 ? `${state.attempts} attempts` : undefined;
    for (const node of nodes) {
      status[node.id] = state
        ? {
          status: state.status, calledAws: aws,
          badge: aws ? ['AWS', attempts].filter(Boolean).join(' · ') : attempts,
          title: aws ? `${stateTitle(state)} · called AWS` : stateTitle(state),
        }
        : { status: 'notRun' };
    }
  }
  void graphDrawn.then(() => graph.setStatus(status));
  const selected = selectedState === undefined ? undefined : states.get(selectedState);
  replace(stateDetails, selected ? renderStateDetails(selected)
    : selectedState !== undefined ? h('div', {}, h('h2', {}, selectedState), h('p', { class: 'hint' }, history.status === 'RUNNING' ? 'Not entered yet.' : 'Not run.'))
    : h('p', { class: 'hint' }, 'Select a state to see its input, output and timing.'));
}

function stateTitle(state: StateSummary): string {
  return [`${state.name}: ${stateStatusLabels[state.status]}`, state.durationMs !== undefined ? formatDuration(state.durationMs) : undefined, state.error].filter(Boolean).join(' · ');
}

function renderStateDetails(state: StateSummary): HTMLElement {
  const block = (label: string, text: string | undefined) => text === undefined ? undefined
    : h('div', {}, h('h3', {}, label), h('pre', { tabindex: 0 }, text));
  return h('div', {},
    h('h2', {}, state.name),
    h('div', { class: `chip status-${state.status}` }, stateStatusLabels[state.status]),
    h('dl', { class: 'details' },
      h('dt', {}, 'Type'), h('dd', {}, state.type),
      h('dt', {}, 'Entered'), h('dd', { class: 'value' }, formatTimestamp(state.enteredAt)),
      h('dt', {}, 'Exited'), h('dd', { class: 'value' }, formatTimestamp(state.exitedAt)),
      h('dt', {}, 'Duration'), h('dd', { class: 'value' }, formatDuration(state.durationMs)),
      state.entries > 1 && h('dt', {}, 'Entries'), state.entries > 1 && h('dd', {}, String(state.entries)),
      state.attempts > 0 && h('dt', {}, 'Retries'), state.attempts > 0 && h('dd', {}, String(state.attempts - 1))),
    block('Error', state.error),
    block('Cause', state.cause === undefined ? undefined : prettyJson(state.cause)),
    block('Input', prettyJson(state.input)),
    block('Output', state.output === undefined ? undefined : prettyJson(state.output)),
    block('Assigned variables', state.assignedVariables && prettyJson(`{${Object.entries(state.assignedVariables)
      .map(([name, value]) => `${JSON.stringify(name)}:${value}`).join(',')}}`)));
}

function refreshTypes(): void {
  const types = history.eventTypes();
  if (typeSelect.options.length - 1 === types.length) return;
  const selected = typeSelect.value;
  replace(typeSelect, h('option', { value: '' }, 'All types'), ...types.map((type) => h('option', { value: type, selected: type === selected }, type)));
}

function refreshEvents(): void {
  const rows = filterInput.value || typeSelect.value ? filterRows(history.rows, filterInput.value, typeSelect.value) : history.rows;
  table.setCalledAws(outcome?.calledAws ?? []);
  eventCount.textContent = rows.length === history.rows.length ? `${rows.length} events` : `${rows.length} of ${history.rows.length} events`;
  table.setRows(rows);
}
