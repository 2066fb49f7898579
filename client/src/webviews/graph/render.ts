// The state machine graph renderer: lays a graph model out (ELK) and draws it as SVG, with
// pan/zoom, focus, search, highlight, export, and an execution status overlay. Browser-only;
// used by the graph preview (./main.ts) and reusable by any other webview, e.g. an execution view:
//
//   import { GraphView } from '../graph/render';       // its CSS comes along: ./graph.css
//   const stateId = (path: (string | number)[]) => JSON.stringify(path); // as core/graph/model.ts names states
//   const view = new GraphView(document.getElementById('graph')!, { onActivate: (node) => ... });
//   await view.update(model);                           // a GraphModel, e.g. from the aslWorkbench/graphModel request
//   view.setStatus({ [stateId(['States', 'Pay'])]: { status: 'failed', badge: '3 attempts', title: 'States.TaskFailed' } });
//   view.fit();
//
// Status colours follow the Step Functions console legend (Succeeded green, Failed red, Caught
// error orange, In progress blue, Cancelled and Not run grey); setStatus never re-lays out.
// Every text from the model is written with textContent (never parsed as markup).
import type { GraphModel, GraphNode } from '../../../../server/src/protocol';
import { stateStatusLabels, type StateStatus } from '../../../../server/src/core/history/viewModel';
import { Box, canvasMeasurer, Direction, fitText, GraphLayout, hasChipRow, METRICS, PlacedEdge, PlacedNode, TextMeasurer } from './geometry';
import { LayoutCache, layoutGraph } from './layout';
import './graph.css';

/** What a node shows of its state in an execution: the state's status (core/history/viewModel.ts), or that it did not run. */
export type NodeStatus = StateStatus | 'notRun';
export interface NodeOverlay {
  status: NodeStatus;
  /** Short text in a badge on the node, e.g. "2 attempts" or "1.2 s". */
  badge?: string;
  /** Tooltip of the badge. */
  title?: string;
  /** The state a debugger is stopped at: drawn apart from every other. */
  current?: boolean;
  /** A hybrid run's state whose Task called AWS: its badge is outlined. */
  calledAws?: boolean;
}
/** Overlay by state id (`stateId(path)` of the state). States not in the map are drawn as usual. */
export type OverlayMap = Record<string, NodeOverlay>;

const NODE_STATUS_LABELS: Record<NodeStatus, string> = { ...stateStatusLabels, notRun: 'Not run' };

export interface GraphViewOptions {
  direction?: Direction;
  /** A node was clicked, or Enter was pressed on it. */
  onActivate?: (node: GraphNode) => void;
  /** The user panned or zoomed (to remember the view). */
  onViewportChange?: (viewport: Viewport) => void;
}

export interface Viewport { x: number; y: number; scale: number }

const SVG = 'http://www.w3.org/2000/svg';
/** The zoom's bounds, and the scale below which node names are too small to read. */
/** At most this far below the top the fitted graph starts (px). */
const FIT_TOP_MARGIN = 24;

const ZOOM = { min: 0.02, max: 3, readable: 0.7 };
/** Graphs up to `wholeUpTo` nodes are drawn whole at once; bigger ones as they come within `marginPx` (screen pixels) of the viewport, ahead of a pan. */
const DRAWING = { wholeUpTo: 150, marginPx: 400 };
let viewCount = 0;

export class GraphView {
  readonly svg: SVGSVGElement;
  private readonly viewportGroup: SVGGElement;
  private measure: TextMeasurer;
  private measuredFont: string;
  private readonly idPrefix = `asl-graph-${++viewCount}`;
  private direction: Direction;
  private model: GraphModel | undefined;
  private layout: GraphLayout | undefined;
  private readonly layoutCache: LayoutCache = {};
  private status: OverlayMap = {};
  /** Drawn nodes and containers by id; big graphs draw only what comes into view (see `drawVisible`). */
  private elements = new Map<string, SVGGElement>();
  private placedById = new Map<string, PlacedNode>();
  private pending: { nodes: PlacedNode[]; edges: { placed: PlacedEdge; bounds: Box }[] } = { nodes: [], edges: [] };
  private layers: { containers: SVGGElement; edges: SVGGElement; nodes: SVGGElement } | undefined;
  /** What each drawn node and edge element shows (drawnKey), so the next model's redraw keeps the ones that did not change. */
  private readonly drawnKeys = new WeakMap<Element, string>();
  private drawScheduled = false;
  private knownSize: { width: number; height: number } | undefined;
  private readonly resizeObserver = new ResizeObserver(([entry]) => {
    this.knownSize = { width: entry.contentRect.width || 800, height: entry.contentRect.height || 600 };
    if (this.automaticView === 'fit') this.fit();
    else if (this.automaticView === 'start') this.showStart();
    this.scheduleDraw();
  });
  /** The view `fit` or `showStart` chose, kept on a resize until the user pans or zooms. */
  private automaticView: 'fit' | 'start' | undefined;
  private matches = new Set<string>();
  private highlighted: string | undefined;
  private viewport: Viewport = { x: 0, y: 0, scale: 1 };
  private pendingUpdate: Promise<void> = Promise.resolve();

