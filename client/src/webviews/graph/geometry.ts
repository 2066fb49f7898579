// What the layouts and the renderer share: the placed shapes, the drawing's sizes, and how text
// is measured and fitted into them.
import type { GraphEdge, GraphMachine, GraphNode } from '../../../../server/src/protocol';

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

export function countNodes(machine: GraphMachine): number {
  return machine.nodes.reduce((total, node) => total + 1 + node.machines.reduce((inner, sub) => inner + countNodes(sub), 0), 0);
}

export function holdsStatesDirectly(node: GraphNode): boolean {
  return node.type === 'Map' && node.machines.length === 1;
}

/** The label written on an edge, fitted to the longest label allowed. */
export function edgeLabelText(edge: GraphEdge, measure: TextMeasurer): string | undefined {
  return edge.label ? fitText(measure, edge.label, 'label', METRICS.maxLabel) : undefined;
}

/** A node's size from its text; containers get their width from their content (ELK grows them). */
export function measureNode(node: GraphNode, measure: TextMeasurer): PlacedNode {
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
