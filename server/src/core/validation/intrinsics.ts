// Intrinsic function calls (`States.Format(...)`) in `.$` values: syntax, then the variables
// their path arguments read.
import type { ValidationContext } from './context';
import type { StateInfo } from './definitionIndex';
import type { JsonPath } from './types';

const CALL_START = /^States\.[A-Za-z0-9]+(?:\.[A-Za-z0-9]+)*\s*\(/;
const VARIABLE = /^\$([A-Za-z_][A-Za-z0-9_]*)/;

export function looksLikeIntrinsicCall(text: string): boolean {
  return CALL_START.test(text);
}

export function checkIntrinsicText(context: ValidationContext, state: StateInfo, text: string, path: JsonPath): void {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "'") {
      const start = i;
      for (i++; i < text.length && text[i] !== "'"; i++) if (text[i] === '\\') i++;
      if (i >= text.length) {
        context.error(path, 'Unterminated string literal in the intrinsic function call', { aws: 'SCHEMA_VALIDATION_FAILED', offset: start, length: text.length - start });
        return;
      }
    } else if (c === '(') depth++;
    else if (c === ')') {
      depth--;
      if (depth < 0) break;
    } else if (c === '$' && text[i - 1] !== '$') {
      const variable = VARIABLE.exec(text.slice(i));
      if (variable) context.variableReads.push({ name: variable[1], state, path, offset: i, length: variable[0].length });
    }
  }
  if (depth !== 0 || !text.trimEnd().endsWith(')')) {
    context.error(path, 'Unbalanced parentheses in the intrinsic function call', { aws: 'SCHEMA_VALIDATION_FAILED', offset: 0, length: text.length });
  }
}
