// Diagnostic codes that other features act on (quick fixes, graph badges). A diagnostic
// carrying one of these codes puts what a fix needs in its `data`.
export const DiagnosticCode = {
  /** A StartAt/Next/Default/Catch target that names no state. data: { target: string, suggestion?: string } */
  unknownTarget: 'unknown-target',
  /** A state no path from StartAt reaches. data: { state: string } */
  unreachableState: 'unreachable-state',
  /** A non-terminal state with neither Next nor End. data: { state: string } */
  missingTransition: 'missing-transition',
  /** A Task whose resource no mock or local handler serves (run preflight). data: { state: string, resource: string } */
  unservedTask: 'unserved-task',
  /** A template placeholder (${Name}, Fn::GetAtt, Ref), shown as information. */
  templatePlaceholder: 'template-placeholder',
  /** A placeholder where a run needs what only deployment supplies (a number, a state's name...): it refuses a local run. */
  unrunnablePlaceholder: 'unrunnable-placeholder',
  /** A field the state type or query language does not support. data: { state?: string, field: string, suggestion?: string } */
  unknownField: 'unknown-field',
  /** A field that belongs to the other query language. data: { state: string, field: string, queryLanguage: 'JSONPath' | 'JSONata' } */
  otherQueryLanguageField: 'other-query-language-field',
  /** A state with both Next and End. data: { state: string } */
  nextAndEnd: 'next-and-end',
  /** A variable read that no earlier state can have assigned. data: { variable: string, suggestion?: string } */
  undefinedVariable: 'undefined-variable',
  /** A variable assigned and never read. data: { variable: string } */
  unusedVariable: 'unused-variable',
  /** A JSONata function that does not exist (or is unavailable). data: { name: string, suggestion?: string } */
  unknownFunction: 'unknown-function',
  /** A value that looks like a path under a key without `.$`. data: { key: string } */
  missingDollarSuffix: 'missing-dollar-suffix',
} as const;
export type DiagnosticCode = (typeof DiagnosticCode)[keyof typeof DiagnosticCode];
