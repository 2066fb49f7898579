// A fast layered layout for big machines, where ELK takes seconds (about 0.7 s of CPU for 500
// states): the same picture grammar (layers along the flow, containers for Parallel and Map,
// orthogonal edges with labels) from a simpler method: DFS cycle breaking, longest-path layers,
// dummy nodes on long edges, barycentre ordering, and cross-axis positions by isotonic regression
// (each node as near as it can be to its neighbours without overlapping). Linear-ish in the size.
import type { GraphEdge, GraphMachine, GraphNode } from '../../../../server/src/protocol';
import { Box, Direction, edgeLabelText, GraphLayout, holdsStatesDirectly, measureNode, METRICS, PlacedEdge, PlacedNode, TextMeasurer } from './geometry';

interface Point { x: number; y: number }
/** A laid-out machine in its own coordinates, from (0, 0). */
interface Block { width: number; height: number; nodes: PlacedNode[]; edges: PlacedEdge[] }

/** Space between layers, neighbours in a layer (nodes, and the dummies of long edges), parallel edge channels and lanes. */
const GAP = { layer: 40, label: METRICS.labelHeight + 12, node: 36, dummy: 14, channel: 12, lane: 24 };
/** Space inside a container (a Parallel or Map state) and around each lane of it. */
const PADDING = { container: 16, lane: 14 };

/**
 * The machines of the last layout by what they draw (their nodes and edges, where they stand in the text
 * aside), per text measurer: a machine an edit did not change is not laid out again (an edit in the
 * inspector that changes no shape, a Parallel's branch beside the one edited).
 */
const lastLaidOut = new WeakMap<TextMeasurer, Map<string, LaidOut>>();
/** Numbers machines that draw differently, across layouts: a machine's key names its inner machines by theirs. */
let machinesSeen = 0;

interface LaidOut {
  number: number;
  block?: Block;
}

interface LayoutMemo {
  previous: Map<string, LaidOut>;
  current: Map<string, LaidOut>;
  byMachine: WeakMap<GraphMachine, LaidOut>;
}

export function fastLayout(root: GraphMachine, measure: TextMeasurer, direction: Direction): GraphLayout {
  const memo: LayoutMemo = { previous: lastLaidOut.get(measure) ?? new Map(), current: new Map(), byMachine: new WeakMap() };
  const block = layoutMachine(root, measure, direction, memo);
  lastLaidOut.set(measure, memo.current);
  const margin = 24;
  return {
    nodes: block.nodes.map((placed) => shiftNode(placed, margin, margin)),
    edges: block.edges.map((placed) => shiftEdge(placed, margin, margin)),
    width: block.width + 2 * margin,
    height: block.height + 2 * margin,
  };
}

/** One node of a machine, in flow terms: `across` the flow and `along` it. */
interface Item {
  index: number;
  placed?: PlacedNode;
  /** Contents of a container, in its own coordinates (placed with it). */
  inner: Block[];
  across: number;
  along: number;
  layer: number;
  order: number;
  /** Centre across the flow. */
  u: number;
  dummy: boolean;
}

function layoutMachine(machine: GraphMachine, measure: TextMeasurer, direction: Direction, memo: LayoutMemo): Block {
  const laidOut = laidOutAs(machine, direction, memo);
  return laidOut.block ??= layOut(machine, measure, direction, memo);
}

/** The layout entry of what a machine draws, its inner machines named by their numbers (so a key holds only the machine's own text). */
function laidOutAs(machine: GraphMachine, direction: Direction, memo: LayoutMemo): LaidOut {
  const known = memo.byMachine.get(machine);
  if (known) return known;
  const nodes = machine.nodes.map(({ location: _location, machines, ...node }) => ({ ...node, machines: machines.map((inner) => laidOutAs(inner, direction, memo).number) }));
  const key = `${direction} ${JSON.stringify({ ...machine, nodes })}`;
  const laidOut = memo.current.get(key) ?? memo.previous.get(key) ?? { number: ++machinesSeen };
  memo.current.set(key, laidOut);
  memo.byMachine.set(machine, laidOut);
  return laidOut;
}

