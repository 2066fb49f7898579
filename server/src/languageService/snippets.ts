// Ready-to-use values completion inserts: a state of each type, a Task for each service
// integration, a retrier and a catcher, in the query language of where they land.
import type { QueryLanguage, StateType } from './aslFields';
import { InputField, ServiceIntegration } from './serviceIntegrations';
import { TabStop } from './textSyntax';

export interface StateSnippet {
  label: string;
  /** The state name proposed (made unique by the caller). */
  name: string;
  doc: string;
  /** The state object; TabStops mark what the user fills in. */
  body: Record<string, unknown>;
}

const end = { End: true };

export function stateTypeSnippet(type: StateType, language: QueryLanguage): Record<string, unknown> {
  const jsonata = language === 'JSONata';
  switch (type) {
    case 'Task':
      return { Type: 'Task', Resource: new TabStop(2, 'arn:aws:states:::lambda:invoke'), ...end };
    case 'Pass':
      return { Type: 'Pass', ...end };
    case 'Choice':
      return {
        Type: 'Choice',
        Choices: [jsonata
          ? { Condition: new TabStop(2, '{% $states.input.value = 1 %}'), Next: new TabStop(3, 'NextState') }
          : { Variable: new TabStop(2, '$.value'), NumericEquals: 1, Next: new TabStop(3, 'NextState') }],
        Default: new TabStop(4, 'DefaultState'),
      };
    case 'Wait':
      return { Type: 'Wait', Seconds: 5, ...end };
    case 'Succeed':
      return { Type: 'Succeed' };
    case 'Fail':
      return { Type: 'Fail', Error: new TabStop(2, 'ErrorName'), Cause: new TabStop(3, 'What went wrong') };
    case 'Parallel':
      return {
        Type: 'Parallel',
        Branches: [{ StartAt: 'Branch 1', States: { 'Branch 1': { Type: 'Pass', End: true } } }, { StartAt: 'Branch 2', States: { 'Branch 2': { Type: 'Pass', End: true } } }],
        ...end,
      };
    case 'Map':
      return {
        Type: 'Map',
        ...(jsonata ? { Items: new TabStop(2, '{% $states.input.items %}') } : { ItemsPath: new TabStop(2, '$.items') }),
        ItemProcessor: { ProcessorConfig: { Mode: 'INLINE' }, StartAt: 'Process item', States: { 'Process item': { Type: 'Pass', End: true } } },
        ...end,
      };
  }
}

/** A Task calling the integration, its request filled from the state input. */
export function serviceTaskSnippet(integration: ServiceIntegration, language: QueryLanguage): Record<string, unknown> {
  const entries = Object.entries(integration.arguments);
  const request = language === 'JSONata'
    ? { Arguments: Object.fromEntries(entries.map(([key, value]) => [key, value instanceof InputField ? `{% $states.input${value.field ? '.' + value.field : ''} %}` : value])) }
    : { Parameters: Object.fromEntries(entries.map(([key, value]) => value instanceof InputField ? [`${key}.$`, value.field ? `$.${value.field}` : '$'] : [key, value])) };
  return { Type: 'Task', Resource: integration.resource, ...(entries.length ? request : {}), ...end };
}

export function retrierSnippet(): Record<string, unknown> {
  return { ErrorEquals: [new TabStop(1, 'States.ALL')], IntervalSeconds: 1, MaxAttempts: 3, BackoffRate: 2 };
}

export function catcherSnippet(): Record<string, unknown> {
  return { ErrorEquals: [new TabStop(1, 'States.ALL')], Next: new TabStop(2, 'HandleError') };
}

export function choiceRuleSnippet(language: QueryLanguage): Record<string, unknown> {
  return language === 'JSONata'
    ? { Condition: new TabStop(1, '{% $states.input.value = 1 %}'), Next: new TabStop(2, 'NextState') }
    : { Variable: new TabStop(1, '$.value'), NumericEquals: 1, Next: new TabStop(2, 'NextState') };
}

/** A new document: a machine with one state. */
export function machineSnippet(): Record<string, unknown> {
  return { Comment: new TabStop(1, 'A description of my state machine'), StartAt: 'Hello', States: { Hello: { Type: 'Pass', End: true } } };
}
