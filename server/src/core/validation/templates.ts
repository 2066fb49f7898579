// Infrastructure-as-code placeholders (`${Name}`, `{"Fn::GetAtt": [...]}`, `{"Ref": ...}`): their
// value is only known at deploy time, so every rule treats them as unknown values.
import { isObject } from './definitionIndex';
import type { ValidationContext } from './context';
import { DiagnosticCode } from './codes';
import type { JsonPath } from './types';

/** `${Name}`; a string ending in `${` is a placeholder too short to keep its braces (see quoteUnquotedPlaceholders). */
const SUBSTITUTION = /\$\{[^}]*\}|\$\{$/;

export function isPlaceholder(value: unknown): boolean {
  if (typeof value === 'string') return SUBSTITUTION.test(value);
  if (!isObject(value)) return false;
  const keys = Object.keys(value);
  return keys.length === 1 && (keys[0] === 'Ref' || keys[0].startsWith('Fn::'));
}

/** Reports each placeholder once, as information. */
export function checkTemplatePlaceholders(context: ValidationContext): void {
  const visit = (value: unknown, path: JsonPath) => {
    if (isPlaceholder(value)) {
      context.report('information', path, 'Template placeholder: its value is known only at deployment', { code: DiagnosticCode.templatePlaceholder });
      return;
    }
    if (Array.isArray(value)) value.forEach((item, i) => visit(item, [...path, i]));
    else if (isObject(value)) for (const [key, item] of Object.entries(value)) visit(item, [...path, key]);
  };
  visit(context.index.root, []);
}
