// Lays a graph model out with ELK (layered; Parallel branches and Map processors as compound
// nodes) and returns absolute boxes and edge routes for the renderer. Runs in the browser:
// node sizes come from the text as the webview's font measures it.
import ELK from 'elkjs/lib/elk.bundled.js';
import type { ElkExtendedEdge, ElkLabel, ElkNode } from 'elkjs/lib/elk-api';
import type { GraphEdge, GraphMachine, GraphModel, GraphNode } from '../../../../server/src/core/graph/model';

export type Direction = 'DOWN' | 'RIGHT';

export interface Box { x: number; y: number; width: number; height: number }

/** A state, ghost or marker with its place; containers (Parallel, Map) also have lanes. */
export interface PlacedNode extends Box {
  node: GraphNode;
  /** The lines written in the node, already fitted to its width. */
  text: { name: string; details: string[] };
  container: boolean;
  /** Parallel: one lane per branch; Map: its processor. */
  lanes: { machine: GraphMachine; box: Box }[];
}

export interface PlacedEdge {
  edge: GraphEdge;
  points: { x: number; y: number }[];
  label?: Box & { text: string };
}

export interface GraphLayout {
  nodes: PlacedNode[];
  edges: PlacedEdge[];
  width: number;
  height: number;
}

/** Sizes of the drawing, shared with the renderer so text and boxes agree. */
export const METRICS = {
  fontSize: 13,
  detailFontSize: 11.5,
  labelFontSize: 11,
  lineHeight: 16,
  detailLineHeight: 15,
  paddingX: 12,
  paddingY: 10,
  icon: 22,
  choiceInset: 12,
  iconGap: 10,
  minWidth: 150,
  maxWidth: 260,
  chipRow: 22,
  markerWidth: 72,
  markerHeight: 30,
  containerHeader: 58,
  laneHeader: 22,
  maxLabel: 200,
  labelPaddingX: 6,
  labelHeight: 18,
} as const;

export interface TextMeasurer {
  width(text: string, font: 'name' | 'detail' | 'label'): number;
}

/** Measures with a canvas in the webview's font (CSS variables are resolved once, here). */
export function canvasMeasurer(fontFamily: string): TextMeasurer {
  const context = document.createElement('canvas').getContext('2d')!;
  const fonts = {
    name: `600 ${METRICS.fontSize}px ${fontFamily}`,
    detail: `${METRICS.detailFontSize}px ${fontFamily}`,
    label: `${METRICS.labelFontSize}px ${fontFamily}`,
  };
  const cache = new Map<string, number>();
  return {
    width(text, font) {
      const key = `${font}\u0000${text}`;
      let width = cache.get(key);
      if (width === undefined) {
        context.font = fonts[font];
        width = context.measureText(text).width;
        cache.set(key, width);
      }
      return width;
    },
  };
}

/** `text` cut with an ellipsis to fit `limit` pixels. */
export function fitText(measure: TextMeasurer, text: string, font: 'name' | 'detail' | 'label', limit: number): string {
  if (measure.width(text, font) <= limit) return text;
  let low = 0;
  let high = text.length;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (measure.width(`${text.slice(0, middle)}…`, font) <= limit) low = middle;
    else high = middle - 1;
  }
  return `${text.slice(0, low)}…`;
}

/** Whether a node shows a bottom row of chips (badges, placeholders). */
export function hasChipRow(node: GraphNode): boolean {
  return node.placeholders.length > 0 || (node.badges.length > 0 && node.machines.length === 0);
}

const elk = new ELK();

/** Big graphs trade a little crossing reduction for speed (ELK's cost grows fast with size). */
const LARGE_GRAPH = 150;

/** The last ELK input and result: an edit that changes no size, id or edge (a Comment, a diagnostic) skips ELK. */
export interface LayoutCache { input?: string; result?: ElkNode }

