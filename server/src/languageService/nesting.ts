// AWS's limit on how deep a document may nest (core/apiLimits), applied to the text before it is
// parsed: the JSON parser, the YAML tree builder and every tree walk recurse per level (and the
// JSON formatter slows down quadratically). A document beyond it gets one syntax error instead of features.
import { Diagnostic, DiagnosticSeverity } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { MAX_NESTING, NESTING_MESSAGE } from '../core/apiLimits';

export { MAX_NESTING };

/** The offset of the first bracket opening level MAX_NESTING + 1 of JSON text (outside strings), if any. */
export function offsetBeyondNesting(text: string): number | undefined {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* backslash */) i++;
      else if (c === 34 /* " */) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 /* { */ || c === 91 /* [ */) {
      if (++depth > MAX_NESTING) return i;
    } else if (c === 125 /* } */ || c === 93 /* ] */) depth--;
  }
  return undefined;
}

export function nestingDiagnostic(textDocument: TextDocument, offset: number): Diagnostic {
  const at = textDocument.positionAt(offset);
  return {
    range: { start: at, end: at },
    severity: DiagnosticSeverity.Error,
    source: 'asl',
    message: NESTING_MESSAGE,
  };
}