  constructor(private readonly host: HTMLElement, private readonly options: GraphViewOptions = {}) {
    this.direction = options.direction ?? 'DOWN';
    this.svg = svgElement('svg', { class: 'asl-graph', role: 'group', 'aria-label': 'State machine graph' });
    this.svg.append(this.markers());
    this.viewportGroup = svgElement('g', { class: 'viewport' });
    this.svg.append(this.viewportGroup);
    host.append(this.svg);
    this.measuredFont = this.drawingFont();
    this.measure = canvasMeasurer(this.measuredFont);
    this.listen();
    this.resizeObserver.observe(this.svg);
  }

  /** Lays out and draws `model`. Calls are queued, so the last model wins. The layout is reused when only texts of the same size changed. */
  update(model: GraphModel): Promise<void> {
    this.pendingUpdate = this.pendingUpdate.then(() => this.draw(model)).catch((error) => console.error(error));
    return this.pendingUpdate;
  }

  getDirection(): Direction {
    return this.direction;
  }

  async setDirection(direction: Direction): Promise<void> {
    this.direction = direction;
    if (this.model) await this.update(this.model);
    this.fit();
  }

  /** Colours states by execution status; replaces the previous map. */
  setStatus(status: OverlayMap): void {
    this.status = status;
    for (const [id, element] of this.elements) this.applyStatus(element, status[id]);
  }

  /** Marks one node (the state under the editor's cursor); `reveal` pans to it when it is out of sight. */
  highlight(id: string | undefined, reveal = true): void {
    if (this.highlighted) this.elements.get(this.highlighted)?.classList.remove('highlighted');
    this.highlighted = id;
    if (!id || !this.placedById.has(id)) return;
    if (reveal) this.reveal(id);
    this.elements.get(id)?.classList.add('highlighted');
  }

  /** Marks the nodes whose name contains `text` (case-insensitive) and returns their ids in drawing order. */
  search(text: string): string[] {
    const query = text.trim().toLowerCase();
    const matches = (this.layout?.nodes ?? [])
      .filter((placed) => query !== '' && placed.node.kind === 'state' && placed.node.name.toLowerCase().includes(query))
      .map((placed) => placed.node.id);
    this.matches = new Set(matches);
    for (const [id, element] of this.elements) element.classList.toggle('match', this.matches.has(id));
    this.svg.classList.toggle('searching', query !== '');
    return matches;
  }

  /** Centres the node, keeping the zoom. */
  reveal(id: string): void {
    const placed = this.placed(id);
    if (!placed) return;
    const { width, height } = this.size();
    const { scale } = this.viewport;
    const left = placed.x * scale + this.viewport.x;
    const top = placed.y * scale + this.viewport.y;
    const visible = left >= 0 && top >= 0 && left + placed.width * scale <= width && top + placed.height * scale <= height;
    if (!visible) {
      this.setViewport({ scale, x: width / 2 - (placed.x + placed.width / 2) * scale, y: height / 2 - (placed.y + placed.height / 2) * scale });
    }
    this.drawVisible();
  }

  /** Where a node stands in the layout (the designer's arrow keys go to the nearest one in a direction). */
  nodeBox(id: string): Box | undefined {
    const placed = this.placed(id);
    return placed && { x: placed.x, y: placed.y, width: placed.width, height: placed.height };
  }

  /** The states of the layout, in its order. */
  stateIds(): string[] {
    return (this.layout?.nodes ?? []).filter((placed) => placed.node.kind === 'state').map((placed) => placed.node.id);
  }

  focusNode(id: string): void {
    this.reveal(id);
    this.elements.get(id)?.focus({ preventScroll: true });
  }

  /**
   * Zooms so the whole graph fits, never above 100%, centred across and near the top (a view taller than the
   * window, under the bottom panel, would hide a small graph centred in it); it fits again when the view is
   * resized, until the user pans or zooms.
   */
  fit(): void {
    if (!this.layout) return;
    const { width, height } = this.size();
    const scale = clamp(Math.min(width / this.layout.width, height / this.layout.height, 1), ZOOM.min, ZOOM.max);
    this.moveViewport({ scale, x: (width - this.layout.width * scale) / 2, y: clamp((height - this.layout.height * scale) / 2, 0, FIT_TOP_MARGIN) });
    this.automaticView = 'fit';
  }

  /** The first view of a graph: all of it when that stays readable, else its start at a readable zoom. */
  showStart(): void {
    if (!this.layout) return;
    const { width, height } = this.size();
    if (Math.min(width / this.layout.width, height / this.layout.height) >= ZOOM.readable) {
      this.fit();
      return;
    }
    const start = this.layout.nodes.find((placed) => placed.node.kind === 'start') ?? this.layout.nodes[0];
    const scale = ZOOM.readable;
    const down = this.direction === 'DOWN';
    this.moveViewport({
      scale,
      x: down ? width / 2 - (start.x + start.width / 2) * scale : 24 - start.x * scale,
      y: down ? 24 - start.y * scale : height / 2 - (start.y + start.height / 2) * scale,
    });
    this.automaticView = 'start';
  }

