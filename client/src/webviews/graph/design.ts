// The graph as a designer: selection, keyboard, drag and drop from the palette onto edges,
// branches and the canvas, dragging an edge's end to another state, and the inspector. Every
// change is a design operation the extension host has the language server turn into one edit
// of the text; the new model that edit gives is drawn as any other.
import type { DesignCompletionItem, DesignEdge, DesignOperation, DesignPath, DesignState, GraphEdge, GraphMachine, GraphModel, GraphNode, PaletteEntry } from '../../../../server/src/protocol';
import type { Box } from './geometry';
import { createInspector } from './inspector';
import type { DesignCommand, FromGraphWebview } from './messages';
import { createPalette, PALETTE_DRAG_TYPE } from './palette';
import type { GraphView } from './render';

type Post = (message: FromGraphWebview) => void;

interface Indexed<T> { item: T; machine: GraphMachine }

export interface Designer {
  readonly palette: HTMLElement;
  readonly inspector: HTMLElement;
  setPalette(entries: PaletteEntry[], operators: string[]): void;
  /** A new model was drawn. */
  modelDrawn(model: GraphModel): void;
  showState(id: string, state: DesignState | null): void;
  /** The language server's answer to the inspector's completion request `id`. */
  completed(id: number, items: DesignCompletionItem[]): void;
  designed(message: string, ok: boolean, select?: string): void;
  run(command: DesignCommand): void;
}

