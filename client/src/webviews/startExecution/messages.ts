// Messages between the start form and the extension host.
import type { MockSelection, RemoteFailure, RunPlan, RunPlanParams, RunProblem, RunTarget, TargetIdentity, TimeMode } from '../../../../server/src/protocol';
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
  /** Where the run goes, as picked (remembered per file). */
  target: TargetChoice;
  /** The local endpoint's URL while it runs. */
  localEndpoint?: string;
  /** Who the AWS target's credentials are, once asked. */
  identity?: TargetIdentity | { failure: RemoteFailure };
}

/** The target picker's choice: the embedded interpreter, the running local endpoint, AWS, or a URL. */
export interface TargetChoice {
  kind: 'local' | 'localEndpoint' | 'aws' | 'custom';
  profile?: string;
  region?: string;
  url?: string;
}

export interface StartRequest {
  name: string;
  input: string;
  mock?: MockSelection;
  clock: TimeMode;
  type?: RunPlanParams['type'];
  callAws?: boolean;
  target: RunTarget;
}

export type ToStartForm =
  | { type: 'init'; form: StartFormState }
  | { type: 'plan'; plan: RunPlan; mockFile?: string; mockProblem?: string; mock?: MockSelection }
  | { type: 'imported'; text: string; source: string }
  | { type: 'startFailed'; errors: RunProblem[] }
  /** The local endpoint started or stopped. */
  | { type: 'localEndpoint'; url?: string }
  /** The answer about the AWS target the form shows; `for` is the choice it answers. */
  | { type: 'identity'; identity: TargetIdentity | { failure: RemoteFailure }; for: TargetChoice };

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
  /** The target picked (remembered for the file; an AWS target's identity is asked). */
  | { type: 'target'; target: TargetChoice }
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

/** The run target a choice names, or why it names none yet (the form shows it and does not start). */
export function runTargetOf(choice: TargetChoice, localEndpoint: string | undefined): { target: RunTarget } | { problem: string } {
  switch (choice.kind) {
    case 'local':
      return { target: { kind: 'local' } };
    case 'localEndpoint':
      return localEndpoint ? { target: { kind: 'endpoint', url: localEndpoint } } : { problem: 'The local endpoint is not running: start it (ASL: Start Local Endpoint) or pick another target.' };
    case 'aws': {
      const profile = choice.profile?.trim() || undefined;
      const region = choice.region?.trim() || undefined;
      if (region && !/^[a-z]{2}(-[a-z]+)+-\d+$/.test(region)) return { problem: `"${region}" is not a region name such as eu-west-1.` };
      return { target: { kind: 'aws', ...(profile ? { profile } : {}), ...(region ? { region } : {}) } };
    }
    case 'custom': {
      const url = choice.url?.trim() ?? '';
      if (!url) return { problem: 'Enter the endpoint URL, such as http://localhost:4566.' };
      if (!URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol)) return { problem: `"${url}" is not an http(s) URL.` };
      return { target: { kind: 'endpoint', url } };
    }
  }
}
