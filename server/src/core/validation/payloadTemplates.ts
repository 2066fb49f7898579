// Infrastructure-as-code placeholders (`${Name}`, `{"Fn::GetAtt": [...]}`, `{"Ref": ...}`): their
// value is only known at deploy time, so every rule treats them as unknown values.
import { isObject } from './definitionIndex';
import type { ValidationContext } from './context';
import { DiagnosticCode } from './codes';
import type { JsonPath } from './types';

/** `${Name}`; a string ending in `${` is a placeholder too short to keep its braces (see quoteUnquotedPlaceholders). */
const SUBSTITUTION = /\$\{[^}]*\}|\$\{$/;

export function isPlaceholder(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('${') && SUBSTITUTION.test(value);
  if (!isObject(value)) return false;
  let only: string | undefined;
  for (const key in value) {
    if (only !== undefined) return false;
    only = key;
  }
  return only !== undefined && (only === 'Ref' || only.startsWith('Fn::'));
}

/** Reports each placeholder once, as information. */
export function checkTemplatePlaceholders(context: ValidationContext): void {
  for (const { path } of findPlaceholders(context.index.root)) {
    context.report('information', path, 'Template placeholder: its value is known only at deployment', { code: DiagnosticCode.templatePlaceholder });
  }
}

/** Every placeholder of a definition, with its path (what a deployment fills, and a publish refuses). */
export function findPlaceholders(root: unknown): { path: JsonPath; value: unknown }[] {
  const found: { path: JsonPath; value: unknown }[] = [];
  // One path, extended and shortened while walking: copied only for a placeholder found.
  const path: JsonPath = [];
  const visit = (value: unknown) => {
    if (isPlaceholder(value)) {
      found.push({ path: [...path], value });
    } else if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        path.push(i);
        visit(value[i]);
        path.pop();
      }
    } else if (isObject(value)) {
      for (const key in value) {
        path.push(key);
        visit(value[key]);
        path.pop();
      }
    }
  };
  visit(root);
  return found;
}
