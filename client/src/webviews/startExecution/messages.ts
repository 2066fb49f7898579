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
  | { type: 'plan'; plan: RunPlan; mockFile?: string; mock?: MockSelection }
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
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const position = /at position (\d+)/.exec(message);
    if (!position || /line \d+ column \d+/.test(message)) return message;
    const before = text.slice(0, Number(position[1])).split('\n');
    return `${message} (line ${before.length} column ${before[before.length - 1].length + 1})`;
  }
}
