// YAML definitions (`.asl.yaml`, `.asl.yml`) as the same syntax tree JSON ones have:
// vscode-json-languageservice's ASTNode shapes with offsets into the YAML text, so that
// every feature works unchanged. Anchors and aliases are resolved (an alias stands for a
// copy of its anchor's nodes, placed at the alias), merge keys (`<<`) add the merged
// mapping's keys, and YAML syntax errors become the document's syntax diagnostics.
import type { ASTNode } from 'vscode-json-languageservice';
import { Diagnostic, DiagnosticSeverity } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { ParsedJson } from './jsonDocument';
import { MAX_NESTING, nestingDiagnostic } from './nesting';
import type { Alias, Document, Node as YamlNode, Scalar, YAMLError } from 'yaml';
import { isAlias, isMap, isScalar, isSeq, parseDocument, visit } from '../core/yaml';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Nodes that stand for an alias's (or merge key's) expansion: their text is the alias, not their value. */
const aliasCopies = new WeakSet<ASTNode>();

/** True for a node copied from an anchor: an edit must go to the anchor, not to the alias's text. */
export function isAliasCopy(node: ASTNode): boolean {
  return aliasCopies.has(node);
}
type Built = Mutable<ASTNode> & { children?: ASTNode[] };

export function parseYamlDocument(textDocument: TextDocument): ParsedJson {
  const text = textDocument.getText();
  const yaml = parseDocument(text, { merge: true, uniqueKeys: false, prettyErrors: false });
  const anchored = resolveAliases(yaml);
  const builder = new AstBuilder(anchored, text);
  let root: ASTNode | undefined;
  try {
    root = yaml.contents ? builder.build(yaml.contents as YamlNode, undefined, undefined) : undefined;
  } catch (error) {
    if (error instanceof TooDeep) return new ParsedJson(undefined, [nestingDiagnostic(textDocument, error.offset)]);
    if (error instanceof TooManyAliasCopies) {
      const at = textDocument.positionAt(error.offset);
      return new ParsedJson(undefined, [{
        range: { start: at, end: at },
        message: `Aliases expand to more than ${error.limit} nodes: the document is not read further.`,
        severity: DiagnosticSeverity.Error,
        source: 'asl',
      }]);
    }
    throw error;
  }
  const diagnostics = [...yaml.errors.map((error) => toDiagnostic(textDocument, error, DiagnosticSeverity.Error)),
    ...yaml.warnings.map((warning) => toDiagnostic(textDocument, warning, DiagnosticSeverity.Warning)),
    ...unresolved(anchored).map((alias): Diagnostic => ({
      range: { start: textDocument.positionAt(span(alias)[0]), end: textDocument.positionAt(span(alias)[1]) },
      message: `Unresolved alias *${alias.source}: no anchor &${alias.source} comes before it`,
      severity: DiagnosticSeverity.Error,
      source: 'asl',
    }))];
  return new ParsedJson(root, diagnostics);
}

/**
 * Every alias with the node it stands for: the last node before it with its anchor, as `Alias.resolve` finds it.
 * One walk for all of them; `Alias.resolve` walks the whole document for each alias, quadratic when many aliases
 * share an anchor (1,000 states with `Retry: *retry` took seconds per keystroke).
 */
export function resolveAliases(yaml: Document): Map<Alias, YamlNode | undefined> {
  const anchors = new Map<string, YamlNode>();
  const targets = new Map<Alias, YamlNode | undefined>();
  visit(yaml, {
    Node: (_, node) => {
      if (isAlias(node)) targets.set(node, anchors.get(node.source));
      else if (node.anchor) anchors.set(node.anchor, node);
    },
  });
  return targets;
}

/** Aliases whose anchor is missing (or set only after them): the yaml package parses them without an error. */
export function unresolvedAliases(yaml: Document): Alias[] {
  return unresolved(resolveAliases(yaml));
}

