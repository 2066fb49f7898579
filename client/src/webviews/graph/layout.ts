// Lays a graph model out with ELK (layered; Parallel branches and Map processors as compound
// nodes) and returns absolute boxes and edge routes for the renderer. Runs in the browser:
// node sizes come from the text as the webview's font measures it.
import type { ElkExtendedEdge, ElkLabel, ElkNode } from 'elkjs/lib/elk-api';
import type { GraphEdge, GraphMachine, GraphModel, GraphNode } from '../../../../server/src/protocol';
import { loadElk } from '../elk/load';
import { fastLayout } from './fastLayout';
import { Box, countNodes, Direction, edgeLabelText, GraphLayout, holdsStatesDirectly, measureNode, METRICS, PlacedNode, TextMeasurer } from './geometry';

/** Above this many nodes, ELK takes too long (0.7 s of CPU at 500 states): the fast layout draws them. */
const LARGE_GRAPH = 150;

/** The last ELK input and result: an edit that changes no size, id or edge (a Comment, a diagnostic) skips ELK. */
export interface LayoutCache { input?: string; result?: ElkNode }

export async function layoutGraph(model: GraphModel, measure: TextMeasurer, direction: Direction, cache: LayoutCache = {}): Promise<GraphLayout> {
  const placed = new Map<string, PlacedNode>();
  const edges = new Map<string, GraphEdge>();
  if (countNodes(model.root) > LARGE_GRAPH) return fastLayout(model.root, measure, direction);
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
    // Each state in the first layer its predecessors allow (as the fast layout does): a state inserted
    // on a transition pushes down only what follows it, not the states of other branches.
    'elk.layered.layering.strategy': 'LONGEST_PATH_SOURCE',
    'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
    'elk.layered.nodePlacement.bk.fixedAlignment': 'BALANCED',
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
    cache.result = await (await loadElk()).layout(graph);
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

function boxOf(shape: { x?: number; y?: number; width?: number; height?: number }): Box {
  return { x: shape.x ?? 0, y: shape.y ?? 0, width: shape.width ?? 0, height: shape.height ?? 0 };
}

function edgeLabels(edge: GraphEdge, measure: TextMeasurer): ElkLabel[] {
  const text = edgeLabelText(edge, measure);
  return text ? [{ text, width: measure.width(text, 'label') + 2 * METRICS.labelPaddingX, height: METRICS.labelHeight }] : [];
}