  zoomBy(factor: number, centre = { x: this.size().width / 2, y: this.size().height / 2 }): void {
    const scale = clamp(this.viewport.scale * factor, ZOOM.min, ZOOM.max);
    const ratio = scale / this.viewport.scale;
    this.setViewport({ scale, x: centre.x - (centre.x - this.viewport.x) * ratio, y: centre.y - (centre.y - this.viewport.y) * ratio });
  }

  getViewport(): Viewport {
    return { ...this.viewport };
  }

  /** Shows `viewport`; it stays as set when the view is resized. */
  setViewport(viewport: Viewport): void {
    this.automaticView = undefined;
    this.moveViewport(viewport);
  }

  private moveViewport(viewport: Viewport): void {
    this.viewport = viewport;
    this.viewportGroup.setAttribute('transform', `translate(${viewport.x} ${viewport.y}) scale(${viewport.scale})`);
    this.options.onViewportChange?.(this.getViewport());
    this.scheduleDraw();
  }

  /** The drawing as a standalone SVG document: colours resolved from the theme, no viewport transform. */
  exportSvg(): string {
    if (!this.layout) return '';
    this.drawVisible(true);
    const clone = this.svg.cloneNode(true) as SVGSVGElement;
    inlineStyles(this.svg, clone);
    clone.removeAttribute('class');
    clone.removeAttribute('role');
    clone.setAttribute('xmlns', SVG);
    clone.setAttribute('width', String(Math.ceil(this.layout.width)));
    clone.setAttribute('height', String(Math.ceil(this.layout.height)));
    clone.setAttribute('viewBox', `0 0 ${Math.ceil(this.layout.width)} ${Math.ceil(this.layout.height)}`);
    clone.querySelector('.viewport')?.removeAttribute('transform');
    for (const element of clone.querySelectorAll('[tabindex]')) element.removeAttribute('tabindex');
    const background = svgElement('rect', { width: '100%', height: '100%', fill: cssColor(getComputedStyle(this.host).backgroundColor) || '#ffffff' });
    clone.insertBefore(background, clone.firstChild);
    return `<?xml version="1.0" encoding="UTF-8"?>\n${xmlCharacters(new XMLSerializer().serializeToString(clone))}`;
  }

  /** The drawing as a PNG data URL, at `scale` times its size. */
  async exportPng(scale = 2): Promise<string> {
    const svg = this.exportSvg();
    if (!this.layout || !svg) return '';
    const image = new Image();
    // A data: URL, which the webviews' CSP allows for images.
    await new Promise<void>((resolve, reject) => {
      image.onload = () => resolve();
      image.onerror = () => reject(new Error('The SVG could not be drawn.'));
      image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
    });
    const canvas = document.createElement('canvas');
    canvas.width = Math.ceil(this.layout.width * scale);
    canvas.height = Math.ceil(this.layout.height * scale);
    const context = canvas.getContext('2d')!;
    context.scale(scale, scale);
    context.drawImage(image, 0, 0);
    return canvas.toDataURL('image/png');
  }

  /** Removes the drawing from its host (for a page that replaces its view). */
  dispose(): void {
    this.resizeObserver.disconnect();
    this.svg.remove();
  }

  private async draw(model: GraphModel): Promise<void> {
    this.model = model;
    // The theme's font may have come after the constructor (VS Code sets it once the page's script has run).
    const font = this.drawingFont();
    if (font !== this.measuredFont) {
      this.measuredFont = font;
      this.measure = canvasMeasurer(font);
    }
    this.layout = await layoutGraph(model, this.measure, this.direction, this.layoutCache);
    this.render(this.layout);
  }

  /**
   * Draws the containers (few, and their order is their stacking), then whatever the viewport shows.
   * The DOM is updated in place: a node or edge drawn before that shows the same is kept (a moved node
   * only gets its new position), so an edit redraws what it changed, not the whole picture.
   */
  private render(layout: GraphLayout): void {
    const containers = svgElement('g', { class: 'containers' });
    const previous = this.layers;
    // The elements drawn before, by what they stand for (a node's id, an edge's ends): only those are worth comparing.
    const reusable = new Map<string, Element[]>();
    for (const layer of previous ? [previous.nodes, previous.edges] : []) {
      for (const element of layer.children) {
        const identity = element.getAttribute('data-id') ?? `${element.getAttribute('data-source')}>${element.getAttribute('data-target')}`;
        reusable.set(identity, [...reusable.get(identity) ?? [], element]);
      }
    }
    const reuse = (identity: string, key: () => string) => {
      const candidates = reusable.get(identity);
      if (!candidates) return undefined;
      const wanted = key();
      const index = candidates.findIndex((element) => this.drawnKeys.get(element) === wanted);
      return index < 0 ? undefined : candidates.splice(index, 1)[0];
    };
    this.layers = previous ? { ...previous, containers } : { containers, edges: svgElement('g', { class: 'edges' }), nodes: svgElement('g', { class: 'nodes' }) };
    this.elements = new Map();
    this.placedById = new Map(layout.nodes.map((placed) => [placed.node.id, placed]));
    this.pending = { nodes: [], edges: [] };
    for (const placed of layout.nodes) {
      if (placed.container) {
        containers.append(this.decorate(this.drawContainer(placed)));
        continue;
      }
      const kept = reuse(placed.node.id, () => nodeKey(placed)) as SVGGElement | undefined;
      if (kept) {
        kept.setAttribute('transform', `translate(${placed.x} ${placed.y})`);
        this.decorate(kept);
      } else this.pending.nodes.push(placed);
    }
    for (const placed of layout.edges) {
      const kept = reuse(`${placed.edge.source}>${placed.edge.target}`, () => edgeKey(placed));
      // An edge's id numbers it among its machine's edges: an edge added before it renumbers it.
      if (kept) kept.setAttribute('data-edge', placed.edge.id);
      else this.pending.edges.push({ placed, bounds: edgeBounds(placed) });
    }
    for (const element of [...reusable.values()].flat()) element.remove();
    if (previous) previous.containers.replaceWith(containers);
    else this.viewportGroup.replaceChildren(containers, this.layers.edges, this.layers.nodes);
    this.drawVisible(layout.nodes.length <= DRAWING.wholeUpTo);
  }