function unresolved(targets: Map<Alias, YamlNode | undefined>): Alias[] {
  return [...targets].filter(([, target]) => !target).map(([alias]) => alias);
}

function toDiagnostic(textDocument: TextDocument, error: YAMLError, severity: DiagnosticSeverity): Diagnostic {
  const [start, end] = error.pos;
  return {
    range: { start: textDocument.positionAt(start), end: textDocument.positionAt(Math.max(end, start)) },
    message: error.message.split('\n')[0],
    severity,
    code: error.code,
    source: 'asl',
  };
}

class TooDeep extends Error {
  constructor(readonly offset: number) {
    super('nested too deep');
  }
}

/**
 * Every alias is expanded into a copy of its anchor, so nested aliases grow exponentially (ten aliases of ten
 * aliases of ...: a "billion laughs" in a few lines). Sharing grows a document only linearly (1,000 states with
 * one two-retrier Retry copy 13,000 nodes), so copies may number as many as the text has characters, or this
 * many in a short text: the expansion stays linear in the text.
 */
const MIN_ALIAS_COPIES = 10_000;

class TooManyAliasCopies extends Error {
  constructor(readonly offset: number, readonly limit: number) {
    super('aliases expand too far');
  }
}

class AstBuilder {
  /** Aliases being expanded: an alias inside its own anchor would recurse forever. */
  private readonly expanding = new Set<YamlNode>();
  private depth = 0;
  private copies = 0;
  private readonly maxCopies: number;

  constructor(private readonly anchored: Map<Alias, YamlNode | undefined>, private readonly text: string) {
    this.maxCopies = Math.max(MIN_ALIAS_COPIES, text.length);
  }

  /** `at` places a copy (an alias's expansion) at the alias's range instead of the node's own. */
  build(node: YamlNode, parent: ASTNode | undefined, at: [number, number] | undefined): ASTNode | undefined {
    if (++this.depth > MAX_NESTING) throw new TooDeep(span(node)[0]);
    if (at && ++this.copies > this.maxCopies) throw new TooManyAliasCopies(at[0], this.maxCopies);
    try {
      return this.buildNode(node, parent, at);
    } finally {
      this.depth--;
    }
  }

  private buildNode(node: YamlNode, parent: ASTNode | undefined, at: [number, number] | undefined): ASTNode | undefined {
    if (isAlias(node)) {
      const target = this.anchored.get(node);
      if (!target || this.expanding.has(target)) return this.scalar(parent, null, at ?? span(node), false, true);
      this.expanding.add(target);
      try {
        return this.build(target, parent, at ?? span(node));
      } finally {
        this.expanding.delete(target);
      }
    }
    if (isMap(node)) {
      const object = this.node('object', parent, at ?? span(node), !!at) as Built & { properties: ASTNode[] };
      object.properties = [];
      const explicit = new Set(node.items.map((pair) => (isScalar(pair.key) ? String(pair.key.value) : '')));
      for (const pair of node.items) {
        if (isScalar(pair.key) && typeof pair.key.value === 'symbol') {
          this.merge(object, pair.value as YamlNode | null, explicit, at ?? spanOf(pair.key, pair.value as YamlNode | null));
          continue;
        }
        const property = this.property(object, pair.key as YamlNode | null, pair.value as YamlNode | null, at);
        if (property) object.properties.push(property);
      }
      object.children = object.properties;
      if (!at && !isFlow(this.text, node) && object.properties.length) setEnd(object, end(object.properties[object.properties.length - 1]));
      return object;
    }
    if (isSeq(node)) {
      const array = this.node('array', parent, at ?? span(node), !!at) as Built & { items: ASTNode[] };
      array.items = [];
      for (const item of node.items) {
        const built = this.build(item as YamlNode, array, at);
        if (built) array.items.push(built);
      }
      array.children = array.items;
      if (!at && !isFlow(this.text, node) && array.items.length) setEnd(array, end(array.items[array.items.length - 1]));
      return array;
    }
    if (isScalar(node)) return this.scalar(parent, node.value, at ?? span(node), false, !!at);
    return undefined;
  }

