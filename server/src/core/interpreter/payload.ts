// JSONPath-language values: paths rooted at `$` (the state's input or result), `$$` (the context
// object) or `$name` (a variable), payload templates (Parameters, ResultSelector, ItemSelector,
// Assign, Arguments of JSONPath states) with `.$` keys and intrinsic functions. Compiled once.
import { compilePath, CompiledPath, MISSING } from './jsonpath';
import { DefinitionError, FieldError, runtimeError } from './errors';
import { compileIntrinsic, IntrinsicEvaluationError, looksLikeIntrinsic, parseIntrinsic } from '../intrinsics/index';

/** What `$`, `$$` and `$name` refer to while a state evaluates a field. */
export interface PathScope {
  input: unknown;
  context(): unknown;
  variable(name: string): unknown;
}

export const VARIABLE = /^\$([A-Za-z_][A-Za-z0-9_]*)(.*)$/s;

/** A value path: `$...`, `$$...` or `$var...`, resolved against a scope. */
export interface ValuePath {
  readonly text: string;
  readonly definite: boolean;
  /** The selected value or MISSING, with the root it was looked up in (for error messages). */
  lookup(scope: PathScope): { value: unknown; root: unknown; path: CompiledPath };
  /** The selected value or MISSING (lookup's value, with no record made). */
  select(scope: PathScope): unknown;
}

const valuePaths = new Map<string, ValuePath>();

export function compileValuePath(text: string): ValuePath {
  let cached = valuePaths.get(text);
  if (!cached) {
    cached = compileValuePathOnce(text);
    valuePaths.set(text, cached);
  }
  return cached;
}

function compileValuePathOnce(text: string): ValuePath {
  let path: CompiledPath;
  let root: (scope: PathScope) => unknown;
  const variable = VARIABLE.exec(text);
  if (text.startsWith('$$')) {
    path = compilePath(text.slice(1));
    root = (scope) => scope.context();
  } else if (variable) {
    const name = variable[1];
    path = compilePath('$' + variable[2]);
    root = (scope) => scope.variable(name);
  } else {
    path = compilePath(text);
    root = (scope) => scope.input;
  }
  return {
    text,
    definite: path.definite,
    lookup(scope) {
      const base = root(scope);
      return { value: base === MISSING ? MISSING : path.select(base), root: base, path };
    },
    select(scope) {
      const base = root(scope);
      return base === MISSING ? MISSING : path.select(base);
    },
  };
}

/** A compiled JSONPath payload template. */
export type Template = (scope: PathScope) => unknown;

const json = (value: unknown): string => JSON.stringify(value);

/** Compiles the string value of a `.$` key or a *Path-style field: an intrinsic call or a path. */
export function compileDynamicValue(text: string, field: string): Template {
  if (looksLikeIntrinsic(text)) {
    const evaluate = compileIntrinsic(parseIntrinsic(text));
    // The scope of the evaluation under way: one resolver serves them all (an evaluation is synchronous).
    let current: PathScope | undefined;
    const resolvePath = (path: string): unknown => {
      const value = compileValuePath(path).select(current!);
      return value === MISSING ? undefined : value;
    };
    return (scope) => {
      current = scope;
      try {
        return evaluate(resolvePath);
      } catch (error) {
        if (error instanceof IntrinsicEvaluationError) throw new FieldError(error.error, error.cause);
        throw error;
      } finally {
        current = undefined; // nor keeps the execution's history alive
      }
    };
  }
  const path = compileValuePath(text);
  return (scope) => {
    const value = path.select(scope);
    if (value === MISSING) {
      throw runtimeError(`The JSONPath '${text}' specified for the field '${field}' could not be found in the input '${json(path.lookup(scope).root)}'`);
    }
    return value;
  };
}

/**
 * Compiles a payload template: keys ending in `.$` take a path or intrinsic call, everything
 * else is literal, recursively through objects and arrays. `at` locates errors in the definition.
 */
export function compileTemplate(template: unknown, at: string): Template {
  if (Array.isArray(template)) {
    const items = template.map((item, i) => compileTemplate(item, `${at}/${i}`));
    if (items.every((item) => (item as TemplateWithLiteral).literal)) return literal(template);
    return (scope) => items.map((item) => item(scope));
  }
  if (template !== null && typeof template === 'object') {
    const fields: [string, Template][] = [];
    let dynamic = false;
    for (const [key, value] of Object.entries(template)) {
      if (key.endsWith('.$')) {
        if (typeof value !== 'string') {
          throw new DefinitionError(`${at}/${key}`, `The value of the field '${key}' must be a string with a JSONPath or an intrinsic function`);
        }
        try {
          fields.push([key.slice(0, -2), compileDynamicValue(value, key)]);
        } catch (error) {
          throw new DefinitionError(`${at}/${key}`, error instanceof Error ? error.message : String(error));
        }
        dynamic = true;
      } else {
        const compiled = compileTemplate(value, `${at}/${key}`);
        if (!(compiled as TemplateWithLiteral).literal) dynamic = true;
        fields.push([key, compiled]);
      }
    }
    if (!dynamic) return literal(template);
    return (scope) => {
      const out: Record<string, unknown> = {};
      for (const [key, field] of fields) out[key] = field(scope);
      return out;
    };
  }
  return literal(template);
}

type TemplateWithLiteral = Template & { literal?: true };

function literal(value: unknown): Template {
  const template: TemplateWithLiteral = () => value;
  template.literal = true;
  return template;
}