  private scheduleDraw(): void {
    if (this.drawScheduled || (this.pending.nodes.length === 0 && this.pending.edges.length === 0)) return;
    this.drawScheduled = true;
    requestAnimationFrame(() => {
      this.drawScheduled = false;
      this.drawVisible();
    });
  }

  /**
   * Draws the nodes and edges in (or near) the viewport that are not drawn yet; `all` draws the rest.
   * A 500-state machine at a readable zoom shows a few dozen states: the others cost nothing until seen.
   */
  private drawVisible(all = false): void {
    if (!this.layers || (this.pending.nodes.length === 0 && this.pending.edges.length === 0)) return;
    const { width, height } = this.size();
    const { x, y, scale } = this.viewport;
    const margin = DRAWING.marginPx / scale;
    const view = { x: -x / scale - margin, y: -y / scale - margin, width: width / scale + 2 * margin, height: height / scale + 2 * margin };
    const inView = (box: Box) => all || intersects(box, view);
    const nodes = this.pending.nodes.filter(inView);
    const edges = this.pending.edges.filter(({ bounds }) => inView(bounds));
    if (nodes.length === 0 && edges.length === 0) return;
    const [drawnNodes, drawnEdges] = [new Set(nodes), new Set(edges)];
    this.pending = { nodes: this.pending.nodes.filter((placed) => !drawnNodes.has(placed)), edges: this.pending.edges.filter((edge) => !drawnEdges.has(edge)) };
    this.layers.nodes.append(...nodes.map((placed) => this.keyed(this.decorate(this.drawNode(placed)), nodeKey(placed))));
    this.layers.edges.append(...edges.map(({ placed }) => this.keyed(this.drawEdge(placed), edgeKey(placed))));
  }

  private keyed(element: SVGGElement, key: string): SVGGElement {
    this.drawnKeys.set(element, key);
    return element;
  }

  /** Registers a drawn node and gives it the marks it has: status, highlight, search match. */
  private decorate(element: SVGGElement): SVGGElement {
    const id = element.getAttribute('data-id')!;
    this.elements.set(id, element);
    if (this.status[id]) this.applyStatus(element, this.status[id]);
    if (id === this.highlighted) element.classList.add('highlighted');
    if (this.matches.has(id)) element.classList.add('match');
    return element;
  }

  private drawNode(placed: PlacedNode): SVGGElement {
    const { node, width, height } = placed;
    const group = this.nodeGroup(placed, `node ${nodeClass(node)}`);
    group.append(shapeOf(node, width, height));
    if (node.kind === 'start' || node.kind === 'end') {
      group.append(text(placed.text.name, width / 2, height / 2 + 4, 'marker-text', 'middle'));
      return group;
    }
    const left = METRICS.paddingX + (node.type === 'Choice' ? METRICS.choiceInset : 0);
    // The text block (and the icon) centred in the space above the chip row.
    const lines = METRICS.lineHeight + placed.text.details.length * METRICS.detailLineHeight;
    const top = (height - (hasChipRow(node) ? METRICS.chipRow - 4 : 0) - lines) / 2;
    group.append(icon(node, left, top + (placed.text.details.length > 0 ? 0 : (lines - METRICS.icon) / 2)));
    const textLeft = left + METRICS.icon + METRICS.iconGap;
    let baseline = top + 12;
    group.append(text(placed.text.name, textLeft, baseline, 'name'));
    for (const line of placed.text.details) {
      baseline += METRICS.detailLineHeight;
      group.append(text(line, textLeft, baseline, 'detail'));
    }
    if (hasChipRow(node)) group.append(this.chips(node, METRICS.paddingX, height - METRICS.chipRow + 2, width - 2 * METRICS.paddingX));
    this.cornerBadges(group, node, width);
    return group;
  }

