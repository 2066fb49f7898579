// Shared by the validation tests: run the validator and pick what a test asserts on.
import { validateDefinition, DefinitionIssue, ValidationOptions } from '../../../server/src/core/validation';

export function issuesOf(definition: unknown, options?: ValidationOptions): DefinitionIssue[] {
  return validateDefinition(definition, options);
}

export function errorsOf(definition: unknown, options?: ValidationOptions): DefinitionIssue[] {
  return issuesOf(definition, options).filter((issue) => issue.severity === 'error');
}

export function warningsOf(definition: unknown): DefinitionIssue[] {
  return issuesOf(definition).filter((issue) => issue.severity === 'warning');
}

/** Where each issue points and what it says, in the order reported: what most assertions compare. */
export function summary(issues: DefinitionIssue[]): { path: string; part: string; message: string; offset?: number; length?: number }[] {
  return issues.map(({ path, part, message, offset, length }) => ({
    path: path.join('/'), part, message, ...(offset !== undefined ? { offset, length } : {}),
  }));
}

/** A one-state machine around `state` (named S), in the given query language. */
export function machineOf(state: Record<string, unknown>, queryLanguage?: 'JSONata' | 'JSONPath'): Record<string, unknown> {
  return { ...(queryLanguage ? { QueryLanguage: queryLanguage } : {}), StartAt: 'S', States: { S: state } };
}
