// Edits that add or remove a property of an object, in the document's syntax and layout.
import type { ObjectASTNode, PropertyASTNode } from 'vscode-json-languageservice';
import type { TextEdit } from 'vscode-languageserver-types';
import type { AslDocument } from './aslDocument';
import { indentUnit, isYaml, lineIndent, renderProperty, renderValue } from './textSyntax';

/** Adds `key: value` as the object's last property. */
export function insertProperty(document: AslDocument, object: ObjectASTNode, key: string, value: unknown): TextEdit {
  const last = object.properties[object.properties.length - 1];
  if (!last) {
    const indent = lineIndent(document, object.offset);
    const inner = indent + indentUnit(document);
    // An empty YAML mapping is written `{}`; JSON text is valid YAML flow, so both take the JSON form.
    const property = isYaml(document) ? `${JSON.stringify(key)}: ${JSON.stringify(value)}` : renderProperty(document, key, value, inner);
    return { range: rangeOf(document, object.offset, object.offset + object.length), newText: `{\n${inner}${property}\n${indent}}` };
  }
  const indent = lineIndent(document, last.offset);
  const end = last.offset + last.length;
  const separator = isYaml(document) ? '' : ',';
  return { range: rangeOf(document, end, end), newText: `${separator}\n${indent}${renderProperty(document, key, value, indent)}` };
}

/** Removes a property with its separator (and, in YAML, its lines). */
export function removeProperty(document: AslDocument, property: PropertyASTNode): TextEdit {
  const object = property.parent as ObjectASTNode;
  const index = object.properties.indexOf(property);
  const text = document.textDocument.getText();
  if (isYaml(document)) {
    const start = text.lastIndexOf('\n', property.offset - 1) + 1;
    const nextLine = text.indexOf('\n', property.offset + property.length);
    return { range: rangeOf(document, start, nextLine < 0 ? text.length : nextLine + 1), newText: '' };
  }
  const next = object.properties[index + 1];
  const previous = object.properties[index - 1];
  if (next) return { range: rangeOf(document, property.offset, next.offset), newText: '' };
  if (previous) return { range: rangeOf(document, previous.offset + previous.length, property.offset + property.length), newText: '' };
  return { range: rangeOf(document, property.offset, property.offset + property.length), newText: '' };
}

/** Replaces a whole value, re-rendered at the indentation of the line it starts on. */
export function replaceValue(document: AslDocument, node: { offset: number; length: number }, value: unknown): TextEdit {
  return { range: rangeOf(document, node.offset, node.offset + node.length), newText: renderValue(document, value, lineIndent(document, node.offset)) };
}

function rangeOf(document: AslDocument, start: number, end: number) {
  return { start: document.textDocument.positionAt(start), end: document.textDocument.positionAt(end) };
}