  /** `<<: *anchor` (or a list of them): the anchored mappings' keys the map does not set itself. */
  private merge(object: Built & { properties: ASTNode[] }, value: YamlNode | null, explicit: Set<string>, at: [number, number]): void {
    const sources = value && isSeq(value) ? (value.items as YamlNode[]) : value ? [value] : [];
    for (const source of sources) {
      const built = this.build(source, object, at);
      if (built?.type !== 'object') continue;
      for (const property of built.properties) {
        if (explicit.has(property.keyNode.value)) continue;
        explicit.add(property.keyNode.value);
        (property as Mutable<ASTNode>).parent = object;
        object.properties.push(property);
      }
    }
  }

  private property(object: ASTNode, key: YamlNode | null, value: YamlNode | null, at: [number, number] | undefined): ASTNode | undefined {
    if (!key || !isScalar(key)) return undefined;
    const keySpan = at ?? span(key);
    const property = this.node('property', object, keySpan, !!at) as Built & { keyNode: ASTNode; valueNode?: ASTNode; colonOffset?: number };
    property.keyNode = this.scalar(property, String(key.value), keySpan, true, !!at);
    const colon = at ? -1 : this.text.indexOf(':', keySpan[1]);
    property.colonOffset = colon;
    // `Next:` with nothing after it is a property still being typed, as in JSON.
    const empty = !value || (isScalar(value) && value.value === null && !value.source && !isAlias(value));
    if (!empty) property.valueNode = this.build(value, property, at);
    const valueEnd = property.valueNode ? end(property.valueNode) : at ? keySpan[1] : trailingSpaceEnd(this.text, colon + 1);
    setEnd(property, Math.max(valueEnd, keySpan[1]));
    property.children = property.valueNode ? [property.keyNode, property.valueNode] : [property.keyNode];
    return property;
  }

  private scalar(parent: ASTNode | undefined, value: unknown, [start, stop]: [number, number], asKey: boolean, copy: boolean): ASTNode {
    const normalized = asKey ? String(value) : value instanceof Date ? value.toISOString() : typeof value === 'bigint' ? Number(value) : value;
    const type = normalized === null || normalized === undefined ? 'null' : typeof normalized === 'string' ? 'string'
      : typeof normalized === 'number' ? 'number' : typeof normalized === 'boolean' ? 'boolean' : 'string';
    const node = this.node(type, parent, [start, stop], copy) as Built & { isInteger?: boolean };
    node.value = type === 'string' ? String(normalized) : (normalized as number | boolean | null | undefined) ?? null;
    if (type === 'number') node.isInteger = Number.isInteger(normalized);
    return node as ASTNode;
  }

  private node(type: ASTNode['type'], parent: ASTNode | undefined, [start, stop]: [number, number], copy: boolean): Built {
    const node = { type, parent, offset: start, length: Math.max(0, stop - start) } as Built;
    if (copy) aliasCopies.add(node as ASTNode);
    return node;
  }
}

function span(node: YamlNode): [number, number] {
  const range = node.range ?? [0, 0, 0];
  return [range[0], range[1]];
}

function spanOf(key: Scalar, value: YamlNode | null): [number, number] {
  return [span(key)[0], value ? span(value)[1] : span(key)[1]];
}

function isFlow(text: string, node: YamlNode): boolean {
  const first = text.charAt(node.range?.[0] ?? 0);
  return first === '{' || first === '[';
}

function end(node: ASTNode): number {
  return node.offset + node.length;
}

function setEnd(node: Built, stop: number): void {
  node.length = Math.max(0, stop - node.offset);
}

/** Past the spaces after a colon on the same line, where a value is about to be typed. */
function trailingSpaceEnd(text: string, offset: number): number {
  let position = offset;
  while (text.charAt(position) === ' ' || text.charAt(position) === '\t') position++;
  return position;
}
