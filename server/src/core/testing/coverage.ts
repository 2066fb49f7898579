// Test coverage of a definition: each state (entered how often), each transition between states,
// and each branch a state can take (a Choice rule or its Default, a Retrier, a Catcher), counted
// over the executions of the tests, written as lcov (a line per state, at its name) and summed up.
import type { HistoryEvent, TakenBranch } from '../interpreter/api';

export type DefinitionPath = (string | number)[];

export interface CoverageTargets {
  states: { name: string; path: DefinitionPath }[];
  /** `index` into the state's Choices, Retry or Catch (0 for Default); `key` names it in CoverageHits. */
  branches: { state: string; kind: TakenBranch['kind']; index: number; key: string; path: DefinitionPath }[];
  /** Every `from -> to` a definition allows (Next, Default, a rule's or a catcher's Next). */
  transitions: string[];
}

/** Counts by target: state name, branch key, transition `from -> to`. */
export interface CoverageHits {
  states: Record<string, number>;
  branches: Record<string, number>;
  transitions: Record<string, number>;
}

function branchKey(stateName: string, kind: string, index: number): string {
  return `${stateName}/${kind}/${index}`;
}

export const transitionKey = (from: string, to: string) => `${from} -> ${to}`;

function isObject(value: unknown): value is Record<string, any> {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}

/** What a definition offers to cover, its Parallel branches and Map processors included. */
export function coverageTargets(definition: unknown): CoverageTargets {
  const targets: CoverageTargets = { states: [], branches: [], transitions: [] };
  const visit = (machine: unknown, at: DefinitionPath) => {
    if (!isObject(machine) || !isObject(machine.States)) return;
    for (const [name, state] of Object.entries(machine.States)) {
      const path = [...at, 'States', name];
      targets.states.push({ name, path });
      if (!isObject(state)) continue;
      const to = (next: unknown) => typeof next === 'string' && targets.transitions.push(transitionKey(name, next));
      to(state.Next);
      for (const kind of ['Choices', 'Retry', 'Catch'] as const) {
        if (!Array.isArray(state[kind])) continue;
        state[kind].forEach((entry: unknown, index: number) => {
          targets.branches.push({ state: name, kind, index, key: branchKey(name, kind, index), path: [...path, kind, index] });
          if (kind !== 'Retry' && isObject(entry)) to(entry.Next);
        });
      }
      if (typeof state.Default === 'string') {
        targets.branches.push({ state: name, kind: 'Default', index: 0, key: branchKey(name, 'Default', 0), path: [...path, 'Default'] });
        to(state.Default);
      }
      if (Array.isArray(state.Branches)) state.Branches.forEach((branch: unknown, index: number) => visit(branch, [...path, 'Branches', index]));
      for (const key of ['ItemProcessor', 'Iterator']) visit(state[key], [...path, key]);
    }
  };
  visit(definition, []);
  targets.transitions = [...new Set(targets.transitions)];
  return targets;
}

export function emptyHits(): CoverageHits {
  return { states: {}, branches: {}, transitions: {} };
}

/** Adds what one execution did: the states it entered, the transitions it took (by its events' previousEventId), the branches it took. */
export function addExecution(hits: CoverageHits, events: readonly HistoryEvent[], branches: readonly TakenBranch[]): void {
  const exitedById = new Map<number, string>();
  for (const event of events) {
    const exited = event.stateExitedEventDetails as { name: string } | undefined;
    if (exited) exitedById.set(event.id, exited.name);
    const entered = event.stateEnteredEventDetails as { name: string } | undefined;
    if (!entered) continue;
    hits.states[entered.name] = (hits.states[entered.name] ?? 0) + 1;
    const from = exitedById.get(event.previousEventId);
    if (from !== undefined) {
      const key = transitionKey(from, entered.name);
      hits.transitions[key] = (hits.transitions[key] ?? 0) + 1;
    }
  }
  for (const branch of branches) {
    const key = branchKey(branch.stateName, branch.kind, branch.index);
    hits.branches[key] = (hits.branches[key] ?? 0) + 1;
  }
}

function mergeHits(into: CoverageHits, from: CoverageHits): void {
  for (const part of ['states', 'branches', 'transitions'] as const) {
    for (const [key, count] of Object.entries(from[part])) into[part][key] = (into[part][key] ?? 0) + count;
  }
}

