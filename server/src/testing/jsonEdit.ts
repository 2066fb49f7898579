// Edits of test files written by hand: a value set at a path, the rest of the text as written
// (its indentation and line ends kept).
import { applyEdits, modify, type JSONPath } from 'jsonc-parser';

export function setJsonValue(text: string, at: JSONPath, value: unknown): string {
  const indent = /^[ \t]+(?=")/m.exec(text)?.[0] ?? '  ';
  const formattingOptions = { insertSpaces: !indent.includes('\t'), tabSize: indent.length, eol: text.includes('\r\n') ? '\r\n' : '\n' };
  return applyEdits(text, modify(text, at, value, { formattingOptions }));
}
