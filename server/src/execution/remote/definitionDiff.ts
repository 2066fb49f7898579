// What a publish would change: the deployed definition against ours, both in one canonical form (keys
// sorted, two spaces), so that key order, spacing and a YAML source show no difference.

/** A definition as JSON text with its keys sorted at every level and two-space indentation. */
export function canonicalJson(value: unknown): string {
  return `${JSON.stringify(sortedKeys(value), null, 2)}\n`;
}

function sortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (value === null || typeof value !== 'object') return value;
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) sorted[key] = sortedKeys((value as Record<string, unknown>)[key]);
  return sorted;
}

type Edit = { kind: ' ' | '-' | '+'; line: string };

/** A unified diff (`diff -u`) of two texts, three lines of context; empty when they are the same. */
export function unifiedDiff(before: string, after: string, beforeLabel: string, afterLabel: string): string {
  if (before === after) return '';
  const edits = lineEdits(splitLines(before), splitLines(after));
  const hunks: string[] = [];
  const CONTEXT = 3;
  let index = 0;
  while (index < edits.length) {
    const firstChange = edits.findIndex((edit, at) => at >= index && edit.kind !== ' ');
    if (firstChange < 0) break;
    const start = Math.max(index, firstChange - CONTEXT);
    // The hunk runs until a stretch of more than twice the context lines is unchanged.
    let end = firstChange;
    let unchanged = 0;
    for (let at = firstChange; at < edits.length && unchanged <= 2 * CONTEXT; at++) {
      unchanged = edits[at].kind === ' ' ? unchanged + 1 : 0;
      end = at + 1;
    }
    end -= Math.max(0, unchanged - CONTEXT);
    const lines = edits.slice(start, end);
    const [oldStart, newStart] = linesBefore(edits, start);
    const oldCount = lines.filter((edit) => edit.kind !== '+').length;
    const newCount = lines.filter((edit) => edit.kind !== '-').length;
    hunks.push(`@@ -${range(oldStart, oldCount)} +${range(newStart, newCount)} @@\n${lines.map((edit) => `${edit.kind}${edit.line}\n`).join('')}`);
    index = end;
  }
  return `--- ${beforeLabel}\n+++ ${afterLabel}\n${hunks.join('')}`;
}

function splitLines(text: string): string[] {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** `start,count` as diff -u writes it: the line before the hunk when it adds to an empty side. */
function range(start: number, count: number): string {
  return `${count === 0 ? start : start + 1},${count}`;
}

function linesBefore(edits: Edit[], end: number): [number, number] {
  let old = 0;
  let added = 0;
  for (let at = 0; at < end; at++) {
    if (edits[at].kind !== '+') old++;
    if (edits[at].kind !== '-') added++;
  }
  return [old, added];
}

/** The shortest edit script from `a` to `b` (Myers' O(ND) algorithm): small for the small changes between two versions. */
function lineEdits(a: string[], b: string[]): Edit[] {
  const max = a.length + b.length;
  const offset = max + 1;
  let frontier = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  let found = false;
  for (let d = 0; d <= max && !found; d++) {
    trace.push(frontier.slice());
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && frontier[offset + k - 1] < frontier[offset + k + 1]) ? frontier[offset + k + 1] : frontier[offset + k - 1] + 1;
      let y = x - k;
      while (x < a.length && y < b.length && a[x] === b[y]) { x++; y++; }
      frontier[offset + k] = x;
      if (x >= a.length && y >= b.length) { found = true; break; }
    }
    if (found) trace.push(frontier);
  }
  // Back from the end, one step of the trace per difference.
  const edits: Edit[] = [];
  let x = a.length;
  let y = b.length;
  for (let d = trace.length - 2; d >= 0; d--) {
    const previous = trace[d];
    const k = x - y;
    const down = k === -d || (k !== d && previous[offset + k - 1] < previous[offset + k + 1]);
    const previousK = down ? k + 1 : k - 1;
    const previousX = previous[offset + previousK];
    const previousY = previousX - previousK;
    while (x > previousX && y > previousY) edits.push({ kind: ' ', line: a[--x] }), y--;
    if (d > 0) edits.push(down ? { kind: '+', line: b[--y] } : { kind: '-', line: a[--x] });
  }
  while (x > 0 && y > 0) edits.push({ kind: ' ', line: a[--x] }), y--;
  frontier = new Int32Array(0);
  return edits.reverse();
}
