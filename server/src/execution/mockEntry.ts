// A mock for a Task nothing serves, added to a MockConfigFile's text as the editor's quick fix offers it:
// insertions that keep the rest of the file as written.
import { applyEdits, findNodeAtLocation, parseTree, type JSONPath, type Node } from 'jsonc-parser';
import type { MockEntry, MockSelection, TextInsertion, UnservedTask } from '../protocol';
import { isObject } from '../core/machineStructure';
import { parseJson } from './plan';

const LAMBDA_INVOKE = /^arn:aws[\w-]*:states:::lambda:invoke/;

/**
 * Adds a mock for `task` to a MockConfigFile's text (undefined: a new file): the state's entry in
 * the test case and a first response, returning an empty result shaped as the resource returns
 * it, for the user to fill in. Only insertions, at the ends of the objects that exist, indented
 * like the file: the rest of the text (numbers such as 1e400 included) stays as written.
 */
export function mockEntryEdits(text: string | undefined, selection: MockSelection, task: UnservedTask): MockEntry {
  const blank = !text?.trim();
  const value = blank ? { json: {} } : parseJson(text!);
  if (!value) return { error: 'It is not valid JSON.' };
  if (!isObject(value.json)) return { error: 'It is not a JSON object.' };
  const responses = isObject(value.json.MockedResponses) ? value.json.MockedResponses : {};
  const base = `${task.state.replace(/[^A-Za-z0-9]+/g, '')}Mock` || 'TaskMock';
  let mockName = base;
  for (let i = 2; Object.hasOwn(responses, mockName); i++) mockName = `${base}${i}`;
  const response = { 0: { Return: LAMBDA_INVOKE.test(task.resource) ? { StatusCode: 200, Payload: {} } : {} } };
  const entries: [JSONPath, unknown][] = [
    [['StateMachines', selection.stateMachine, 'TestCases', selection.testCase, task.state], mockName],
    [['MockedResponses', mockName], response],
  ];
  const source = blank ? '{}' : text!;
  const edits = insertions(source, entries);
  if ('error' in edits) return edits;
  const result = applyEdits(source, edits);
  const entryOffset = findNodeAtLocation(parseTree(result)!, ['MockedResponses', mockName])!.parent!.offset;
  // A new file: the whole text, in place of the '{}' it started from.
  if (blank) return { edits: [{ offset: 0, length: 0, content: `${result}\n` }], mockName, entryOffset };
  return { edits, mockName, entryOffset };
}

/** Properties to add at their paths: for each, the deepest object of its path that exists takes the rest of the path, nested. */
function insertions(text: string, entries: [JSONPath, unknown][]): TextInsertion[] | { error: string } {
  const root = parseTree(text)!;
  const unit = /^[ \t]+(?=")/m.exec(text)?.[0] ?? '  ';
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const byParent = new Map<Node, [string, unknown][]>();
  for (const [path, leaf] of entries) {
    let depth = path.length - 1;
    while (depth > 0 && !findNodeAtLocation(root, path.slice(0, depth))) depth--;
    const parent = depth === 0 ? root : findNodeAtLocation(root, path.slice(0, depth))!;
    if (parent.type !== 'object') return { error: `${path.slice(0, depth).map((key) => JSON.stringify(key)).join(' > ')} is not an object.` };
    const nested = path.slice(depth + 1).reduceRight<unknown>((value, key) => ({ [key]: value }), leaf);
    byParent.set(parent, [...byParent.get(parent) ?? [], [String(path[depth]), nested]]);
  }
  return [...byParent].map(([parent, properties]) => {
    const last = parent.children?.at(-1);
    const lineStart = (offset: number) => text.lastIndexOf('\n', offset - 1) + 1;
    const indentOf = (offset: number) => /^[ \t]*/.exec(text.slice(lineStart(offset)))![0];
    // An object written on one line takes its new properties on that line.
    const inline = last !== undefined && lineStart(last.offset) === lineStart(parent.offset);
    if (inline) {
      const content = properties.map(([key, value]) => `, ${JSON.stringify(key)}: ${JSON.stringify(value)}`).join('');
      return { offset: last.offset + last.length, length: 0, content };
    }
    const indent = last ? indentOf(last.offset) : indentOf(parent.offset) + unit;
    const written = properties.map(([key, value]) =>
      `${indent}${JSON.stringify(key)}: ${JSON.stringify(value, null, unit).split('\n').join(eol + indent)}`).join(`,${eol}`);
    return last
      ? { offset: last.offset + last.length, length: 0, content: `,${eol}${written}` }
      : { offset: parent.offset + 1, length: 0, content: `${eol}${written}${eol}${indentOf(parent.offset)}` };
  });
}