  private drawContainer(placed: PlacedNode): SVGGElement {
    const { node, width, height } = placed;
    const group = this.nodeGroup(placed, `container ${nodeClass(node)}`);
    group.append(svgElement('rect', { class: 'shape', width: String(width), height: String(height), rx: '10' }));
    group.append(icon(node, 16, 12));
    const textLeft = 16 + METRICS.icon + METRICS.iconGap;
    group.append(text(placed.text.name, textLeft, 26, 'name'));
    if (placed.text.details[0]) group.append(text(placed.text.details[0], textLeft, 42, 'detail'));
    group.append(this.chips(node, textLeft, placed.text.details[0] ? 46 : 34, width - textLeft - 16));
    for (const lane of placed.lanes) {
      const x = lane.box.x - placed.x;
      const y = lane.box.y - placed.y;
      group.append(svgElement('rect', { class: 'lane', x: String(x), y: String(y), width: String(lane.box.width), height: String(lane.box.height), rx: '8', 'data-machine': lane.machine.id }));
      group.append(text(lane.machine.label, x + 12, y + 18, 'lane-label'));
    }
    this.cornerBadges(group, node, width);
    return group;
  }

  private nodeGroup(placed: PlacedNode, className: string): SVGGElement {
    const { node } = placed;
    const group = svgElement('g', { class: className, transform: `translate(${placed.x} ${placed.y})`, 'data-id': node.id });
    if (node.kind === 'state' || node.kind === 'ghost') {
      group.setAttribute('tabindex', '0');
      group.setAttribute('role', 'button');
      group.setAttribute('aria-label', `${node.type ?? 'State'} ${node.name}`);
    }
    const tooltip = [node.name, node.type ? `Type: ${node.type}` : '', ...node.details, node.unreachable ? 'Unreachable: no transition leads here' : '']
      .filter(Boolean)
      .join('\n');
    group.append(title(node.kind === 'ghost' ? `Missing state "${node.name}"` : tooltip));
    return group;
  }

  /** Bottom row: integration badges, Map badges, placeholders as chips. */
  private chips(node: GraphNode, x: number, y: number, limit: number): SVGGElement {
    const group = svgElement('g', { class: 'chips', transform: `translate(${x} ${y})` });
    let left = 0;
    const items = [
      ...node.badges.map((badge) => ({ text: badge.text, title: badge.title, className: 'chip badge' })),
      ...node.placeholders.map((placeholder) => ({ text: placeholder, title: `Template placeholder: ${placeholder}`, className: 'chip placeholder' })),
    ];
    for (const [index, item] of items.entries()) {
      const remaining = limit - left;
      const more = items.length - index;
      const label = remaining < 60 && more > 1 ? `+${more}` : fitText(this.measure, item.text, 'label', Math.min(120, remaining - 12));
      const width = this.measure.width(label, 'label') + 12;
      if (width > remaining) break;
      const chip = svgElement('g', { class: item.className, transform: `translate(${left} 0)` });
      chip.append(svgElement('rect', { width: String(width), height: '17', rx: '8.5' }), text(label, 6, 12.5, 'chip-text'));
      chip.append(title(label.startsWith('+') ? items.slice(index).map((rest) => rest.title).join('\n') : item.title));
      group.append(chip);
      left += width + 4;
      if (label.startsWith('+')) break;
    }
    return group;
  }

  /** Diagnostic badge (top left) and Retry badge (top right), each with its tooltip. */
  private cornerBadges(group: SVGGElement, node: GraphNode, width: number): void {
    if (node.diagnostics.length > 0) {
      const severity = node.diagnostics.some((d) => d.severity === 'error') ? 'error' : node.diagnostics.some((d) => d.severity === 'warning') ? 'warning' : 'info';
      const badge = svgElement('g', { class: `diagnostic-badge ${severity}`, transform: 'translate(-7 -7)' });
      badge.append(svgElement('circle', { cx: '8', cy: '8', r: '8' }), text(severity === 'info' ? 'i' : '!', 8, 12, 'badge-glyph', 'middle'));
      badge.append(title(node.diagnostics.map((d) => `${d.severity}: ${d.message}`).join('\n')));
      group.append(badge);
    }
    if (node.retry) {
      const label = `↻ ${node.retry.policy.length}`;
      const badgeWidth = this.measure.width(label, 'label') + 12;
      const badge = svgElement('g', { class: 'retry-badge', transform: `translate(${width - badgeWidth + 6} -8)` });
      badge.append(svgElement('rect', { width: String(badgeWidth), height: '16', rx: '8' }), text(label, 6, 12, 'badge-text'));
      badge.append(title(['Retry', ...node.retry.policy].join('\n')));
      group.append(badge);
    }
  }

  private applyStatus(element: SVGGElement, status: NodeOverlay | undefined): void {
    for (const name of Object.keys(NODE_STATUS_LABELS)) element.classList.remove(`status-${name}`);
    element.querySelector(':scope > .status-badge')?.remove();
    element.classList.toggle('current', status?.current === true);
    element.classList.toggle('called-aws', status?.calledAws === true);
    if (!status) return;
    element.classList.add(`status-${status.status}`);
    const placed = this.placed(element.getAttribute('data-id')!);
    if (!placed) return;
    const label = status.badge ?? NODE_STATUS_LABELS[status.status];
    const badgeWidth = this.measure.width(label, 'label') + 12;
    const badge = svgElement('g', { class: 'status-badge', transform: `translate(${placed.width - badgeWidth + 6} ${placed.height - 9})` });
    badge.append(svgElement('rect', { width: String(badgeWidth), height: '16', rx: '8' }), text(label, 6, 12, 'badge-text'));
    badge.append(title(status.title ?? `${NODE_STATUS_LABELS[status.status]}${status.badge ? ` · ${status.badge}` : ''}`));
    element.append(badge);
  }

