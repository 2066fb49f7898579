// The functions completion and hover document: ASL intrinsic functions (JSONPath) and
// JSONata functions with AWS's additions, in one shape, from the catalogs in core.
import { intrinsicSignatures } from '../core/intrinsics';
import { jsonataFunctionCatalog, jsonataFunctionLabel } from '../core/jsonata/functionCatalog';

export interface FunctionDoc {
  /** As written in an expression: `States.Format`, `$sum`. */
  name: string;
  /** `Name(parameter: type, ...): type`, as shown in completion details and hover. */
  signature: string;
  doc: string;
  /** A JSONata built-in Step Functions removes: hover says so, completion leaves it out. */
  unavailable?: boolean;
}

export const INTRINSIC_FUNCTIONS: readonly FunctionDoc[] = intrinsicSignatures.map((fn) => ({
  name: fn.name,
  signature: `${fn.name}(${fn.parameters.join(', ')}): ${fn.returns}`,
  doc: fn.description,
}));

/** Every JSONata function, with AWS's additions and the built-ins AWS removes marked. */
export const JSONATA_FUNCTIONS: readonly FunctionDoc[] = jsonataFunctionCatalog.map((fn) => ({
  name: fn.name,
  signature: `${jsonataFunctionLabel(fn)}: ${fn.returns}`,
  doc: !fn.available ? `${fn.description}\n\n**Not available in Step Functions**: calling it fails.`
    : fn.origin === 'aws' ? `${fn.description}\n\n_Added by AWS Step Functions._` : fn.description,
  ...(fn.available ? {} : { unavailable: true }),
}));