export async function layoutGraph(model: GraphModel, measure: TextMeasurer, direction: Direction, cache: LayoutCache = {}): Promise<GraphLayout> {
  const placed = new Map<string, PlacedNode>();
  const edges = new Map<string, GraphEdge>();
  const large = countNodes(model.root) > LARGE_GRAPH;
  // Every compound node is laid out on its own (SEPARATE_CHILDREN), with these same options.
  const layered: Record<string, string> = {
    'elk.algorithm': 'layered',
    'elk.direction': direction,
    'elk.edgeRouting': 'ORTHOGONAL',
    'elk.edgeLabels.placement': 'CENTER',
    'elk.layered.spacing.nodeNodeBetweenLayers': '40',
    'elk.spacing.nodeNode': '36',
    'elk.spacing.edgeLabel': '4',
    'elk.layered.spacing.edgeNodeBetweenLayers': '20',
    // Document order decides ties, so a small edit moves little and branches keep their order.
    'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
    'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
    'elk.layered.nodePlacement.bk.fixedAlignment': 'BALANCED',
    ...(large ? { 'elk.layered.thoroughness': '1', 'elk.layered.crossingMinimization.greedySwitch.type': 'OFF' } : {}),
  };
  const baseOptions = (padding: string): Record<string, string> => ({ ...layered, 'elk.padding': padding });

  const elkNode = (node: GraphNode): ElkNode => {
    const entry = measureNode(node, measure);
    placed.set(node.id, entry);
    if (!entry.container) return { id: node.id, width: entry.width, height: entry.height };
    const options = {
      ...baseOptions(`[top=${METRICS.containerHeader},left=16,bottom=16,right=16]`),
      // The header (name, badges) must fit even over a narrow content.
      'elk.nodeSize.constraints': 'MINIMUM_SIZE',
      'elk.nodeSize.minimum': `(${entry.width}, ${METRICS.containerHeader + 40})`,
    };
    // A Map holds its processor's states directly; a Parallel holds one lane per branch.
    if (holdsStatesDirectly(node)) return { id: node.id, layoutOptions: options, ...elkMachine(node.machines[0]) };
    return {
      id: node.id,
      // Lanes share one layer, so branches stand side by side.
      layoutOptions: { ...options, 'elk.spacing.nodeNode': '24', 'elk.separateConnectedComponents': 'false' },
      children: node.machines.map((machine) => ({
        id: machine.id,
        layoutOptions: baseOptions(`[top=${METRICS.laneHeader + 14},left=14,bottom=14,right=14]`),
        ...elkMachine(machine),
      })),
    };
  };

  const elkMachine = (machine: GraphMachine): { children: ElkNode[]; edges: ElkExtendedEdge[] } => ({
    children: machine.nodes.map(elkNode),
    edges: machine.edges.map((edge) => {
      edges.set(edge.id, edge);
      return { id: edge.id, sources: [edge.source], targets: [edge.target], labels: edgeLabels(edge, measure) };
    }),
  });

  const root = elkMachine(model.root);
  const graph: ElkNode = {
    id: '#root',
    layoutOptions: {
      ...layered,
      'elk.padding': '[top=24,left=24,bottom=24,right=24]',
      'elk.json.shapeCoords': 'ROOT',
      'elk.json.edgeCoords': 'ROOT',
      'elk.hierarchyHandling': 'SEPARATE_CHILDREN',
    },
    ...root,
  };
  const input = JSON.stringify(graph);
  if (cache.input !== input || !cache.result) {
    cache.result = await elk.layout(graph);
    cache.input = input;
  }
  const result = cache.result;

  const layout: GraphLayout = { nodes: [], edges: [], width: result.width ?? 0, height: result.height ?? 0 };
  const visit = (elkNode: ElkNode) => {
    const entry = placed.get(elkNode.id);
    if (entry) {
      Object.assign(entry, { x: elkNode.x ?? 0, y: elkNode.y ?? 0, width: elkNode.width ?? entry.width, height: elkNode.height ?? entry.height });
      layout.nodes.push(entry);
      if (entry.container && !holdsStatesDirectly(entry.node)) {
        entry.lanes = (elkNode.children ?? []).map((lane, index) => ({ machine: entry.node.machines[index], box: boxOf(lane) }));
      }
    }
    for (const edge of elkNode.edges ?? []) {
      const section = edge.sections?.[0];
      const graphEdge = edges.get(edge.id);
      if (!graphEdge || !section) continue;
      const label = edge.labels?.[0];
      layout.edges.push({
        edge: graphEdge,
        points: [section.startPoint, ...(section.bendPoints ?? []), section.endPoint],
        label: label?.text ? { ...boxOf(label), text: label.text } : undefined,
      });
    }
    for (const child of elkNode.children ?? []) visit(child);
  };
  visit(result);
  return layout;
}

function countNodes(machine: GraphMachine): number {
  return machine.nodes.reduce((total, node) => total + 1 + node.machines.reduce((inner, sub) => inner + countNodes(sub), 0), 0);
}

function holdsStatesDirectly(node: GraphNode): boolean {
  return node.type === 'Map' && node.machines.length === 1;
}

function boxOf(shape: { x?: number; y?: number; width?: number; height?: number }): Box {
  return { x: shape.x ?? 0, y: shape.y ?? 0, width: shape.width ?? 0, height: shape.height ?? 0 };
}

function edgeLabels(edge: GraphEdge, measure: TextMeasurer): ElkLabel[] {
  if (!edge.label) return [];
  const text = fitText(measure, edge.label, 'label', METRICS.maxLabel);
  return [{ text, width: measure.width(text, 'label') + 2 * METRICS.labelPaddingX, height: METRICS.labelHeight }];
}

/** A node's size from its text; containers get their width from their content (ELK grows them). */
function measureNode(node: GraphNode, measure: TextMeasurer): PlacedNode {
  const base = { x: 0, y: 0, node, lanes: [], container: false };
  if (node.kind === 'start' || node.kind === 'end') {
    return { ...base, width: METRICS.markerWidth, height: METRICS.markerHeight, text: { name: node.name, details: [] } };
  }
  const textLimit = METRICS.maxWidth - 2 * METRICS.paddingX - METRICS.icon - METRICS.iconGap;
  const name = fitText(measure, node.name, 'name', textLimit);
  const details = node.details.map((line) => fitText(measure, line, 'detail', textLimit));
  const textWidth = Math.max(measure.width(name, 'name'), ...details.map((line) => measure.width(line, 'detail')));
  const choiceInset = node.type === 'Choice' ? 2 * METRICS.choiceInset : 0;
  const width = Math.max(METRICS.minWidth, Math.ceil(textWidth) + 2 * METRICS.paddingX + METRICS.icon + METRICS.iconGap + choiceInset);
  if (node.machines.length > 0) {
    return { ...base, container: true, width, height: METRICS.containerHeader, text: { name, details: details.slice(0, 1) } };
  }
  const height = 2 * METRICS.paddingY + METRICS.lineHeight + details.length * METRICS.detailLineHeight + (hasChipRow(node) ? METRICS.chipRow : 0);
  return { ...base, width, height: Math.max(height, 44), text: { name, details } };
}