  private drawEdge(placed: PlacedEdge): SVGGElement {
    const { edge } = placed;
    const kind = edge.missing ? 'missing' : edge.kind === 'catch' ? 'catch' : 'normal';
    const group = svgElement('g', { class: `edge ${edge.kind}${edge.missing ? ' missing' : ''}`, 'data-source': edge.source, 'data-target': edge.target, 'data-edge': edge.id });
    const d = roundedPath(placed.points, 6);
    // A wide transparent stroke the pointer can hit: the designer drops states on edges and drags their ends.
    group.append(svgElement('path', { class: 'edge-hit', d }));
    group.append(svgElement('path', { class: 'edge-line', d, 'marker-end': `url(#${this.idPrefix}-${kind})` }));
    if (placed.label) {
      const { x, y, width, height } = placed.label;
      const label = svgElement('g', { class: 'edge-label', transform: `translate(${x} ${y})` });
      label.append(svgElement('rect', { width: String(width), height: String(height), rx: '4' }));
      label.append(text(placed.label.text, METRICS.labelPaddingX, height - 5, 'edge-label-text'));
      label.append(title(edge.kind === 'catch' ? `Catch: ${edge.label}` : edge.kind === 'choice' ? `When ${edge.label}` : edge.label ?? ''));
      group.append(label);
    }
    return group;
  }

  private markers(): SVGDefsElement {
    const defs = svgElement('defs', {});
    for (const kind of ['normal', 'catch', 'missing']) {
      const marker = svgElement('marker', {
        id: `${this.idPrefix}-${kind}`, class: `arrow ${kind}`, viewBox: '0 0 10 10', refX: '9', refY: '5',
        markerWidth: '7', markerHeight: '7', orient: 'auto-start-reverse', markerUnits: 'userSpaceOnUse',
      });
      marker.append(svgElement('path', { d: 'M 0 0 L 10 5 L 0 10 z' }));
      defs.append(marker);
    }
    return defs;
  }

  private listen(): void {
    let drag: { x: number; y: number; viewport: Viewport; pointer: number } | undefined;
    this.svg.addEventListener('pointerdown', (event) => {
      if ((event.target as Element).closest('[data-id][tabindex]') || event.button !== 0) return;
      drag = { x: event.clientX, y: event.clientY, viewport: this.getViewport(), pointer: event.pointerId };
      this.svg.setPointerCapture(event.pointerId);
      this.svg.classList.add('panning');
    });
    this.svg.addEventListener('pointermove', (event) => {
      if (!drag) return;
      this.setViewport({ ...drag.viewport, x: drag.viewport.x + event.clientX - drag.x, y: drag.viewport.y + event.clientY - drag.y });
    });
    const endDrag = () => {
      if (drag) this.svg.releasePointerCapture(drag.pointer);
      drag = undefined;
      this.svg.classList.remove('panning');
    };
    this.svg.addEventListener('pointerup', endDrag);
    this.svg.addEventListener('pointercancel', endDrag);
    this.svg.addEventListener('wheel', (event) => {
      event.preventDefault();
      const bounds = this.svg.getBoundingClientRect();
      this.zoomBy(Math.exp(-event.deltaY * (event.deltaMode === 1 ? 0.05 : 0.0015)), { x: event.clientX - bounds.left, y: event.clientY - bounds.top });
    }, { passive: false });
    const activate = (target: EventTarget | null) => {
      const element = (target as Element | null)?.closest?.('[data-id][tabindex]');
      const node = element ? this.placed(element.getAttribute('data-id')!)?.node : undefined;
      if (node) this.options.onActivate?.(node);
      return node;
    };
    this.svg.addEventListener('click', (event) => {
      const node = activate(event.target);
      if (node) this.elements.get(node.id)?.focus({ preventScroll: true });
    });
    this.svg.addEventListener('keydown', (event) => {
      if ((event.key === 'Enter' || event.key === ' ') && activate(event.target)) event.preventDefault();
      else if (event.key === 'Tab' && this.moveFocus(event.target as Element, event.shiftKey ? -1 : 1)) event.preventDefault();
    });
    this.svg.addEventListener('focusin', (event) => {
      const id = (event.target as Element).getAttribute?.('data-id');
      if (id) this.reveal(id);
    });
  }

  /** Tab follows the graph (containers before their states), not the drawing layers; false at either end. */
  private moveFocus(from: Element, step: number): boolean {
    const order = (this.layout?.nodes ?? []).filter((placed) => placed.node.kind === 'state' || placed.node.kind === 'ghost');
    const index = order.findIndex((placed) => placed.node.id === from.getAttribute('data-id'));
    const next = index < 0 ? undefined : order[index + step];
    if (!next) return false;
    this.focusNode(next.node.id);
    return true;
  }

  /** The font the drawing's text is shown in (graph.css sets it on the svg); the measurer must use the same. */
  private drawingFont(): string {
    return getComputedStyle(this.svg).fontFamily || 'sans-serif';
  }

  private placed(id: string): PlacedNode | undefined {
    return this.placedById.get(id);
  }

