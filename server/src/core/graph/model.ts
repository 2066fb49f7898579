// The graph model of a state machine: what the graph preview (and the execution view) draw.
// Pure: built from the definition's plain value, so a broken definition still gives a graph of
// whatever parses. Where states stand in the text and what is wrong with them come from the
// caller (the language server knows the syntax tree and the diagnostics).
import { describeChoiceRule } from './conditions';
import { describeTask } from './resources';
import { shortText } from './values';
import { buildStructure, isObject, type JsonPath, type MachineInfo, type MachineStructure, type StateInfo, type Transition } from '../machineStructure';

/** A location inside the definition, as object keys and array indexes from the root. */
export type GraphPath = JsonPath;

export interface GraphPosition { line: number; character: number }
export interface GraphRange { start: GraphPosition; end: GraphPosition }

/** Where a state stands in the text: the whole `"Name": {...}` property, and its key. */
export interface StateLocation { range: GraphRange; keyRange: GraphRange }

export type GraphSeverity = 'error' | 'warning' | 'information' | 'hint';
export interface GraphDiagnostic {
  severity: GraphSeverity;
  message: string;
  /** The field of the state it is about (its first key under the state), for the designer's inspector. */
  field?: string;
  /** The whole path inside the state of what it is about (`["Retry", 0, "MaxAttempts"]`), for the inspector's nested forms. */
  fieldPath?: GraphPath;
}

export interface GraphModelInput {
  /** Where the state at `path` stands in the text, when known. */
  locate?: (path: GraphPath) => StateLocation | undefined;
  /** Diagnostics by the path of the innermost state they fall in ([] for the machine itself). */
  diagnostics?: { path: GraphPath; diagnostic: GraphDiagnostic }[];
  /** The definition's structure, when the caller has walked it already (a document's analysis keeps it). */
  structure?: MachineStructure;
}

/** A drawable item: a state, a ghost (a missing transition target) or a Start/End marker. */
export interface GraphNode {
  /** Unique in the model: `stateId(path)` for states, `<machine id>#...` for the others. */
  id: string;
  kind: 'state' | 'ghost' | 'start' | 'end';
  /** The state's path in the definition ([] for markers and ghosts: they have none). */
  path: GraphPath;
  name: string;
  /** The state's Type (undefined when missing or not a string). */
  type?: string;
  /** Secondary lines under the name, most telling first (e.g. "Lambda Invoke", "my-function"). */
  details: string[];
  /** Small labelled badges (Map mode, MaxConcurrency, integration pattern). */
  badges: GraphBadge[];
  retry?: { summary: string; policy: string[] };
  /** Template placeholders found in the state (`${Name}`, `Fn::GetAtt`, `Ref`). */
  placeholders: string[];
  unreachable: boolean;
  /** End, Succeed, Fail: the state finishes its machine. */
  terminal: boolean;
  diagnostics: GraphDiagnostic[];
  location?: StateLocation;
  /** Parallel: one machine per branch; Map: its item processor. */
  machines: GraphMachine[];
}

export interface GraphBadge { text: string; title: string }

export interface GraphEdge {
  id: string;
  source: string;
  target: string;
  kind: 'next' | 'choice' | 'default' | 'catch' | 'start' | 'end';
  /** Choice condition, "Default", or the Catch's ErrorEquals. */
  label?: string;
  /** The target names no state: drawn red, to a ghost node. */
  missing: boolean;
  /** A Choice rule's or a Catcher's index in its list (the designer re-points that one). */
  index?: number;
}

/** A (sub-)machine: the top level, a Parallel branch or a Map item processor. */
export interface GraphMachine {
  id: string;
  path: GraphPath;
  label: string;
  nodes: GraphNode[];
  edges: GraphEdge[];
}

export interface GraphModel {
  root: GraphMachine;
  /** Diagnostics not inside any state (syntax errors, top-level fields), for a banner. */
  diagnostics: GraphDiagnostic[];
  /** Why nothing could be drawn, when the text holds no state machine at all. */
  problem?: string;
}

/** The id of the state at `path`: a stable, unambiguous string (state names may hold any character). */
export function stateId(path: GraphPath): string {
  return JSON.stringify(path);
}

const TERMINAL_TYPES = new Set(['Succeed', 'Fail']);

export function buildGraphModel(definition: unknown, input: GraphModelInput = {}): GraphModel {
  const diagnosticsByState = new Map<string, GraphDiagnostic[]>();
  const looseDiagnostics: GraphDiagnostic[] = [];
  for (const { path, diagnostic } of input.diagnostics ?? []) {
    if (path.length === 0) {
      looseDiagnostics.push(diagnostic);
      continue;
    }
    const id = stateId(path);
    diagnosticsByState.set(id, [...(diagnosticsByState.get(id) ?? []), diagnostic]);
  }
  const context: BuildContext = { input, diagnosticsByState };
  const structure = input.structure ?? buildStructure(definition);
  const root = buildMachine(context, structure.root ? structure.machines[0] : undefined, [], 'State machine', true);
  const problem = isObject(definition) ? (isObject(definition.States) ? undefined : 'The definition has no "States" object.')
    : 'The document holds no state machine object.';
  return { root, diagnostics: looseDiagnostics, problem };
}

