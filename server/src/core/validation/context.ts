// Collects the issues of one validation; every rule reports through it so that messages
// have one shape: AWS's code and wording where AWS has them, and the place as AWS writes it.
import type { DiagnosticCode } from './codes';
import type { DefinitionIndex, StateInfo } from './definitionIndex';
import type { DefinitionIssue, IssueSeverity, JsonPath, ValidationOptions } from './types';

export interface ReportExtra {
  part?: 'key' | 'value';
  offset?: number;
  length?: number;
  code?: DiagnosticCode;
  data?: Record<string, unknown>;
  /** AWS's diagnostic code, prefixed to the message (e.g. SCHEMA_VALIDATION_FAILED). */
  aws?: string;
  /** The location named in the message when it differs from where the issue points. */
  at?: JsonPath;
}

/** A path as AWS writes locations: `/States/C/Choices[0]/Next`. */
export function formatLocation(path: JsonPath): string {
  if (path.length === 0) return '/';
  return path.map((segment) => (typeof segment === 'number' ? `[${segment}]` : `/${segment}`)).join('');
}

/** A read of a workflow variable, found by the path and JSONata rules for the variables rule. */
export interface VariableRead {
  name: string;
  state: StateInfo;
  path: JsonPath;
  offset?: number;
  length?: number;
}

/** Names compared for "did you mean" per validation: a document full of broken targets stays fast. */
const SUGGESTION_BUDGET = 20_000;

export class ValidationContext {
  readonly issues: DefinitionIssue[] = [];
  readonly variableReads: VariableRead[] = [];
  private suggestionBudget = SUGGESTION_BUDGET;

  /** Whether a suggestion among `candidates` names may still be looked for (and counts them). */
  maySuggest(candidates: number): boolean {
    if (candidates > this.suggestionBudget) return false;
    this.suggestionBudget -= candidates;
    return true;
  }

  constructor(readonly index: DefinitionIndex, readonly options: ValidationOptions) {}

  report(severity: IssueSeverity, path: JsonPath, text: string, extra: ReportExtra = {}): void {
    const prefix = extra.aws ? `${extra.aws}: ` : '';
    const issue: DefinitionIssue = {
      path,
      part: extra.part ?? 'value',
      severity,
      message: `${prefix}${text} at ${formatLocation(extra.at ?? path)}`,
    };
    if (extra.offset !== undefined) {
      issue.offset = extra.offset;
      issue.length = extra.length ?? 0;
    }
    if (extra.code) issue.code = extra.code;
    if (extra.data) issue.data = extra.data;
    this.issues.push(issue);
  }

  error(path: JsonPath, text: string, extra?: ReportExtra): void {
    this.report('error', path, text, extra);
  }

  warning(path: JsonPath, text: string, extra?: ReportExtra): void {
    this.report('warning', path, text, extra);
  }
}