export function createDesigner(host: HTMLElement, view: GraphView, post: Post): Designer {
  let nodes = new Map<string, Indexed<GraphNode>>();
  let edges = new Map<string, Indexed<GraphEdge>>();
  let selectedState: string | undefined;
  let selectedEdge: string | undefined;
  let pendingSelect: string | undefined;
  const live = document.createElement('div');
  live.className = 'sr-only';
  live.setAttribute('role', 'status');
  live.setAttribute('aria-live', 'polite');
  host.append(live);

  const design = (operation: DesignOperation, announce: string) => post({ type: 'design', operation, announce });
  const palette = createPalette((entry) => insert(entry, placeForKeyboard()));
  let operators: string[] = [];
  const completions = new Map<number, (items: DesignCompletionItem[]) => void>();
  let completionsAsked = 0;
  const complete = (state: DesignPath, field: DesignPath, text: string, offset: number) => new Promise<DesignCompletionItem[]>((resolve) => {
    const id = ++completionsAsked;
    completions.set(id, resolve);
    post({ type: 'complete', id, state, field, text, offset });
  });
  const inspector = createInspector(design, () => operators, complete);
  inspector.show(undefined, undefined);

  const announce = (message: string) => {
    // Emptied first so that the same message twice is announced twice.
    live.textContent = '';
    requestAnimationFrame(() => live.textContent = message);
  };

  function insert(entry: PaletteEntry, on: { edge: DesignEdge; label: string } | { machine: DesignPath; label: string }): void {
    const place = 'edge' in on ? { edge: on.edge } : { machine: on.machine };
    design({ kind: 'insertState', entry: entry.id, on: place }, `Inserted ${entry.label} ${on.label}`);
  }

  /** Where Enter in the palette inserts: on the selected edge, after the selected state, else in the machine. */
  function placeForKeyboard(): { edge: DesignEdge; label: string } | { machine: DesignPath; label: string } {
    const edge = selectedEdge ? edges.get(selectedEdge) : undefined;
    if (edge) return { edge: designEdge(edge), label: `on the edge from ${nameOf(edge.item.source)}` };
    const state = selectedState ? nodes.get(selectedState) : undefined;
    if (state) return placeAfter(state);
    return { machine: [], label: 'in the state machine' };
  }

  function placeAfter(state: Indexed<GraphNode>): { edge: DesignEdge; label: string } | { machine: DesignPath; label: string } {
    const out = state.machine.edges.find((edge) => edge.source === state.item.id && (edge.kind === 'next' || edge.kind === 'end'));
    if (out && (out.kind === 'next' || state.item.type !== 'Succeed')) return { edge: designEdge({ item: out, machine: state.machine }), label: `after ${state.item.name}` };
    return { machine: state.machine.path, label: `beside ${state.item.name}` };
  }

  function designEdge({ item: edge, machine }: Indexed<GraphEdge>): DesignEdge {
    const from = nodes.get(edge.source)?.item.path ?? [];
    switch (edge.kind) {
      case 'start': return { startAt: machine.path };
      case 'end': return { from, kind: 'End' };
      case 'default': return { from, kind: 'Default' };
      case 'choice': return { from, kind: 'Choice', index: edge.index ?? 0 };
      case 'catch': return { from, kind: 'Catch', index: edge.index ?? 0 };
      default: return { from, kind: 'Next' };
    }
  }

  const nameOf = (id: string) => nodes.get(id)?.item.name ?? 'Start';

  function selectState(id: string | undefined): void {
    selectEdge(undefined);
    selectedState = id;
    for (const element of host.querySelectorAll('.selected[data-id]')) element.classList.remove('selected');
    const node = id ? nodes.get(id)?.item : undefined;
    if (!node || !id) {
      inspector.show(undefined, undefined);
      return;
    }
    host.querySelector(`[data-id="${CSS.escape(id)}"]`)?.classList.add('selected');
    post({ type: 'inspect', id, path: node.path });
  }

  function selectEdge(id: string | undefined): void {
    selectedEdge = id;
    for (const element of host.querySelectorAll('.edge.selected')) element.classList.remove('selected');
    if (id) {
      host.querySelector(`.edge[data-edge="${CSS.escape(id)}"]`)?.classList.add('selected');
      const edge = edges.get(id)?.item;
      if (edge) announce(`Edge from ${nameOf(edge.source)} to ${nameOf(edge.target)} selected: Enter in the palette inserts a state on it`);
    }
  }

  function run(command: DesignCommand): void {
    if (command === 'palette') return palette.focus();
    const node = selectedState ? nodes.get(selectedState)?.item : undefined;
    if (!node) {
      announce('Select a state first');
      return;
    }
    const path = node.path;
    switch (command) {
      case 'delete': return design({ kind: 'deleteState', state: path }, `Deleted ${node.name}`);
      case 'duplicate': return design({ kind: 'duplicateState', state: path }, `Duplicated ${node.name}`);
      case 'addBranch': return design({ kind: 'addBranch', state: path }, `Added a branch to ${node.name}`);
      case 'addChoiceRule': return design({ kind: 'addChoiceRule', state: path }, `Added a rule to ${node.name}`);
      case 'addCatcher': return design({ kind: 'addCatcher', state: path }, `Added a catcher to ${node.name}`);
      case 'addRetrier': return design({ kind: 'addRetrier', state: path }, `Added a retrier to ${node.name}`);
      case 'rename':
      case 'inspector':
        inspector.focus();
        return;
    }
  }

  // Keyboard: on a state, Delete, Ctrl+D, F2, Enter (edit in the inspector) and the arrow keys; anywhere, undo and redo.
  host.addEventListener('keydown', (event) => {
    const id = (event.target as Element).getAttribute?.('data-id');
    const onState = id !== null && id !== undefined && nodes.get(id)?.item.kind === 'state';
    const key = event.key;
    const modifier = event.ctrlKey || event.metaKey;
    let command: DesignCommand | undefined;
    if (onState && (key === 'Delete' || key === 'Backspace')) command = 'delete';
    else if (onState && modifier && key.toLowerCase() === 'd') command = 'duplicate';
    else if (onState && (key === 'F2' || key === 'Enter')) command = 'inspector';
    if (command) {
      event.preventDefault();
      event.stopPropagation();
      run(command);
      return;
    }
    if (onState && event.altKey && (key === 'ArrowUp' || key === 'ArrowDown')) {
      event.preventDefault();
      event.stopPropagation();
      moveAlongFlow(nodes.get(id)!, key === 'ArrowDown' ? 1 : -1);
      return;
    }
    const arrow = ARROWS[key];
    if (onState && arrow) {
      event.preventDefault();
      const next = nearest(id, arrow);
      if (next) view.focusNode(next);
    }
  }, true);
  document.addEventListener('keydown', (event) => {
    if (!(event.ctrlKey || event.metaKey) || (event.target as Element).closest?.('input, textarea, select')) return;
    const key = event.key.toLowerCase();
    if (key === 'z' || key === 'y') {
      event.preventDefault();
      post({ type: key === 'y' || event.shiftKey ? 'redo' : 'undo' });
    }
  });

  /** Alt+Down: the state moves after the one it goes to; Alt+Up: before the one that comes to it. */
  function moveAlongFlow(state: Indexed<GraphNode>, step: 1 | -1): void {
    const { machine, item } = state;
    const onward = (id: string) => machine.edges.find((edge) => edge.source === id && (edge.kind === 'next' || edge.kind === 'end'));
    const inward = (id: string) => machine.edges.find((edge) => edge.target === id && (edge.kind === 'next' || edge.kind === 'start'));
    const neighbour = step === 1 ? onward(item.id)?.target : inward(item.id)?.source;
    const to = neighbour && (step === 1 ? onward(neighbour) : inward(neighbour));
    if (!to) {
      announce(`${item.name} cannot move ${step === 1 ? 'further down' : 'further up'} the flow`);
      return;
    }
    design({ kind: 'moveState', state: item.path, to: designEdge({ item: to, machine }) }, `Moved ${item.name} ${step === 1 ? 'after' : 'before'} ${nameOf(neighbour)}`);
  }

  /** The state nearest to `id` in a direction, by the layout's boxes. */
  function nearest(id: string, [dx, dy]: [number, number]): string | undefined {
    const from = view.nodeBox(id);
    if (!from) return undefined;
    const centre = (box: Box) => ({ x: box.x + box.width / 2, y: box.y + box.height / 2 });
    const origin = centre(from);
    let best: { id: string; score: number } | undefined;
    for (const candidate of view.stateIds()) {
      const box = candidate !== id ? view.nodeBox(candidate) : undefined;
      if (!box) continue;
      const point = centre(box);
      const along = (point.x - origin.x) * dx + (point.y - origin.y) * dy;
      if (along <= 1) continue;
      const across = Math.abs((point.x - origin.x) * dy - (point.y - origin.y) * dx);
      const score = along + 2 * across;
      if (!best || score < best.score) best = { id: candidate, score };
    }
    return best?.id;
  }

  host.addEventListener('focusin', (event) => {
    const id = (event.target as Element).getAttribute?.('data-id');
    if (id && nodes.get(id)?.item.kind === 'state' && id !== selectedState) selectState(id);
  });
  host.addEventListener('click', (event) => {
    const edge = (event.target as Element).closest?.('.edge[data-edge]');
    if (edge) selectEdge(edge.getAttribute('data-edge')!);
  });

  // Drag and drop from the palette.
  let dropTarget: Element | undefined;
  const markDrop = (element: Element | undefined) => {
    dropTarget?.classList.remove('drop-target');
    dropTarget = element;
    dropTarget?.classList.add('drop-target');
  };
  const dropTargetAt = (x: number, y: number): Element | undefined => {
    const hit = document.elementFromPoint(x, y);
    return hit?.closest('.edge[data-edge]') ?? hit?.closest('.lane[data-machine]') ?? hit?.closest('.node[data-id]') ?? undefined;
  };
  host.addEventListener('dragover', (event) => {
    if (!event.dataTransfer?.types.includes(PALETTE_DRAG_TYPE)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
    markDrop(dropTargetAt(event.clientX, event.clientY));
  });
  host.addEventListener('dragleave', () => markDrop(undefined));
  host.addEventListener('drop', (event) => {
    const id = event.dataTransfer?.getData(PALETTE_DRAG_TYPE);
    markDrop(undefined);
    const entry = id ? paletteEntries.find((candidate) => candidate.id === id) : undefined;
    if (!entry) return;
    event.preventDefault();
    insert(entry, placeOf(dropTargetAt(event.clientX, event.clientY)));
  });

  function placeOf(target: Element | undefined): { edge: DesignEdge; label: string } | { machine: DesignPath; label: string } {
    const edge = target?.getAttribute('data-edge');
    const indexed = edge ? edges.get(edge) : undefined;
    if (indexed) return { edge: designEdge(indexed), label: `between ${nameOf(indexed.item.source)} and ${nameOf(indexed.item.target)}` };
    const machine = target?.getAttribute('data-machine');
    if (machine) return { machine: JSON.parse(machine) as DesignPath, label: 'in the branch' };
    const state = target?.getAttribute('data-id');
    const node = state ? nodes.get(state) : undefined;
    if (node?.item.kind === 'state') return placeAfter(node);
    return { machine: [], label: 'in the state machine' };
  }

  // Dragging an edge re-points its end at the state it is dropped on (the End marker: the flow ends there).
  let rerouting: { edge: Indexed<GraphEdge>; line: SVGLineElement; overlay: SVGSVGElement } | undefined;
  host.addEventListener('pointerdown', (event) => {
    const hit = (event.target as Element).closest?.('.edge[data-edge]');
    const edge = hit ? edges.get(hit.getAttribute('data-edge')!) : undefined;
    if (!edge || event.button !== 0) return;
    event.stopPropagation();
    selectEdge(edge.item.id);
    const overlay = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    overlay.classList.add('reroute-overlay');
    const line = document.createElementNS('http://www.w3.org/2000/svg', 'line');
    const bounds = host.getBoundingClientRect();
    for (const [name, value] of [['x1', event.clientX - bounds.left], ['y1', event.clientY - bounds.top], ['x2', event.clientX - bounds.left], ['y2', event.clientY - bounds.top]] as const) line.setAttribute(name, String(value));
    overlay.append(line);
    host.append(overlay);
    host.setPointerCapture(event.pointerId);
    rerouting = { edge, line, overlay };
  }, true);
  host.addEventListener('pointermove', (event) => {
    if (!rerouting) return;
    const bounds = host.getBoundingClientRect();
    rerouting.line.setAttribute('x2', String(event.clientX - bounds.left));
    rerouting.line.setAttribute('y2', String(event.clientY - bounds.top));
    rerouting.overlay.style.pointerEvents = 'none';
    markDrop(document.elementFromPoint(event.clientX, event.clientY)?.closest('.node[data-id]') ?? undefined);
  });
  const endReroute = (event: PointerEvent, apply: boolean) => {
    if (!rerouting) return;
    const { overlay } = rerouting;
    // A new model may have been drawn meanwhile: the edge as it is now.
    const edge = edges.get(rerouting.edge.item.id) ?? rerouting.edge;
    rerouting = undefined;
    overlay.remove();
    markDrop(undefined);
    if (host.hasPointerCapture(event.pointerId)) host.releasePointerCapture(event.pointerId);
    const target = apply ? document.elementFromPoint(event.clientX, event.clientY)?.closest('.node[data-id]')?.getAttribute('data-id') : undefined;
    const node = target ? nodes.get(target) : undefined;
    if (!node || target === edge.item.target) return;
    const from = nameOf(edge.item.source);
    if (node.item.kind === 'end') design({ kind: 'setTarget', edge: designEdge(edge), target: null }, `${from} now ends the flow`);
    else if (node.item.kind === 'state' && node.machine.id === edge.machine.id) design({ kind: 'setTarget', edge: designEdge(edge), target: node.item.name }, `${from} now goes to ${node.item.name}`);
    else announce(`${node.item.name} is in another machine: an edge stays inside its machine`);
  };
  host.addEventListener('pointerup', (event) => endReroute(event, true));
  host.addEventListener('pointercancel', (event) => endReroute(event, false));

  // Dragging a state (past a few pixels: less is a click) onto an edge moves it into that transition.
  let moving: { node: Indexed<GraphNode>; x: number; y: number; dragging: boolean } | undefined;
  let swallowClick = false;
  host.addEventListener('pointerdown', (event) => {
    const id = (event.target as Element).closest?.('[data-id][tabindex]')?.getAttribute('data-id');
    const node = id ? nodes.get(id) : undefined;
    if (node?.item.kind === 'state' && event.button === 0 && !rerouting) moving = { node, x: event.clientX, y: event.clientY, dragging: false };
  });
  host.addEventListener('pointermove', (event) => {
    if (!moving) return;
    if (!moving.dragging && Math.hypot(event.clientX - moving.x, event.clientY - moving.y) > MOVE_THRESHOLD) {
      moving.dragging = true;
      host.setPointerCapture(event.pointerId);
      host.classList.add('moving-state');
    }
    if (moving.dragging) markDrop(document.elementFromPoint(event.clientX, event.clientY)?.closest('.edge[data-edge]') ?? undefined);
  });
  const endMove = (event: PointerEvent, apply: boolean) => {
    const move = moving;
    moving = undefined;
    if (!move?.dragging) return;
    swallowClick = true;
    host.classList.remove('moving-state');
    markDrop(undefined);
    if (host.hasPointerCapture(event.pointerId)) host.releasePointerCapture(event.pointerId);
    const edgeId = apply ? document.elementFromPoint(event.clientX, event.clientY)?.closest('.edge[data-edge]')?.getAttribute('data-edge') : undefined;
    const edge = edgeId ? edges.get(edgeId) : undefined;
    if (!edge) return;
    const { item } = move.node;
    design({ kind: 'moveState', state: item.path, to: designEdge(edge) }, `Moved ${item.name} between ${nameOf(edge.item.source)} and ${nameOf(edge.item.target)}`);
  };
  host.addEventListener('pointerup', (event) => endMove(event, true));
  host.addEventListener('pointercancel', (event) => endMove(event, false));
  host.addEventListener('click', (event) => {
    // The click that ends a drag is no click on the state (it would reveal it in the text).
    if (!swallowClick) return;
    swallowClick = false;
    event.stopPropagation();
  }, true);

  let paletteEntries: PaletteEntry[] = [];
  return {
    palette: palette.element,
    inspector: inspector.element,
    setPalette(entries, ruleOperators) {
      paletteEntries = entries;
      operators = ruleOperators;
      palette.setEntries(entries);
    },
    modelDrawn(model) {
      nodes = new Map();
      edges = new Map();
      const visit = (machine: GraphMachine) => {
        for (const node of machine.nodes) {
          nodes.set(node.id, { item: node, machine });
          node.machines.forEach(visit);
        }
        for (const edge of machine.edges) edges.set(edge.id, { item: edge, machine });
      };
      visit(model.root);
      const found = pendingSelect !== undefined && nodes.has(pendingSelect);
      const select = found ? pendingSelect : selectedState && nodes.has(selectedState) ? selectedState : undefined;
      // A model of an older version (its diagnostics arriving late) does not have it yet: the next one will.
      if (found) pendingSelect = undefined;
      if (select && select !== selectedState) view.focusNode(select);
      selectState(select);
    },
    showState(id, state) {
      const node = nodes.get(id)?.item;
      if (id === selectedState) inspector.show(node, state ?? undefined);
    },
    completed(id, items) {
      completions.get(id)?.(items);
      completions.delete(id);
    },
    designed(message, ok, select) {
      announce(message);
      if (!ok || !select || select === selectedState) return;
      // The new model may be drawn already (then select now), or not yet (then once it is).
      if (nodes.has(select)) {
        view.focusNode(select);
        selectState(select);
      } else {
        pendingSelect = select;
      }
    },
    run,
  };
}

/** How far (CSS pixels) a state is dragged before it moves rather than being clicked. */
const MOVE_THRESHOLD = 8;

const ARROWS: Record<string, [number, number]> = { ArrowUp: [0, -1], ArrowDown: [0, 1], ArrowLeft: [-1, 0], ArrowRight: [1, 0] };
