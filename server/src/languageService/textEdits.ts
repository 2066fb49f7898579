// Edits that add or remove a property of an object, in the document's syntax and layout.
import type { ArrayASTNode, ObjectASTNode, PropertyASTNode } from 'vscode-json-languageservice';
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

/** Removes an item of an array with its separator (and, in a YAML block sequence, its lines); the only one leaves `[]`. */
export function removeItem(document: AslDocument, array: ArrayASTNode, index: number): TextEdit {
  if (array.items.length === 1) return replaceValue(document, array, []);
  const item = array.items[index];
  const text = document.textDocument.getText();
  const lineStart = text.lastIndexOf('\n', item.offset - 1) + 1;
  if (isYaml(document) && /^\s*-\s*$/.test(text.slice(lineStart, item.offset))) {
    const nextLine = text.indexOf('\n', item.offset + item.length);
    return { range: rangeOf(document, lineStart, nextLine < 0 ? text.length : nextLine + 1), newText: '' };
  }
  const next = array.items[index + 1];
  if (next) return { range: rangeOf(document, item.offset, next.offset), newText: '' };
  const previous = array.items[index - 1];
  return { range: rangeOf(document, previous.offset + previous.length, item.offset + item.length), newText: '' };
}

/** Replaces a whole value, re-rendered at the indentation of the line it starts on. */
export function replaceValue(document: AslDocument, node: { offset: number; length: number }, value: unknown): TextEdit {
  return { range: rangeOf(document, node.offset, node.offset + node.length), newText: renderValue(document, value, lineIndent(document, node.offset)) };
}

function rangeOf(document: AslDocument, start: number, end: number) {
  return { start: document.textDocument.positionAt(start), end: document.textDocument.positionAt(end) };
}

/**
 * Adds `key: value` right after `after` (a property of the same object), leaving every other byte
 * in place: in a YAML block mapping the new lines go after the line `after` ends on, so a comment
 * at the end of that line stays where it is.
 */
export function insertPropertyAfter(document: AslDocument, after: PropertyASTNode, key: string, value: unknown): TextEdit {
  const indent = lineIndent(document, after.offset);
  const end = after.offset + after.length;
  if (!isYamlBlock(document, after.parent as ObjectASTNode)) {
    return { range: rangeOf(document, end, end), newText: `,\n${indent}${renderProperty(document, key, value, indent)}` };
  }
  return insertLinesAfter(document, end, `${indent}${renderProperty(document, key, value, indent)}`);
}

/** Adds an item at the end of an array, in the array's syntax (a JSON or flow list, or a YAML block sequence). */
export function appendItem(document: AslDocument, array: ArrayASTNode, value: unknown): TextEdit {
  const last = array.items[array.items.length - 1];
  if (!last) return replaceValue(document, array, [value]);
  const end = last.offset + last.length;
  const text = document.textDocument.getText();
  if (!isYaml(document) || text[array.offset] === '[') {
    const indent = lineIndent(document, last.offset);
    return { range: rangeOf(document, end, end), newText: `,\n${indent}${renderValue(document, value, indent)}` };
  }
  // A block sequence: the dash stands before the item, at the line's indentation.
  const dashIndent = lineIndent(document, text.lastIndexOf('-', last.offset));
  const itemIndent = dashIndent + '  ';
  return insertLinesAfter(document, end, `${dashIndent}- ${renderValue(document, value, itemIndent)}`);
}

/** Adds an item just before an array's `index`-th, in the array's syntax. */
export function insertItemBefore(document: AslDocument, array: ArrayASTNode, index: number, value: unknown): TextEdit {
  const item = array.items[index];
  const text = document.textDocument.getText();
  if (!isYaml(document) || text[array.offset] === '[') {
    const indent = lineIndent(document, item.offset);
    return { range: rangeOf(document, item.offset, item.offset), newText: `${renderValue(document, value, indent)},\n${indent}` };
  }
  const dash = text.lastIndexOf('-', item.offset);
  const dashIndent = lineIndent(document, dash);
  const lineStart = text.lastIndexOf('\n', dash) + 1;
  return { range: rangeOf(document, lineStart, lineStart), newText: `${dashIndent}- ${renderValue(document, value, dashIndent + '  ')}\n` };
}

/** Replaces a whole property, key and value, by another (`"End": true` by `"Next": "B"`). */
export function replaceProperty(document: AslDocument, property: PropertyASTNode, key: string, value: unknown): TextEdit {
  return { range: rangeOf(document, property.offset, property.offset + property.length), newText: renderProperty(document, key, value, lineIndent(document, property.offset)) };
}

/** Whether an object is written as a YAML block mapping (not JSON, not a YAML flow mapping `{...}`). */
function isYamlBlock(document: AslDocument, object: ObjectASTNode): boolean {
  return isYaml(document) && document.textDocument.getText()[object.offset] !== '{';
}

/** Inserts whole lines after the line holding `offset` (its comment included). */
function insertLinesAfter(document: AslDocument, offset: number, lines: string): TextEdit {
  const text = document.textDocument.getText();
  const lineEnd = text.indexOf('\n', offset);
  if (lineEnd < 0) return { range: rangeOf(document, text.length, text.length), newText: `\n${lines}` };
  return { range: rangeOf(document, lineEnd + 1, lineEnd + 1), newText: `${lines}\n` };
}
