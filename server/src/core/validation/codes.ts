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
} as const;
export type DiagnosticCode = (typeof DiagnosticCode)[keyof typeof DiagnosticCode];