function layOut(machine: GraphMachine, measure: TextMeasurer, direction: Direction, memo: LayoutMemo): Block {
  const down = direction === 'DOWN';
  const items: Item[] = machine.nodes.map((node, index) => {
    const placed = measureNode(node, measure);
    const inner = placed.container ? layoutContainer(node, placed, measure, direction, memo) : [];
    return { index, placed, inner, across: down ? placed.width : placed.height, along: down ? placed.height : placed.width, layer: 0, order: index, u: 0, dummy: false };
  });
  const indexOf = new Map(machine.nodes.map((node, index) => [node.id, index]));
  const edges = machine.edges.filter((edge) => indexOf.has(edge.source) && indexOf.has(edge.target));

  // Cycle breaking: edges to a state still on the DFS stack go backwards (drawn around the side).
  const successors = items.map(() => [] as GraphEdge[]);
  for (const edge of edges) successors[indexOf.get(edge.source)!].push(edge);
  const state = items.map(() => 0); // 0 new, 1 on stack, 2 done
  const backward = new Set<GraphEdge>();
  const discovery: number[] = [];
  const hasIncoming = new Set(edges.map((edge) => indexOf.get(edge.target)!));
  const roots = [...items.filter((item) => !hasIncoming.has(item.index)), ...items].map((item) => item.index);
  for (const root of roots) {
    if (state[root]) continue;
    const stack: [number, number][] = [[root, 0]];
    state[root] = 1;
    discovery.push(root);
    while (stack.length) {
      const top = stack[stack.length - 1];
      const edge = successors[top[0]][top[1]++];
      if (!edge) {
        state[top[0]] = 2;
        stack.pop();
        continue;
      }
      const target = indexOf.get(edge.target)!;
      if (state[target] === 1) backward.add(edge);
      else if (state[target] === 0) {
        state[target] = 1;
        discovery.push(target);
        stack.push([target, 0]);
      }
    }
  }
  discovery.forEach((index, position) => (items[index].order = position));

  // Longest-path layers over the forward edges, in topological order.
  const forward = edges.filter((edge) => !backward.has(edge) && edge.source !== edge.target);
  const indegree = items.map(() => 0);
  for (const edge of forward) indegree[indexOf.get(edge.target)!]++;
  const ready = discovery.filter((index) => indegree[index] === 0);
  const forwardOut = items.map(() => [] as GraphEdge[]);
  for (const edge of forward) forwardOut[indexOf.get(edge.source)!].push(edge);
  while (ready.length) {
    const index = ready.shift()!;
    for (const edge of forwardOut[index]) {
      const target = indexOf.get(edge.target)!;
      items[target].layer = Math.max(items[target].layer, items[index].layer + 1);
      if (--indegree[target] === 0) ready.push(target);
    }
  }

  // Dummy nodes where a forward edge crosses layers, so it gets its own lane.
  const chains = new Map<GraphEdge, Item[]>();
  for (const edge of forward) {
    const source = items[indexOf.get(edge.source)!];
    const target = items[indexOf.get(edge.target)!];
    const chain = [source];
    for (let layer = source.layer + 1; layer < target.layer; layer++) {
      const dummy: Item = { index: items.length, inner: [], across: 2, along: 0, layer, order: source.order + 0.5, u: 0, dummy: true };
      items.push(dummy);
      chain.push(dummy);
    }
    chain.push(target);
    chains.set(edge, chain);
  }
  const layerCount = Math.max(0, ...items.map((item) => item.layer)) + 1;
  const layers: Item[][] = Array.from({ length: layerCount }, () => []);
  for (const item of items) layers[item.layer].push(item);
  const up = items.map(() => [] as Item[]);
  const below = items.map(() => [] as Item[]);
  for (const chain of chains.values()) {
    for (let i = 1; i < chain.length; i++) {
      below[chain[i - 1].index].push(chain[i]);
      up[chain[i].index].push(chain[i - 1]);
    }
  }

  // Ordering within layers: barycentres of the neighbours, a few sweeps down and up.
  const sortLayer = (layer: Item[], neighbours?: Item[][]) => {
    for (const item of layer) {
      const around = neighbours?.[item.index] ?? [];
      if (around.length) item.order = around.reduce((sum, other) => sum + other.order, 0) / around.length;
    }
    layer.sort((a, b) => a.order - b.order);
    layer.forEach((item, position) => (item.order = position));
  };
  for (const layer of layers) sortLayer(layer);
  for (let sweep = 0; sweep < 3; sweep++) {
    for (let l = 1; l < layerCount; l++) sortLayer(layers[l], up);
    for (let l = layerCount - 2; l >= 0; l--) sortLayer(layers[l], below);
  }

  // Positions across the flow: packed, then pulled towards the neighbours' centres.
  const gap = (a: Item, b: Item) => (a.dummy || b.dummy ? GAP.dummy : GAP.node) + (a.across + b.across) / 2;
  for (const layer of layers) {
    let u = 0;
    layer.forEach((item, position) => {
      u += position === 0 ? item.across / 2 : gap(layer[position - 1], item);
      item.u = u;
    });
  }
  for (let pass = 0; pass < 4; pass++) {
    const order = pass % 2 === 0 ? layers.slice(1) : layers.slice(0, -1).reverse();
    const neighbours = pass % 2 === 0 ? up : below;
    for (const layer of order) {
      const desired = layer.map((item) => {
        const around = neighbours[item.index];
        return around.length ? median(around.map((other) => other.u)) : item.u;
      });
      placeInOrder(layer, desired, gap);
    }
  }
  const minimum = Math.min(...items.map((item) => item.u - item.across / 2));
  for (const item of items) item.u -= minimum;

  // Positions along the flow: one band per layer, with room for labels after it.
  const labelled = new Set(edges.filter((edge) => edge.label).map((edge) => chains.get(edge)?.[0].layer));
  const bandStart: number[] = [];
  const bandSize: number[] = [];
  let v = 0;
  for (let l = 0; l < layerCount; l++) {
    bandStart.push(v);
    bandSize.push(Math.max(0, ...layers[l].map((item) => item.along)));
    v += bandSize[l] + GAP.layer + (labelled.has(l) ? GAP.label : 0);
  }
  const extentAcross = Math.max(0, ...items.map((item) => item.u + item.across / 2));
  const extentAlong = v - GAP.layer;
  const top = (item: Item) => bandStart[item.layer] + (bandSize[item.layer] - item.along) / 2;
  const toXY = (u: number, along: number): Point => (down ? { x: u, y: along } : { x: along, y: u });

  const block: Block = { width: 0, height: 0, nodes: [], edges: [] };
  const labels: Box[] = [];
  for (const item of items) {
    if (!item.placed) continue;
    const corner = toXY(item.u - item.across / 2, top(item));
    block.nodes.push(shiftNode(item.placed, corner.x, corner.y));
    for (const inner of item.inner) {
      block.nodes.push(...inner.nodes.map((placed) => shiftNode(placed, corner.x, corner.y)));
      block.edges.push(...inner.edges.map((placed) => shiftEdge(placed, corner.x, corner.y)));
    }
  }

  // Routes: ports spread along each node's sides; orthogonal bends halfway between layers.
  const ports = (item: Item, count: number, position: number) => item.u - item.across / 2 + (item.across * (position + 1)) / (count + 1);
  const outgoing = new Map<number, GraphEdge[]>();
  const incoming = new Map<number, GraphEdge[]>();
  for (const [edge, chain] of chains) {
    outgoing.set(chain[0].index, [...(outgoing.get(chain[0].index) ?? []), edge]);
    incoming.set(chain[chain.length - 1].index, [...(incoming.get(chain[chain.length - 1].index) ?? []), edge]);
  }
  const portOf = (edge: GraphEdge, end: 'source' | 'target') => {
    const chain = chains.get(edge)!;
    const item = end === 'source' ? chain[0] : chain[chain.length - 1];
    const list = (end === 'source' ? outgoing : incoming).get(item.index)!;
    list.sort((a, b) => (end === 'source' ? chains.get(a)![1].u - chains.get(b)![1].u : chains.get(a)!.at(-2)!.u - chains.get(b)!.at(-2)!.u));
    return list.length === 1 ? item.u : ports(item, list.length, list.indexOf(edge));
  };
  for (const [edge, chain] of chains) {
    const points: Point[] = [];
    let u = portOf(edge, 'source');
    let along = top(chain[0]) + chain[0].along;
    points.push({ x: u, y: along });
    for (let i = 1; i < chain.length; i++) {
      const item = chain[i];
      const last = i === chain.length - 1;
      const nextU = last ? portOf(edge, 'target') : item.u;
      const enter = last ? top(item) : bandStart[item.layer];
      if (nextU !== u) {
        const middle = enter - GAP.layer / 2;
        points.push({ x: u, y: middle }, { x: nextU, y: middle });
      }
      u = nextU;
      along = last ? enter : bandStart[item.layer] + bandSize[item.layer];
      points.push({ x: u, y: enter });
      if (!last) points.push({ x: u, y: along });
    }
    block.edges.push(route(edge, simplify(points).map((point) => toXY(point.x, point.y)), measure, labels));
  }

  // Backward edges and self-loops: out of the source's far side, along a channel beyond the drawing, into the target's.
  let channel = extentAcross + GAP.channel;
  for (const edge of edges.filter((candidate) => backward.has(candidate) || candidate.source === candidate.target)) {
    const source = items[indexOf.get(edge.source)!];
    const target = items[indexOf.get(edge.target)!];
    const from = top(source) + source.along / 2;
    const to = top(target) + target.along / 2 + (edge.source === edge.target ? 8 : 0);
    const points = [
      { x: source.u + source.across / 2, y: from },
      { x: channel, y: from },
      { x: channel, y: to },
      { x: target.u + target.across / 2, y: to },
    ];
    block.edges.push(route(edge, points.map((point) => toXY(point.x, point.y)), measure, labels));
    channel += GAP.channel;
  }
  const across = channel - GAP.channel + (channel > extentAcross + GAP.channel ? GAP.channel : 0);
  const size = toXY(Math.max(extentAcross, across), extentAlong);
  block.width = size.x;
  block.height = size.y;
  return block;
}