  /** The drawing's size on screen, kept by a ResizeObserver so that asking never forces a layout. */
  private size(): { width: number; height: number } {
    if (!this.knownSize) {
      const bounds = this.svg.getBoundingClientRect();
      this.knownSize = { width: bounds.width || 800, height: bounds.height || 600 };
    }
    return this.knownSize;
  }
}

/** What a node's element shows but its position (its transform): the node as drawn, its size and measured text. */
function nodeKey({ node, width, height, text: lines }: PlacedNode): string {
  const { location: _location, machines: _machines, ...drawn } = node;
  return JSON.stringify([drawn, width, height, lines]);
}

/** What an edge's element shows: its ends, kind, label and route (its id aside). */
function edgeKey({ edge, points, label }: PlacedEdge): string {
  const { id: _id, ...drawn } = edge;
  return JSON.stringify([drawn, points, label]);
}

function nodeClass(node: GraphNode): string {
  const type = node.kind === 'state' ? `type-${(node.type ?? 'unknown').toLowerCase().replace(/[^a-z]/g, '')}` : node.kind;
  return `${type}${node.unreachable ? ' unreachable' : ''}`;
}

function shapeOf(node: GraphNode, width: number, height: number): SVGElement {
  const w = String(width);
  const h = String(height);
  if (node.type === 'Choice') {
    const inset = METRICS.choiceInset;
    return svgElement('polygon', { class: 'shape', points: `${inset},0 ${width - inset},0 ${width},${height / 2} ${width - inset},${height} ${inset},${height} 0,${height / 2}` });
  }
  const round = node.kind === 'start' || node.kind === 'end' || node.type === 'Succeed' || node.type === 'Fail';
  return svgElement('rect', { class: 'shape', width: w, height: h, rx: String(round ? height / 2 : 8) });
}

/** Paths of the flow-state icons, drawn in a 22×22 box. */
const ICON_PATHS: Record<string, string> = {
  Choice: 'M11 4.5 L17.5 11 L11 17.5 L4.5 11 Z',
  Pass: 'M5 11 H16 M12 7 L16 11 L12 15',
  Wait: 'M11 4.5 A6.5 6.5 0 1 1 10.99 4.5 M11 7.5 V11 L14 13',
  Parallel: 'M7 5 V17 M11 5 V17 M15 5 V17',
  Map: 'M5 8 H15 M12.5 5.5 L15 8 L12.5 10.5 M17 14 H7 M9.5 11.5 L7 14 L9.5 16.5',
  Succeed: 'M6 11.5 L9.5 15 L16 7.5',
  Fail: 'M7 7 L15 15 M15 7 L7 15',
};

/** Short service marks for Task icons, with the AWS category colour class. */
const SERVICE_MARKS: [prefix: string, mark: string, category: string][] = [
  ['Lambda', 'λ', 'compute'],
  ['DynamoDB', 'DB', 'database'],
  ['SNS', 'SNS', 'integration'],
  ['SQS', 'SQS', 'integration'],
  ['EventBridge', 'EB', 'integration'],
  ['Step Functions', 'SF', 'integration'],
  ['API Gateway', 'API', 'integration'],
  ['HTTP', 'HTTP', 'integration'],
  ['S3', 'S3', 'storage'],
  ['ECS', 'ECS', 'compute'],
  ['EKS', 'EKS', 'compute'],
  ['Batch', 'B', 'compute'],
  ['SageMaker', 'SM', 'ml'],
  ['Bedrock', 'BR', 'ml'],
  ['Glue', 'G', 'analytics'],
  ['Athena', 'A', 'analytics'],
  ['EMR', 'EMR', 'analytics'],
  ['Activity', 'Act', 'integration'],
];

function icon(node: GraphNode, x: number, y: number): SVGGElement {
  const group = svgElement('g', { class: 'icon', transform: `translate(${x} ${y})` });
  if (node.kind === 'ghost') {
    group.classList.add('icon-ghost');
    group.append(svgElement('rect', { width: '22', height: '22', rx: '5' }), text('?', 11, 15.5, 'icon-mark', 'middle'));
    return group;
  }
  const path = node.type && Object.hasOwn(ICON_PATHS, node.type) ? ICON_PATHS[node.type] : undefined;
  if (path) {
    group.classList.add('icon-flow', `icon-${node.type!.toLowerCase()}`);
    group.append(svgElement('rect', { width: '22', height: '22', rx: '5' }), svgElement('path', { class: 'icon-path', d: path }));
    return group;
  }
  const service = node.type === 'Task' ? SERVICE_MARKS.find(([prefix]) => node.details[0]?.startsWith(prefix)) : undefined;
  const [, mark, category] = service ?? ['', node.type === 'Task' ? 'T' : '?', node.type === 'Task' ? 'other' : 'unknown'];
  group.classList.add(`icon-${category}`);
  group.append(svgElement('rect', { width: '22', height: '22', rx: '5' }), text(mark, 11, mark.length > 2 ? 14.5 : 15.5, `icon-mark${mark.length > 2 ? ' small' : ''}`, 'middle'));
  return group;
}

