// What refuses a local run of a definition the validator accepts: a template placeholder standing where
// the run needs what only the deployment supplies. The interpreter and Run Locally refuse by these
// reports, so their messages are the validator's.
import { DiagnosticCode } from './codes';
import type { ValidationContext } from './context';
import type { DefinitionIssue, JsonPath } from './types';

/**
 * A placeholder the definition is valid with, but which a local run cannot read: it stands where the
 * field needs another type than its own, or names a state or a state type. The interpreter refuses the
 * run by it (see refusesRun).
 */
export function reportUnrunnablePlaceholder(context: ValidationContext, path: JsonPath, needed: string): void {
  // It says more than the placeholder's own information at the same place, which it replaces.
  const pointer = JSON.stringify(path);
  const same = context.issues.findIndex((issue) => issue.code === DiagnosticCode.templatePlaceholder && JSON.stringify(issue.path) === pointer);
  if (same >= 0) context.issues.splice(same, 1);
  context.report('information', path, `Template placeholder: a local run needs ${needed} here, which only the deployment supplies`, { code: DiagnosticCode.unrunnablePlaceholder });
}

/** Whether an issue refuses a run: an error, or a placeholder the run cannot read. */
export function refusesRun(issue: DefinitionIssue): boolean {
  return issue.severity === 'error' || issue.code === DiagnosticCode.unrunnablePlaceholder;
}