interface BuildContext {
  input: GraphModelInput;
  diagnosticsByState: Map<string, GraphDiagnostic[]>;
}

/** The order edges leave a state in: the choices first, as they are tried, then the default, the next state, the catchers. */
const EDGE_KINDS: [Transition['kind'], GraphEdge['kind']][] = [['Choice', 'choice'], ['Default', 'default'], ['Next', 'next'], ['Catch', 'catch']];

/** A Choice rule's or Catcher's index in its list (the designer re-points that one). */
function ruleIndex(transition: Transition): number | undefined {
  return transition.kind === 'Choice' || transition.kind === 'Catch' ? transition.path[transition.path.length - 2] as number : undefined;
}

function edgeLabel(transition: Transition): string | undefined {
  switch (transition.kind) {
    case 'Choice': return describeChoiceRule(transition.holder);
    case 'Default': return 'Default';
    case 'Catch': return errorList(transition.holder.ErrorEquals);
    default: return undefined;
  }
}

function buildMachine(context: BuildContext, machine: MachineInfo | undefined, path: GraphPath, label: string, topLevel: boolean): GraphMachine {
  const id = stateId(path);
  const result: GraphMachine = { id, path, label, nodes: [], edges: [] };
  const states = machine?.states ?? new Map<string, StateInfo>();
  const nodeIdByName = new Map([...states.values()].map((state) => [state.name, stateId(state.path)]));
  const ghosts = new Map<string, GraphNode>();
  const targetOf = (name: string): { target: string; missing: boolean } => {
    const existing = nodeIdByName.get(name);
    if (existing) return { target: existing, missing: false };
    let ghost = ghosts.get(name);
    if (!ghost) {
      ghost = marker(`${id}#missing:${name}`, 'ghost', name);
      ghost.diagnostics.push({ severity: 'error', message: `No state is named "${name}".` });
      ghosts.set(name, ghost);
    }
    return { target: ghost.id, missing: true };
  };
  const addEdge = (source: string, targetName: unknown, kind: GraphEdge['kind'], label?: string, index?: number) => {
    if (typeof targetName !== 'string') return;
    const { target, missing } = targetOf(targetName);
    result.edges.push({ id: `${source}>${kind}:${result.edges.length}`, source, target, kind, label, missing, ...(index === undefined ? {} : { index }) });
  };

  const start = topLevel ? marker(`${id}#start`, 'start', 'Start') : undefined;
  const end = topLevel ? marker(`${id}#end`, 'end', 'End') : undefined;
  const startAt = machine?.value.StartAt;
  if (start) {
    result.nodes.push(start);
    addEdge(start.id, startAt, 'start');
  }
  for (const state of states.values()) {
    const node = buildState(context, state);
    result.nodes.push(node);
    for (const [transitionKind, edgeKind] of EDGE_KINDS) {
      for (const transition of state.transitions) if (transition.kind === transitionKind) addEdge(node.id, transition.target, edgeKind, edgeLabel(transition), ruleIndex(transition));
    }
    // Successful ends lead to the End marker; a Fail is its own (red) end. Fewer long edges to
    // one far-away marker also keep big layouts fast and readable.
    if (end && node.terminal && node.type !== 'Fail') result.edges.push({ id: `${node.id}>end`, source: node.id, target: end.id, kind: 'end', missing: false });
  }
  result.nodes.push(...ghosts.values());
  // A machine where nothing ends (a loop, only Fail states, a typo in the one terminal state) has no End to draw.
  if (end && result.edges.some((edge) => edge.target === end.id)) result.nodes.push(end);
  markUnreachable(result, typeof startAt === 'string' ? nodeIdByName.get(startAt) : undefined);
  return result;
}

function buildState(context: BuildContext, info: StateInfo): GraphNode {
  const { path, name, type, value: state } = info;
  const id = stateId(path);
  const node: GraphNode = {
    ...marker(id, 'state', name),
    path,
    location: context.input.locate?.(path),
    diagnostics: context.diagnosticsByState.get(id) ?? [],
  };
  node.type = type;
  node.terminal = state.End === true || TERMINAL_TYPES.has(type ?? '');
  node.placeholders = findPlaceholders(state);
  node.retry = describeRetry(state.Retry);
  switch (type) {
    case 'Task': {
      const task = describeTask(state);
      node.details = task.details;
      node.badges = task.badges;
      break;
    }
    case 'Wait':
      node.details = [describeWait(state)];
      break;
    case 'Fail': {
      const error = state.Error ?? state.ErrorPath;
      if (typeof error === 'string') node.details = [error];
      break;
    }
    case 'Parallel':
      node.machines = info.children.map((branch) => buildMachine(context, branch, branch.path, `Branch ${Number(branch.path[branch.path.length - 1]) + 1}`, false));
      break;
    case 'Map': {
      // ItemProcessor, or the older Iterator when there is no ItemProcessor.
      const processor = info.children[0];
      const config = processor?.value.ProcessorConfig;
      const mode = isObject(config) && typeof config.Mode === 'string' ? config.Mode : 'INLINE';
      node.badges = [{ text: mode, title: `Processing mode: ${mode}` }];
      const concurrency = state.MaxConcurrency ?? state.MaxConcurrencyPath;
      if (concurrency !== undefined) {
        node.badges.push({ text: `Max ${typeof concurrency === 'number' && concurrency === 0 ? '∞' : shortText(concurrency)}`, title: `MaxConcurrency: ${shortText(concurrency)}` });
      }
      if (state.ItemReader !== undefined) node.details = ['Items from ItemReader'];
      if (processor) node.machines = [buildMachine(context, processor, processor.path, 'Item processor', false)];
      break;
    }
  }
  return node;
}