/** A polyline with rounded corners. */
function roundedPath(points: { x: number; y: number }[], radius: number): string {
  if (points.length === 0) return '';
  let d = `M ${points[0].x} ${points[0].y}`;
  for (let i = 1; i < points.length - 1; i++) {
    const [previous, corner, next] = [points[i - 1], points[i], points[i + 1]];
    const r = Math.min(radius, distance(previous, corner) / 2, distance(corner, next) / 2);
    const before = towards(corner, previous, r);
    const after = towards(corner, next, r);
    d += ` L ${before.x} ${before.y} Q ${corner.x} ${corner.y} ${after.x} ${after.y}`;
  }
  const last = points[points.length - 1];
  return `${d} L ${last.x} ${last.y}`;
}

function distance(a: { x: number; y: number }, b: { x: number; y: number }): number {
  return Math.hypot(b.x - a.x, b.y - a.y);
}

function towards(from: { x: number; y: number }, to: { x: number; y: number }, length: number): { x: number; y: number } {
  const total = distance(from, to) || 1;
  return { x: from.x + ((to.x - from.x) * length) / total, y: from.y + ((to.y - from.y) * length) / total };
}

/** Copies the computed look of every element of `source` onto `target` as presentation attributes. */
function inlineStyles(source: Element, target: Element): void {
  const style = getComputedStyle(source);
  for (const property of ['fill', 'stroke', 'stroke-width', 'stroke-dasharray', 'opacity', 'fill-opacity', 'font-family', 'font-size', 'font-weight', 'font-style', 'text-anchor']) {
    let value = style.getPropertyValue(property);
    if (!value) continue;
    if (property === 'fill' || property === 'stroke') value = value.startsWith('url(') ? value.replace(/^url\("?[^#]*(#[^")]+)"?\)$/, 'url($1)') : cssColor(value);
    if (property === 'font-family') value = value.replace(/"/g, "'");
    target.setAttribute(property, value);
  }
  const sourceChildren = source.children;
  const targetChildren = target.children;
  for (let i = 0; i < sourceChildren.length; i++) inlineStyles(sourceChildren[i], targetChildren[i]);
}

/** What XML 1.0 forbids: controls other than tab, newline and return, U+FFFE, U+FFFF and lone surrogates. */
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF\uD800-\uDFFF]/gu;

/**
 * State names may hold characters XML forbids, which XMLSerializer writes as they are: the SVG would not parse
 * (nor draw as a PNG). A control shows as its Control Pictures symbol (U+0000 as U+2400), the rest as U+FFFD.
 */
function xmlCharacters(markup: string): string {
  return markup.replace(NOT_XML, (character) => {
    const code = character.charCodeAt(0);
    return code < 0x20 ? String.fromCharCode(0x2400 + code) : '\uFFFD';
  });
}

let colorContext: CanvasRenderingContext2D | undefined;
/** Any CSS colour (color-mix, rgb(), named) as #rrggbb or rgba(), which every SVG viewer reads. */
function cssColor(value: string): string {
  if (value === 'none' || value === '') return value;
  colorContext ??= document.createElement('canvas').getContext('2d')!;
  colorContext.fillStyle = '#000000';
  colorContext.fillStyle = value;
  const normalized = String(colorContext.fillStyle);
  // color-mix() results come back as color(srgb r g b / a), with channels from 0 to 1.
  const srgb = /^color\(srgb ([\d.e-]+) ([\d.e-]+) ([\d.e-]+)(?: \/ ([\d.e-]+))?\)$/.exec(normalized);
  if (!srgb) return normalized;
  const [r, g, b] = srgb.slice(1, 4).map((channel) => Math.round(clamp(Number(channel), 0, 1) * 255));
  const alpha = srgb[4] === undefined ? 1 : Number(srgb[4]);
  return alpha < 1 ? `rgba(${r}, ${g}, ${b}, ${alpha})` : `#${[r, g, b].map((channel) => channel.toString(16).padStart(2, '0')).join('')}`;
}

function text(content: string, x: number, y: number, className: string, anchor?: 'middle'): SVGTextElement {
  const element = svgElement('text', { x: String(x), y: String(y), class: className });
  if (anchor) element.setAttribute('text-anchor', anchor);
  element.textContent = content;
  return element;
}

function title(content: string): SVGTitleElement {
  const element = svgElement('title', {});
  element.textContent = content;
  return element;
}

function svgElement<K extends keyof SVGElementTagNameMap>(tag: K, attributes: Record<string, string>): SVGElementTagNameMap[K] {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  return element;
}

function edgeBounds(placed: PlacedEdge): Box {
  const xs = placed.points.map((point) => point.x);
  const ys = placed.points.map((point) => point.y);
  const box = { x: Math.min(...xs), y: Math.min(...ys), width: Math.max(...xs) - Math.min(...xs), height: Math.max(...ys) - Math.min(...ys) };
  if (!placed.label) return box;
  const right = Math.max(box.x + box.width, placed.label.x + placed.label.width);
  const bottom = Math.max(box.y + box.height, placed.label.y + placed.label.height);
  const left = Math.min(box.x, placed.label.x);
  const top = Math.min(box.y, placed.label.y);
  return { x: left, y: top, width: right - left, height: bottom - top };
}

function intersects(a: Box, b: Box): boolean {
  return a.x <= b.x + b.width && b.x <= a.x + a.width && a.y <= b.y + b.height && b.y <= a.y + a.height;
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
