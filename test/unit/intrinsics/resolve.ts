import { JSONPath } from 'jsonpath-plus';
import { evaluateIntrinsic, parseIntrinsic } from '../../../server/src/core/intrinsics';

/** Resolves `$...` in the input and `$$...` in the context object, undefined when nothing matches (as the interpreter does). */
export function pathResolver(input: unknown, context: unknown = {}): (path: string) => unknown {
  return (path) => {
    const [json, query] = path.startsWith('$$') ? [context, path.slice(1)] : [input, path];
    if (query === '$') return json;
    return JSONPath({ path: query, json: json as object, wrap: false });
  };
}

export function evaluate(text: string, input: unknown = {}, context: unknown = {}): unknown {
  return evaluateIntrinsic(parseIntrinsic(text), pathResolver(input, context));
}
