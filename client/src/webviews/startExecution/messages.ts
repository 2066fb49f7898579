// Messages between the start form and the extension host.
import type { MockSelection, RunPlan, RunPlanParams, RunProblem, TimeMode } from '../../../../server/src/protocol';
import { executionNameProblem, MAX_NAME_LENGTH } from '../../../../server/src/core/apiLimits';

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
  /** STANDARD when absent. */
  type?: RunPlanParams['type'];
  plan: RunPlan;
  /** A hybrid run: the Tasks no mock serves call AWS (aslWorkbench.run.callAws sets the first value). */
  callAws: boolean;
}

export interface StartRequest {
  name: string;
  input: string;
  mock?: MockSelection;
  clock: TimeMode;
  type?: RunPlanParams['type'];
  callAws?: boolean;
}

export type ToStartForm =
  | { type: 'init'; form: StartFormState }
  | { type: 'plan'; plan: RunPlan; mockFile?: string; mockProblem?: string; mock?: MockSelection }
  | { type: 'imported'; text: string; source: string }
  | { type: 'startFailed'; errors: RunProblem[] };

export type FromStartForm =
  | { type: 'ready' }
  | { type: 'start'; request: StartRequest }
  /** The same start in the step debugger. */
  | { type: 'debug'; request: StartRequest }
  | { type: 'import' }
  | { type: 'selectMock'; mock?: MockSelection }
  /** The plan again with the rules of this state machine type. */
  | { type: 'selectType'; machineType: RunPlanParams['type'] }
  | { type: 'addMock'; state: string; mock?: MockSelection }
  | { type: 'reveal'; problem: RunProblem }
  | { type: 'cancel' };

/** Why the form cannot start an execution with this name: AWS's rules, in words for the form. */
export function executionNameFormProblem(name: string): string | undefined {
  if (!name) return 'Enter a name.';
  const problem = executionNameProblem(name);
  if (!problem) return undefined;
  if (problem.character === undefined) return `The name has ${name.length} characters; at most ${MAX_NAME_LENGTH}.`;
  const shown = !/[\p{Cc}\p{Cs}\ufffe\uffff\u{10ffff}]/u.test(problem.character) ? problem.character : `U+${problem.character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
  return `"${shown}" is not allowed: AWS refuses whitespace, < > { } [ ] ? * " # % \\ ^ | ~ \` $ & , ; : / and control characters.`;
}
