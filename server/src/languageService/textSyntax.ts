// Writing values back into the document in its own syntax (JSON or YAML): the features
// compute values, this module turns them into text and snippets, indented to fit.
import { stringify as stringifyYaml } from '../core/yaml';
import type { AslDocument } from './aslDocument';

export function isYaml(document: AslDocument): boolean {
  return document.textDocument.languageId === 'asl-yaml';
}

/** A tab stop inside a snippet value: rendered as a string placeholder. */
export class TabStop {
  constructor(readonly index: number, readonly placeholder: string) {}
}

/** A string scalar in the document's syntax (YAML plain when that reads back as the same string). */
export function renderString(document: AslDocument, value: string): string {
  return isYaml(document) && isPlainYamlString(value) ? value : JSON.stringify(value);
}

const YAML_PLAIN = /^[A-Za-z_][A-Za-z0-9_ .\-/]*$/;
const YAML_KEYWORDS = /^(true|false|null|yes|no|on|off|y|n|~)$/i;

function isPlainYamlString(value: string): boolean {
  return YAML_PLAIN.test(value) && !YAML_KEYWORDS.test(value) && !value.endsWith(' ');
}

/**
 * The document's indentation unit, guessed from its first line indented deeper than its first line
 * (two spaces by default): a definition inside a template stands at the template's margin.
 */
export function indentUnit(document: AslDocument): string {
  const head = document.textDocument.getText().slice(0, 4000);
  const margin = /^\s*?([ \t]*)\S/.exec(head)?.[1] ?? '';
  const deeper = new RegExp(`\\n${margin}([ \\t]+)\\S`).exec(head);
  return deeper ? (deeper[1].startsWith('\t') ? '\t' : ' '.repeat(Math.min(deeper[1].length, 8))) : '  ';
}

/** The leading whitespace of the line holding `offset`. */
export function lineIndent(document: AslDocument, offset: number): string {
  const text = document.textDocument.getText();
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart, offset))![0];
}

/**
 * A value as text in the document's syntax, its continuation lines indented by `indent`.
 * With `snippet`, the text is escaped for snippet syntax and TabStops become `${n:placeholder}`.
 */
export function renderValue(document: AslDocument, value: unknown, indent: string, snippet = false): string {
  const stops: TabStop[] = [];
  const marked = markTabStops(value, stops);
  const unit = indentUnit(document);
  let text = isYaml(document)
    ? stringifyYaml(marked, { indent: unit === '\t' ? 2 : unit.length, lineWidth: 0 }).trimEnd()
    : JSON.stringify(marked, null, unit);
  text = text.split('\n').join('\n' + indent);
  if (!snippet) return text;
  text = escapeSnippet(text);
  return text.replace(/__TABSTOP_(\d+)__/g, (_, index: string) => {
    const stop = stops[Number(index)];
    return `\${${stop.index}:${escapeSnippet(stop.placeholder)}}`;
  });
}

/** A key and its value, e.g. `"Next": "A"` or `Next: A`. */
export function renderProperty(document: AslDocument, key: string | TabStop, value: unknown, indent: string, snippet = false): string {
  const renderedKey = key instanceof TabStop ? renderTabStopKey(document, key)
    : snippet ? escapeSnippet(renderString(document, key)) : renderString(document, key);
  const rendered = renderValue(document, value, indent, snippet);
  if (isYaml(document) && value !== null && typeof value === 'object' && !(value instanceof TabStop) && (Array.isArray(value) ? value.length : Object.keys(value).length)) {
    return `${renderedKey}:\n${indent}${indentUnit(document)}${renderValue(document, value, indent + indentUnit(document), snippet)}`;
  }
  return `${renderedKey}: ${rendered}`;
}

function renderTabStopKey(document: AslDocument, key: TabStop): string {
  const placeholder = `\${${key.index}:${escapeSnippet(key.placeholder)}}`;
  return isYaml(document) && isPlainYamlString(key.placeholder) ? placeholder : `"${placeholder}"`;
}

export function escapeSnippet(text: string): string {
  return text.replace(/[\\$}]/g, '\\$&');
}

function markTabStops(value: unknown, stops: TabStop[]): unknown {
  if (value instanceof TabStop) {
    stops.push(value);
    return `__TABSTOP_${stops.length - 1}__`;
  }
  if (Array.isArray(value)) return value.map((item) => markTabStops(item, stops));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, markTabStops(item, stops)]));
  }
  return value;
}