/** A definition file's coverage: its targets, the lines they stand on (1-based), and the hits of every test. */
export interface FileCoverage {
  file: string;
  targets: CoverageTargets;
  /** The line of each state (by name) and of each branch (by its key). */
  lines: { states: Record<string, number>; branches: Record<string, number> };
  hits: CoverageHits;
}

/** One coverage per definition file, the hits of the test files that test it added up. */
export function combineCoverage(files: readonly FileCoverage[]): FileCoverage[] {
  const byFile = new Map<string, FileCoverage>();
  for (const coverage of files) {
    let combined = byFile.get(coverage.file);
    if (!combined) byFile.set(coverage.file, combined = { ...coverage, hits: emptyHits() });
    mergeHits(combined.hits, coverage.hits);
  }
  return [...byFile.values()];
}

export interface CoverageCount {
  covered: number;
  total: number;
}

export interface CoverageSummary {
  states: CoverageCount;
  transitions: CoverageCount;
  branches: CoverageCount;
}

export function summarize(files: readonly FileCoverage[]): CoverageSummary {
  const summary: CoverageSummary = { states: { covered: 0, total: 0 }, transitions: { covered: 0, total: 0 }, branches: { covered: 0, total: 0 } };
  const count = (into: CoverageCount, keys: string[], hits: Record<string, number>) => {
    into.total += keys.length;
    into.covered += keys.filter((key) => (hits[key] ?? 0) > 0).length;
  };
  for (const { targets, hits } of files) {
    count(summary.states, targets.states.map((state) => state.name), hits.states);
    count(summary.transitions, targets.transitions, hits.transitions);
    count(summary.branches, targets.branches.map((branch) => branch.key), hits.branches);
  }
  return summary;
}

export function percent({ covered, total }: CoverageCount): number {
  return total === 0 ? 100 : (covered / total) * 100;
}

/** `states 5/6 (83.3%), transitions 4/6 (66.7%), branches 3/5 (60.0%)`. */
export function formatSummary(summary: CoverageSummary): string {
  return (['states', 'transitions', 'branches'] as const)
    .map((part) => `${part} ${summary[part].covered}/${summary[part].total} (${percent(summary[part]).toFixed(1)}%)`).join(', ');
}

/**
 * lcov (geninfo's format): a record per definition file; each state a line (DA, at its name) hit as
 * often as it was entered, and a function (FN) named after it; each branch a BRDA of the block of its state.
 */
export function toLcov(files: readonly FileCoverage[]): string {
  const out: string[] = [];
  for (const { file, targets, lines, hits } of files) {
    out.push('TN:', `SF:${file}`);
    for (const state of targets.states) out.push(`FN:${lines.states[state.name]},${state.name}`);
    for (const state of targets.states) out.push(`FNDA:${hits.states[state.name] ?? 0},${state.name}`);
    const statesHit = targets.states.filter((state) => (hits.states[state.name] ?? 0) > 0).length;
    out.push(`FNF:${targets.states.length}`, `FNH:${statesHit}`);
    const blocks = new Map(targets.states.map((state, index) => [state.name, index]));
    const perBlock = new Map<string, number>();
    let branchesHit = 0;
    for (const branch of targets.branches) {
      const { key } = branch;
      const number = perBlock.get(branch.state) ?? 0;
      perBlock.set(branch.state, number + 1);
      const taken = hits.branches[key] ?? 0;
      if (taken) branchesHit++;
      // '-' is lcov's "never reached": the state holding the branch never ran.
      const shown = taken || ((hits.states[branch.state] ?? 0) > 0 ? 0 : '-');
      out.push(`BRDA:${lines.branches[key]},${blocks.get(branch.state)},${number},${shown}`);
    }
    out.push(`BRF:${targets.branches.length}`, `BRH:${branchesHit}`);
    for (const state of targets.states) out.push(`DA:${lines.states[state.name]},${hits.states[state.name] ?? 0}`);
    out.push(`LF:${targets.states.length}`, `LH:${statesHit}`, 'end_of_record');
  }
  return out.join('\n') + '\n';
}