/** Lays out a container's contents and sizes the container: a Map's states directly, a Parallel's lanes side by side. */
function layoutContainer(node: GraphNode, placed: PlacedNode, measure: TextMeasurer, direction: Direction, memo: LayoutMemo): Block[] {
  const header = METRICS.containerHeader;
  if (holdsStatesDirectly(node)) {
    const inner = layoutMachine(node.machines[0], measure, direction, memo);
    placed.width = Math.max(placed.width, inner.width + 2 * PADDING.container);
    placed.height = header + inner.height + PADDING.container;
    const left = (placed.width - inner.width) / 2;
    return [{ ...inner, nodes: inner.nodes.map((n) => shiftNode(n, left, header)), edges: inner.edges.map((e) => shiftEdge(e, left, header)) }];
  }
  const laneTop = METRICS.laneHeader + PADDING.lane;
  const lanes = node.machines.map((machine) => ({ machine, inner: layoutMachine(machine, measure, direction, memo) }));
  const sideBySide = direction === 'DOWN';
  let offset = 0;
  const blocks: Block[] = [];
  placed.lanes = [];
  const laneHeight = Math.max(...lanes.map(({ inner }) => inner.height)) + laneTop + PADDING.lane;
  const laneWidth = Math.max(...lanes.map(({ inner }) => inner.width)) + 2 * PADDING.lane;
  for (const { machine, inner } of lanes) {
    const width = sideBySide ? inner.width + 2 * PADDING.lane : laneWidth;
    const height = sideBySide ? laneHeight : inner.height + laneTop + PADDING.lane;
    const box = sideBySide ? { x: PADDING.container + offset, y: header, width, height } : { x: PADDING.container, y: header + offset, width, height };
    placed.lanes.push({ machine, box });
    const left = box.x + (width - inner.width) / 2;
    const top = box.y + laneTop;
    blocks.push({ ...inner, nodes: inner.nodes.map((n) => shiftNode(n, left, top)), edges: inner.edges.map((e) => shiftEdge(e, left, top)) });
    offset += (sideBySide ? width : height) + GAP.lane;
  }
  const contentWidth = sideBySide ? offset - GAP.lane : laneWidth;
  const contentHeight = sideBySide ? laneHeight : offset - GAP.lane;
  placed.width = Math.max(placed.width, contentWidth + 2 * PADDING.container);
  placed.height = header + contentHeight + PADDING.container;
  // Lanes were placed from the left; centre them in a container widened by its header.
  const slack = (placed.width - 2 * PADDING.container - contentWidth) / 2;
  if (slack > 0) {
    for (const lane of placed.lanes) lane.box.x += slack;
    return blocks.map((inner) => ({ ...inner, nodes: inner.nodes.map((n) => shiftNode(n, slack, 0)), edges: inner.edges.map((e) => shiftEdge(e, slack, 0)) }));
  }
  return blocks;
}

