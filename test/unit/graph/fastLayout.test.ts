import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { fastLayout } from '../../../client/src/webviews/graph/fastLayout';
import type { Box, Direction, GraphLayout, TextMeasurer } from '../../../client/src/webviews/graph/geometry';
import { buildGraphModel, GraphMachine, GraphModel } from '../../../server/src/core/graph/model';
import { helloWorldTemplate } from '../../../server/src/core/templates';
import { orderPipeline } from '../../fixtures/graph/machines';

/** Text as wide as a 7 px font would make it: the layout only needs consistent widths. */
const measure: TextMeasurer = { width: (text) => text.length * 7 };

function allMachines(machine: GraphMachine): GraphMachine[] {
  return [machine, ...machine.nodes.flatMap((node) => node.machines.flatMap(allMachines))];
}

const inside = (inner: Box, outer: Box) =>
  inner.x >= outer.x - 0.5 && inner.y >= outer.y - 0.5 && inner.x + inner.width <= outer.x + outer.width + 0.5 && inner.y + inner.height <= outer.y + outer.height + 0.5;
const overlap = (a: Box, b: Box) => Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x) > 0.5 && Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y) > 0.5;
const onBorder = (point: { x: number; y: number }, box: Box) =>
  point.x >= box.x - 0.5 && point.x <= box.x + box.width + 0.5 && point.y >= box.y - 0.5 && point.y <= box.y + box.height + 0.5 &&
  [point.x - box.x, box.x + box.width - point.x, point.y - box.y, box.y + box.height - point.y].some((gap) => Math.abs(gap) < 0.5);

/** The invariants a drawing needs: every node and edge placed, siblings apart, containers around their states, edges from border to border. */
function checkLayout(model: GraphModel, layout: GraphLayout): void {
  const boxes = new Map(layout.nodes.map((placed) => [placed.node.id, placed]));
  const machines = allMachines(model.root);
  assert.equal(layout.nodes.length, machines.reduce((total, machine) => total + machine.nodes.length, 0));
  assert.equal(layout.edges.length, machines.reduce((total, machine) => total + machine.edges.length, 0));
  for (const placed of layout.nodes) {
    assert.ok([placed.x, placed.y, placed.width, placed.height].every(Number.isFinite), placed.node.name);
    assert.ok(inside(placed, { x: 0, y: 0, width: layout.width, height: layout.height }), `${placed.node.name} is inside the drawing`);
  }
  for (const machine of machines) {
    const siblings = machine.nodes.map((node) => boxes.get(node.id)!);
    for (let i = 0; i < siblings.length; i++) {
      for (let j = i + 1; j < siblings.length; j++) assert.ok(!overlap(siblings[i], siblings[j]), `${siblings[i].node.name} and ${siblings[j].node.name} overlap`);
    }
    for (const node of machine.nodes) {
      for (const inner of node.machines.flatMap((sub) => sub.nodes)) assert.ok(inside(boxes.get(inner.id)!, boxes.get(node.id)!), `${inner.name} is inside ${node.name}`);
    }
  }
  for (const { edge, points } of layout.edges) {
    assert.ok(points.length >= 2 && points.every((point) => Number.isFinite(point.x) && Number.isFinite(point.y)), edge.id);
    assert.ok(onBorder(points[0], boxes.get(edge.source)!), `${edge.id} leaves its source's border`);
    assert.ok(onBorder(points[points.length - 1], boxes.get(edge.target)!), `${edge.id} reaches its target's border`);
    for (let i = 1; i < points.length; i++) {
      assert.ok(points[i].x === points[i - 1].x || points[i].y === points[i - 1].y, `${edge.id} is orthogonal`);
    }
  }
}

describe('fast layout (big machines)', () => {
  for (const direction of ['DOWN', 'RIGHT'] as Direction[]) {
    it(`lays out the Hello World template ${direction}`, () => {
      const model = buildGraphModel(helloWorldTemplate.definition);
      const layout = fastLayout(model.root, measure, direction);
      checkLayout(model, layout);
      const [start, end] = ['start', 'end'].map((kind) => layout.nodes.find((placed) => placed.node.kind === kind)!);
      if (direction === 'DOWN') assert.ok(start.y < end.y, 'Start above End');
      else assert.ok(start.x < end.x, 'Start left of End');
      const parallel = layout.nodes.find((placed) => placed.node.type === 'Parallel')!;
      assert.equal(parallel.lanes.length, 2);
      const [first, second] = parallel.lanes.map((lane) => lane.box);
      assert.ok(direction === 'DOWN' ? first.x + first.width <= second.x : first.y + first.height <= second.y, 'branches side by side across the flow');
    });
  }

  it('lays out again only the machines an edit changed, and none for an edit that changes no shape', () => {
    const definition = orderPipeline(2);
    const before = fastLayout(buildGraphModel(definition).root, measure, 'DOWN');
    const nodeOf = (layout: GraphLayout, name: string) => layout.nodes.find((placed) => placed.node.name === name)!;
    // A Comment is not drawn: the whole layout is the last one (its nodes are the last model's).
    const commented = buildGraphModel({ ...definition, Comment: 'Edited' });
    const same = fastLayout(commented.root, measure, 'DOWN');
    assert.deepEqual(same, before);
    assert.equal(nodeOf(same, '[2] Archive order').node, nodeOf(before, '[2] Archive order').node);
    // A longer wait in one branch: that branch is laid out again, the other branches and the Map are not.
    const edited = structuredClone(definition) as { States: Record<string, { Branches: { States: Record<string, { Seconds?: number }> }[] }> };
    edited.States['[1] Reserve and charge'].Branches[1].States['[1] Wait for settlement'].Seconds = 45;
    const model = buildGraphModel(edited);
    const after = fastLayout(model.root, measure, 'DOWN');
    checkLayout(model, after);
    assert.notEqual(nodeOf(after, '[1] Wait for settlement').node, nodeOf(before, '[1] Wait for settlement').node);
    assert.equal(nodeOf(after, '[1] Wait for settlement').node.details[0], 'Wait 45 s');
    assert.equal(nodeOf(after, '[1] Stock ok').node, nodeOf(before, '[1] Stock ok').node, 'the other branch keeps its layout');
    assert.equal(nodeOf(after, '[2] Wait for settlement').node, nodeOf(before, '[2] Wait for settlement').node, 'the next segment\'s Parallel keeps its layout');
  });

  it('lays out a 510-state machine with loops, Catch edges and nested containers (timings: test/bench/graph.bench.mjs)', () => {
    const model = buildGraphModel(orderPipeline(17));
    checkLayout(model, fastLayout(model.root, measure, 'DOWN'));
  });
});
