// Messages between the start form and the extension host.
import type { MockSelection, RunPlan, RunProblem, TimeMode } from '../../../../server/src/protocol';

export interface StartFormState {
  fileName: string;
  name: string;
  input: string;
  /** Where the input came from, shown beside it. */
  inputSource: string;
  /** The MockConfigFile found for the definition, as a workspace-relative path. */
  mockFile?: string;
  /** Why no MockConfigFile fits the state machine, when files were found. */
  mockProblem?: string;
  mock?: MockSelection;
  clock: TimeMode;
  plan: RunPlan;
}

export interface StartRequest {
  name: string;
  input: string;
  mock?: MockSelection;
  clock: TimeMode;
}

export type ToStartForm =
  | { type: 'init'; form: StartFormState }
  | { type: 'plan'; plan: RunPlan; mockFile?: string; mockProblem?: string; mock?: MockSelection }
  | { type: 'imported'; text: string; source: string }
  | { type: 'startFailed'; errors: RunProblem[] };

export type FromStartForm =
  | { type: 'ready' }
  | { type: 'start'; request: StartRequest }
  | { type: 'import' }
  | { type: 'selectMock'; mock?: MockSelection }
  | { type: 'addMock'; state: string; mock?: MockSelection }
  | { type: 'reveal'; problem: RunProblem }
  | { type: 'cancel' };

/** Execution names as the form accepts them: 1 to 80 letters, digits, dashes and underscores. */
export function executionNameProblem(name: string): string | undefined {
  if (!name) return 'Enter a name.';
  if (name.length > 80) return `The name has ${name.length} characters; at most 80.`;
  const bad = name.match(/[^A-Za-z0-9_-]/);
  return bad ? `"${bad[0]}" is not allowed: use letters, digits, dashes and underscores.` : undefined;
}

/** Where a JSON text stops parsing, as a message with line and column, or undefined when it parses. */
export function jsonProblem(text: string): string | undefined {
  try {
    JSON.parse(text);
    return undefined;
  } catch {
    const { offset, message } = firstJsonError(text);
    const before = text.slice(0, offset).split('\n');
    return `${message} at line ${before.length} column ${before[before.length - 1].length + 1}`;
  }
}

/**
 * Scans text that JSON.parse rejected for where and why it first goes wrong (the browser's own
 * messages do not always say where).
 */
function firstJsonError(text: string): { offset: number; message: string } {
  let at = 0;
  const fail = (message: string): never => { throw { offset: at, message }; };
  const space = () => { while (/[ \t\n\r]/.test(text[at] ?? '')) at++; };
  const describe = () => at >= text.length ? 'the end of the input' : `'${text[at]}'`;
  const string = () => {
    at++;
    while (text[at] !== '"') {
      if (at >= text.length || text[at] === '\n') fail('Unterminated string');
      if (text[at] === '\\') {
        at++;
        if (text[at] === 'u' ? !/^[0-9a-fA-F]{4}$/.test(text.slice(at + 1, at + 5)) : !'"\\/bfnrt'.includes(text[at] ?? 'x')) fail('Invalid escape in a string');
        at += text[at] === 'u' ? 5 : 1;
      } else if (text.charCodeAt(at) < 0x20) {
        fail('Control character in a string');
      } else {
        at++;
      }
    }
    at++;
  };
  const value = (): void => {
    space();
    const char = text[at];
    if (char === '{') {
      at++;
      space();
      if (text[at] === '}') { at++; return; }
      for (;;) {
        space();
        if (text[at] !== '"') fail(`Expected a property name in double quotes, found ${describe()}`);
        string();
        space();
        if (text[at] !== ':') fail(`Expected ':', found ${describe()}`);
        at++;
        value();
        space();
        if (text[at] === '}') { at++; return; }
        if (text[at] !== ',') fail(`Expected ',' or '}', found ${describe()}`);
        at++;
      }
    }
    if (char === '[') {
      at++;
      space();
      if (text[at] === ']') { at++; return; }
      for (;;) {
        value();
        space();
        if (text[at] === ']') { at++; return; }
        if (text[at] !== ',') fail(`Expected ',' or ']', found ${describe()}`);
        at++;
      }
    }
    if (char === '"') return string();
    const literal = /^(?:-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(text.slice(at));
    if (!literal) fail(`Expected a value, found ${describe()}`);
    at += literal![0].length;
  };
  try {
    value();
    space();
    if (at < text.length) fail(`Unexpected ${describe()} after the JSON value`);
  } catch (error) {
    if (error && typeof error === 'object' && 'offset' in error) return error as { offset: number; message: string };
    throw error;
  }
  return { offset: at, message: 'Invalid JSON' };
}