/**
 * The edge with its label on its route: on the longest segment first, at the first of a few spots
 * on or beside it that no label placed before (`taken`) covers; segments by decreasing length after that.
 */
function route(edge: GraphEdge, points: Point[], measure: TextMeasurer, taken: Box[]): PlacedEdge {
  const placed: PlacedEdge = { edge, points };
  const text = edgeLabelText(edge, measure);
  if (!text) return placed;
  const width = measure.width(text, 'label') + 2 * METRICS.labelPaddingX;
  const height = METRICS.labelHeight;
  const segments = points.slice(1).map((end, i) => [points[i], end] as const).sort((a, b) => distance(b[0], b[1]) - distance(a[0], a[1]));
  // Centred on the line, or beside it (right, then left).
  const at = ([a, b]: readonly [Point, Point], t: number, side: number): Box => ({
    x: a.x + (b.x - a.x) * t - width / 2 + side * (width / 2 + 4),
    y: a.y + (b.y - a.y) * t - height / 2,
    width,
    height,
  });
  const candidates = segments.flatMap((segment) => [0, 1, -1].flatMap((side) => [0.5, 0.3, 0.7, 0.15, 0.85].map((t) => at(segment, t, side))));
  const box = candidates.find((candidate) => !taken.some((other) => overlaps(candidate, other))) ?? candidates[0];
  taken.push(box);
  placed.label = { text, ...box };
  return placed;
}

