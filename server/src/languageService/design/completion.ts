// Completion in a field of the designer's inspector: the field's text is written into the document
// where the field stands (the same edit setting the field makes), and the language server's own
// completion answers at the cursor's place in it; its items are turned back into edits of the field.
import { TextDocument } from 'vscode-languageserver-textdocument';
import { InsertTextFormat, type CompletionItem } from 'vscode-languageserver-types';
import type { DesignCompletionItem, DesignCompletionParams } from '../../protocol';
import { AslDocument, nodeAtPath } from '../aslDocument';
import { doComplete } from '../completion';
import { designEdit } from './operations';

export function designCompletion(document: AslDocument, parse: (textDocument: TextDocument) => AslDocument, params: DesignCompletionParams): DesignCompletionItem[] {
  const { text, offset } = params;
  const result = designEdit(document, { kind: 'setField', state: params.state, field: params.field, value: text });
  if (!('edit' in result)) return [];
  const { textDocument } = document;
  const written = TextDocument.applyEdits(textDocument, result.edit.changes?.[textDocument.uri] ?? []);
  const virtual = parse(TextDocument.create(textDocument.uri, textDocument.languageId, textDocument.version + 1, written));
  const node = nodeAtPath(virtual.json.root, [...params.state, ...params.field]);
  if (node?.type !== 'string') return [];
  // A JSON (or quoted YAML) string holds the field's text escaped; a plain YAML scalar holds it as is.
  const quoted = written.charAt(node.offset) === '"';
  const contentStart = node.offset + (quoted ? 1 : 0);
  const escapedLength = (raw: string) => (quoted ? JSON.stringify(raw).length - 2 : raw.length);
  const decodedLength = (from: number, to: number) => {
    const raw = written.slice(from, to);
    if (!quoted) return raw.length;
    try {
      return (JSON.parse(`"${raw}"`) as string).length;
    } catch {
      return raw.length;
    }
  };
  const cursor = virtual.textDocument.positionAt(contentStart + escapedLength(text.slice(0, Math.max(0, Math.min(offset, text.length)))));
  return doComplete(virtual, cursor).items.flatMap((item) => {
    const edit = item.textEdit && 'range' in item.textEdit ? item.textEdit : undefined;
    if (!edit) return [];
    const start = virtual.textDocument.offsetAt(edit.range.start);
    const end = virtual.textDocument.offsetAt(edit.range.end);
    if (start <= node.offset) {
      // The item replaces the whole value: the field's text is the value it writes.
      const value = valueWritten(edit.newText, quoted) ?? item.label;
      return [{ ...described(item), start: 0, end: text.length, newText: value, caret: value.length }];
    }
    const fieldStart = decodedLength(contentStart, start);
    const snippet = item.insertTextFormat === InsertTextFormat.Snippet ? fromSnippet(edit.newText) : { text: edit.newText, caret: edit.newText.length };
    return [{ ...described(item), start: fieldStart, end: Math.min(text.length, fieldStart + decodedLength(start, end)), newText: snippet.text, caret: fieldStart + snippet.caret }];
  });
}

function described(item: CompletionItem): Pick<DesignCompletionItem, 'label' | 'detail' | 'documentation'> {
  const documentation = typeof item.documentation === 'string' ? item.documentation : item.documentation?.value;
  return { label: item.label, ...(item.detail ? { detail: item.detail } : {}), ...(documentation ? { documentation } : {}) };
}

/** The string a value item writes (`"arn:..."`, maybe with the comma after it), unquoted. */
function valueWritten(newText: string, quoted: boolean): string | undefined {
  const value = newText.trim().replace(/,$/, '');
  if (!value.startsWith('"')) return quoted ? undefined : value;
  try {
    const parsed: unknown = JSON.parse(value);
    return typeof parsed === 'string' ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** A snippet as plain text (placeholders keep their default), the cursor at its first tab stop. */
function fromSnippet(snippet: string): { text: string; caret: number } {
  let text = '';
  let caret: number | undefined;
  const pattern = /\\(.)|\$\{(\d+)(?::([^}]*))?\}|\$(\d+)/g;
  let last = 0;
  for (let match = pattern.exec(snippet); match; match = pattern.exec(snippet)) {
    text += snippet.slice(last, match.index);
    last = pattern.lastIndex;
    if (match[1] !== undefined) {
      text += match[1];
      continue;
    }
    if (caret === undefined || match[2] === '1' || match[4] === '1') caret = text.length;
    text += match[3] ?? '';
  }
  text += snippet.slice(last);
  return { text, caret: caret ?? text.length };
}