function marker(id: string, kind: GraphNode['kind'], name: string): GraphNode {
  return { id, kind, path: [], name, details: [], badges: [], placeholders: [], unreachable: false, terminal: false, diagnostics: [], machines: [] };
}

/** Marks the states no transition reaches from StartAt. Ghosts and markers are never unreachable. */
function markUnreachable(machine: GraphMachine, startId: string | undefined): void {
  const successors = new Map<string, string[]>();
  for (const edge of machine.edges) successors.set(edge.source, [...(successors.get(edge.source) ?? []), edge.target]);
  const reached = new Set<string>();
  const pending = startId ? [startId] : [];
  while (pending.length > 0) {
    const id = pending.pop()!;
    if (reached.has(id)) continue;
    reached.add(id);
    pending.push(...(successors.get(id) ?? []));
  }
  for (const node of machine.nodes) node.unreachable = node.kind === 'state' && !reached.has(node.id);
}

function describeWait(state: Record<string, unknown>): string {
  if (state.Seconds !== undefined) return typeof state.Seconds === 'number' ? `Wait ${formatSeconds(state.Seconds)}` : `Wait ${shortText(state.Seconds)}`;
  if (state.SecondsPath !== undefined) return `Wait ${shortText(state.SecondsPath)} s`;
  if (state.Timestamp !== undefined) return `Until ${shortText(state.Timestamp)}`;
  if (state.TimestampPath !== undefined) return `Until ${shortText(state.TimestampPath)}`;
  return 'Wait';
}

/** 3 -> "3 s", 90 -> "1 min 30 s", 7200 -> "2 h". */
export function formatSeconds(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 60) return `${seconds} s`;
  const parts: string[] = [];
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const rest = seconds % 60;
  if (hours) parts.push(`${hours} h`);
  if (minutes) parts.push(`${minutes} min`);
  if (rest) parts.push(`${rest} s`);
  return parts.join(' ');
}

/** The Retry badge: a one-line summary and one line per retrier (with the AWS defaults filled in). */
function describeRetry(retry: unknown): GraphNode['retry'] {
  if (!Array.isArray(retry) || retry.length === 0) return undefined;
  const policy = retry.filter(isObject).map((retrier) => {
    const attempts = retrier.MaxAttempts ?? 3;
    const parts = [
      `${errorList(retrier.ErrorEquals)}: ${shortText(attempts)} attempt${attempts === 1 ? '' : 's'}`,
      `interval ${shortText(retrier.IntervalSeconds ?? 1)} s`,
      `backoff ×${shortText(retrier.BackoffRate ?? 2)}`,
    ];
    if (retrier.MaxDelaySeconds !== undefined) parts.push(`max delay ${shortText(retrier.MaxDelaySeconds)} s`);
    if (retrier.JitterStrategy !== undefined) parts.push(`jitter ${shortText(retrier.JitterStrategy)}`);
    return parts.join(', ');
  });
  return { summary: `Retry ×${policy.length}`, policy };
}

function errorList(errors: unknown): string {
  return Array.isArray(errors) ? errors.map((error) => shortText(error)).join(', ') : shortText(errors ?? '?');
}

const PLACEHOLDER = /\$\{[^}]*\}/g;
const PLACEHOLDER_FUNCTIONS = ['Fn::GetAtt', 'Ref', 'Fn::Sub', 'Fn::Join', 'Fn::ImportValue'];

/** Template placeholders in a state, not looking into its sub-machines (their states have their own). */
function findPlaceholders(state: Record<string, unknown>): string[] {
  const found = new Set<string>();
  const visit = (value: unknown, depth: number) => {
    if (typeof value === 'string') {
      for (const match of value.match(PLACEHOLDER) ?? []) found.add(match);
    } else if (Array.isArray(value)) {
      value.forEach((item) => visit(item, depth + 1));
    } else if (isObject(value)) {
      for (const [key, item] of Object.entries(value)) {
        if (PLACEHOLDER_FUNCTIONS.includes(key)) found.add(`${key} ${shortText(item)}`);
        else if (!(depth === 0 && (key === 'Branches' || key === 'ItemProcessor' || key === 'Iterator'))) visit(item, depth + 1);
      }
    }
  };
  visit(state, 0);
  return [...found];
}