function overlaps(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/**
 * Places `layer`'s items in their order as near as possible to `desired` centres (least squares)
 * while keeping `gap` between neighbours: isotonic regression by pool-adjacent-violators.
 */
function placeInOrder(layer: Item[], desired: number[], gap: (a: Item, b: Item) => number): void {
  const offsets = [0];
  for (let i = 1; i < layer.length; i++) offsets.push(offsets[i - 1] + gap(layer[i - 1], layer[i]));
  const pools: { sum: number; count: number }[] = [];
  for (let i = 0; i < layer.length; i++) {
    pools.push({ sum: desired[i] - offsets[i], count: 1 });
    while (pools.length > 1 && pools[pools.length - 2].sum / pools[pools.length - 2].count > pools[pools.length - 1].sum / pools[pools.length - 1].count) {
      const last = pools.pop()!;
      pools[pools.length - 1].sum += last.sum;
      pools[pools.length - 1].count += last.count;
    }
  }
  let i = 0;
  for (const pool of pools) {
    for (let k = 0; k < pool.count; k++, i++) layer[i].u = pool.sum / pool.count + offsets[i];
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Drops points that do not turn. */
function simplify(points: Point[]): Point[] {
  return points.filter((point, i) => {
    if (i === 0 || i === points.length - 1) return true;
    const [a, b] = [points[i - 1], points[i + 1]];
    return !((a.x === point.x && point.x === b.x) || (a.y === point.y && point.y === b.y));
  });
}

function distance(a: Point, b: Point): number {
  return Math.abs(a.x - b.x) + Math.abs(a.y - b.y);
}

function shiftNode(placed: PlacedNode, dx: number, dy: number): PlacedNode {
  return { ...placed, x: placed.x + dx, y: placed.y + dy, lanes: placed.lanes.map((lane) => ({ ...lane, box: { ...lane.box, x: lane.box.x + dx, y: lane.box.y + dy } })) };
}

function shiftEdge(placed: PlacedEdge, dx: number, dy: number): PlacedEdge {
  return {
    ...placed,
    points: placed.points.map((point) => ({ x: point.x + dx, y: point.y + dy })),
    label: placed.label && { ...placed.label, x: placed.label.x + dx, y: placed.label.y + dy },
  };
}
