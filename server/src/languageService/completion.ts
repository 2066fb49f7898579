// Completion: fields valid for the object under the cursor (by state type and query
// language), enum values, state names in scope, error names, service integrations,
// snippets, and inside strings intrinsic functions (JSONPath) or JSONata functions,
// `$states` members and variables.
import type { ASTNode, ObjectASTNode } from 'vscode-json-languageservice';
import { CompletionItem, CompletionItemKind, CompletionList, InsertTextFormat, InsertTextMode, MarkupKind, Position, Range, TextEdit } from 'vscode-languageserver-types';
import { AslDocument, JsonPath, nodeAtPath, nodeValue, pathOfNode, propertyValue, rangeOfNode } from './aslDocument';
import { FieldInfo, objectFields, PREDEFINED_ERRORS, QueryLanguage, STATE_TYPE_DOCS, STATE_TYPES, stateFields, findField, isStateType, STATES_MEMBER_DOCS, CONTEXT_OBJECT_MEMBERS } from './aslFields';
import { FunctionDoc, INTRINSIC_FUNCTIONS, JSONATA_FUNCTIONS } from './functionCatalog';
import { objectRole } from './objectKinds';
import { SERVICE_INTEGRATIONS } from './serviceIntegrations';
import { catcherSnippet, choiceRuleSnippet, machineSnippet, retrierSnippet, serviceTaskSnippet, stateTypeSnippet } from './snippets';
import { choiceRuleFields } from '../core/validation/choice';
import { statesFieldsAt } from '../core/validation/jsonataExpressions';
import { mayReferToContextObject } from '../core/validation/paths';
import { READER_RESOURCES, WRITER_RESOURCE } from '../core/validation/stateRules';
import { enclosingMachine, owningState, queryLanguageAt, statesOfMachine } from './stateIndex';
import { indentUnit, isYaml, lineIndent, renderProperty, renderString, renderValue, TabStop } from './textSyntax';
import { variablesInScope } from './variables';

export function doComplete(document: AslDocument, position: Position): CompletionList {
  const offset = document.textDocument.offsetAt(position);
  const site = completionSite(document, offset);
  const items = site ? completionsAt(document, site, offset) : [];
  return { isIncomplete: false, items };
}

type Site =
  /** `object` is undefined where the object is still to be written (an empty document, a YAML key with no value yet). */
  | { kind: 'key'; object: ObjectASTNode | undefined; path: JsonPath; replace: Range; current?: string }
  | { kind: 'value'; key: string | number; ownerPath: JsonPath; replace: Range; node?: ASTNode };

function completionSite(document: AslDocument, offset: number): Site | undefined {
  const { textDocument, json } = document;
  const here = { start: textDocument.positionAt(offset), end: textDocument.positionAt(offset) };
  const yamlSite = isYaml(document) ? yamlKeySiteAtIndent(document, offset) : undefined;
  if (yamlSite) return { kind: 'key', ...yamlSite, replace: here };
  const node = json.getNodeFromOffset(offset, true);
  if (!node) return json.root ? undefined : { kind: 'key', object: undefined, path: [], replace: here };
  const end = node.offset + node.length;
  const closed = (node.type === 'object' || node.type === 'array' || (node.type === 'string' && node.length > 1 && textDocument.getText().charAt(end - 1) === '"' && !isYaml(document)));
  // Right after a complete value or a closing bracket only a comma can come.
  if (offset === end && closed) return undefined;
  const parent = node.parent;
  switch (node.type) {
    case 'object':
      return { kind: 'key', object: node, path: pathOfNode(node), replace: here };
    case 'array':
      return { kind: 'value', key: node.items.length, ownerPath: pathOfNode(node), replace: here };
    case 'property':
      if (node.colonOffset !== undefined && node.colonOffset >= 0 && offset > node.colonOffset) {
        return { kind: 'value', key: node.keyNode.value, ownerPath: parent ? pathOfNode(parent) : [], replace: here };
      }
      return parent?.type === 'object' ? { kind: 'key', object: parent, path: pathOfNode(parent), replace: rangeOfNode(textDocument, node.keyNode), current: node.keyNode.value } : undefined;
    default: {
      // An unterminated string runs to the end of the line: replace only what is typed before the cursor.
      const unterminated = node.type === 'string' && !isYaml(document) && (node.length < 2 || textDocument.getText().charAt(end - 1) !== '"');
      const replace = unterminated ? { start: textDocument.positionAt(node.offset), end: here.end } : rangeOfNode(textDocument, node);
      if (parent?.type === 'property' && parent.keyNode === node) {
        const object = parent.parent;
        if (object?.type !== 'object') return undefined;
        // At the very start of a key the cursor is before it: a new key goes in front.
        if (offset === node.offset) return { kind: 'key', object, path: pathOfNode(object), replace: here };
        return { kind: 'key', object, path: pathOfNode(object), replace, current: node.value as string };
      }
      if (parent?.type === 'property') return { kind: 'value', key: parent.keyNode.value, ownerPath: parent.parent ? pathOfNode(parent.parent) : [], replace, node };
      if (parent?.type === 'array') return { kind: 'value', key: parent.items.indexOf(node), ownerPath: pathOfNode(parent), replace, node };
      return undefined;
    }
  }
}

/**
 * On a blank YAML line the indentation says where a key would go: into the nearest mapping above
 * whose keys start at the cursor's column, or under the nearest key above with no value yet
 * (`States:` then a more indented line), if no line in between is less indented.
 */
function yamlKeySiteAtIndent(document: AslDocument, offset: number): { object: ObjectASTNode | undefined; path: JsonPath } | undefined {
  const text = document.textDocument.getText();
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const lineEnd = text.indexOf('\n', offset);
  if (!/^[ \t]*$/.test(text.slice(lineStart, lineEnd < 0 ? text.length : lineEnd))) return undefined;
  const column = offset - lineStart;
  const columnOf = (at: number) => at - (text.lastIndexOf('\n', at - 1) + 1);
  let best: ASTNode | undefined;
  const visit = (node: ASTNode) => {
    if (node.offset > offset) return;
    const candidate = node.type === 'object' && node.properties.length && node.properties[0].offset < offset && columnOf(node.properties[0].offset) === column
      || node.type === 'property' && !node.valueNode && columnOf(node.offset) < column;
    if (candidate && (!best || node.offset > best.offset)) best = node;
    node.children?.forEach(visit);
  };
  if (document.json.root) visit(document.json.root);
  if (!best) return undefined;
  const found: ASTNode = best;
  const minimum = found.type === 'property' ? columnOf(found.offset) + 1 : column;
  const between = text.slice(found.offset, lineStart).split('\n').slice(1);
  if (!between.every((line) => !line.trim() || /^[ \t]*/.exec(line)![0].length >= minimum)) return undefined;
  if (found.type === 'object') return { object: found, path: pathOfNode(found) };
  if (found.type !== 'property' || found.parent?.type !== 'object') return undefined;
  return { object: undefined, path: [...pathOfNode(found.parent), found.keyNode.value] };
}

function completionsAt(document: AslDocument, site: Site, offset: number): CompletionItem[] {
  if (site.kind === 'key') return keyCompletions(document, site);
  if (site.node?.type === 'string') {
    const inString = stringContentCompletions(document, site, offset);
    if (inString) return inString;
  }
  return valueCompletions(document, site);
}

// ---- keys ------------------------------------------------------------------------------

function keyCompletions(document: AslDocument, site: Extract<Site, { kind: 'key' }>): CompletionItem[] {
  if (!site.object && site.path.length === 0) return [snippetItem(document, 'New state machine', 'A machine with one Pass state.', undefined, machineSnippet(), site.replace, '')];
  const role = objectRole(document, site.path);
  if (!role) return [];
  const existing = new Set((site.object?.properties ?? []).map((property) => property.keyNode.value).filter((key) => key !== site.current));
  const language = queryLanguageAt(document, site.path);
  // The indentation of the object's keys: a YAML mapping starts at its first key, a JSON object at its brace; a mapping still to be written at the cursor.
  const indent = !site.object ? lineIndent(document, document.textDocument.offsetAt(site.replace.start))
    : lineIndent(document, site.object.offset) + (isYaml(document) ? '' : indentUnit(document));
  if (role.kind === 'states') return stateSnippetItems(document, role.machinePath, site, language, indent);
  const fields = role.kind === 'state' ? stateFields(role.state.type, language) : role.kind === 'choiceRule' && role.state
    ? objectFields(role.kind, language).filter((info) => choiceRuleFields(language, site.path.length === role.state!.path.length + 2).includes(info.name))
    : objectFields(role.kind, language);
  const items = fields.filter((info) => !existing.has(info.name)).map((info) => fieldItem(document, info, site, indent));
  if (role.kind === 'state') {
    if (!existing.has('Retry') && fields.some((info) => info.name === 'Retry')) {
      items.push(snippetItem(document, 'Retry', 'Retry failed attempts (all errors, 3 times, with backoff).', 'Retry', [retrierSnippet()], site.replace, indent));
    }
    if (!existing.has('Catch') && fields.some((info) => info.name === 'Catch')) {
      items.push(snippetItem(document, 'Catch', 'Recover from errors by going to another state.', 'Catch', [catcherSnippet()], site.replace, indent));
    }
  }
  return items;
}

function fieldItem(document: AslDocument, info: FieldInfo, site: Extract<Site, { kind: 'key' }>, indent: string): CompletionItem {
  const value = info.values?.length ? new Choice(info.values) : info.kind;
  const text = isYaml(document) ? yamlField(document, info, value, indent) : `${JSON.stringify(info.name)}: ${jsonPlaceholder(value)}`;
  return {
    label: info.name,
    kind: CompletionItemKind.Property,
    documentation: { kind: MarkupKind.Markdown, value: info.doc },
    detail: info.only ? `${info.only} only` : undefined,
    insertTextFormat: InsertTextFormat.Snippet,
    insertTextMode: InsertTextMode.asIs,
    textEdit: TextEdit.replace(site.replace, text + separatorAfter(document, site.replace)),
    filterText: isYaml(document) ? info.name : JSON.stringify(info.name),
    sortText: info.name === 'Type' ? '0' : `1${info.name}`,
  };
}

class Choice {
  constructor(readonly values: readonly (string | boolean)[]) {}
}

function jsonPlaceholder(value: Choice | string): string {
  if (value instanceof Choice) {
    const rendered = value.values.map((item) => (typeof item === 'string' ? JSON.stringify(item) : String(item)));
    return rendered.length === 1 ? `\${1:${rendered[0]}}` : `\${1|${rendered.join(',')}|}`;
  }
  switch (value) {
    case 'string': return '"$1"';
    case 'number': return '${1:0}';
    case 'boolean': return '${1:true}';
    case 'object': return '{$1}';
    case 'array': return '[$1]';
    default: return '$1';
  }
}

function yamlField(document: AslDocument, info: FieldInfo, value: Choice | string, indent: string): string {
  if (value instanceof Choice) {
    const rendered = value.values.map((item) => (typeof item === 'string' ? renderString(document, item) : String(item)));
    return `${info.name}: ${rendered.length === 1 ? `\${1:${rendered[0]}}` : `\${1|${rendered.join(',')}|}`}`;
  }
  return value === 'object' || value === 'array' ? `${info.name}:\n${indent}${indentUnit(document)}$1` : `${info.name}: $1`;
}

/** A comma when a property follows the inserted one (JSON only). */
function separatorAfter(document: AslDocument, replace: Range): string {
  if (isYaml(document)) return '';
  const text = document.textDocument.getText();
  const rest = text.slice(document.textDocument.offsetAt(replace.end)).trimStart();
  return rest.startsWith('"') || rest.startsWith('{') || rest.startsWith('[') ? ',' : '';
}

function stateSnippetItems(document: AslDocument, machinePath: JsonPath, site: Extract<Site, { kind: 'key' }>, language: QueryLanguage, indent: string): CompletionItem[] {
  const taken = new Set(statesOfMachine(document, machinePath).map((state) => state.name));
  const unique = (name: string) => {
    let candidate = name;
    for (let n = 2; taken.has(candidate); n++) candidate = `${name} ${n}`;
    return candidate;
  };
  const items = STATE_TYPES.map((type) =>
    snippetItem(document, `${type} state`, STATE_TYPE_DOCS[type], new TabStop(1, unique(type)), stateTypeSnippet(type, language), site.replace, indent));
  for (const integration of SERVICE_INTEGRATIONS) {
    items.push(snippetItem(document, `Task: ${integration.label}`, `${integration.doc}\n\n\`${integration.resource}\``,
      new TabStop(1, unique(integration.label)), serviceTaskSnippet(integration, language), site.replace, indent));
  }
  return items;
}

/** An item inserting `key: value` (or a bare value without key), as a snippet indented as is. */
function snippetItem(document: AslDocument, label: string, doc: string, key: string | TabStop | undefined, value: unknown, replace: Range, indent: string): CompletionItem {
  const text = key === undefined ? renderValue(document, value, indent, true) : renderProperty(document, key, value, indent, true);
  return {
    label,
    kind: CompletionItemKind.Snippet,
    documentation: { kind: MarkupKind.Markdown, value: doc },
    insertTextFormat: InsertTextFormat.Snippet,
    insertTextMode: InsertTextMode.asIs,
    textEdit: TextEdit.replace(replace, text + (key === undefined ? '' : separatorAfter(document, replace))),
    sortText: `2${label}`,
  };
}

// ---- values ----------------------------------------------------------------------------

function valueCompletions(document: AslDocument, site: Extract<Site, { kind: 'value' }>): CompletionItem[] {
  const { key, ownerPath } = site;
  const role = objectRole(document, ownerPath);
  const language = queryLanguageAt(document, ownerPath);
  if (typeof key === 'number') return arrayItemCompletions(document, site, language);
  if ((key === 'Next' || key === 'Default' || key === 'StartAt') && role && role.kind !== 'states') {
    if (key === 'StartAt' || role.kind === 'state' || role.kind === 'catcher' || role.kind === 'choiceRule') {
      const machinePath = key === 'StartAt' ? ownerPath : enclosingMachine(document, ownerPath);
      return statesOfMachine(document, machinePath).map((state) => valueItem(document, site, state.name, CompletionItemKind.Reference, `${state.type ?? 'State'}`));
    }
  }
  if (key === 'Type' && role?.kind === 'state') {
    return STATE_TYPES.map((type) => ({ ...valueItem(document, site, type, CompletionItemKind.EnumMember), documentation: STATE_TYPE_DOCS[type] }));
  }
  if (key === 'Resource' && role?.kind === 'state') {
    return SERVICE_INTEGRATIONS.map((integration) => ({ ...valueItem(document, site, integration.resource, CompletionItemKind.Value, integration.label), documentation: integration.doc }));
  }
  if (key === 'Resource' && (role?.kind === 'itemReader' || role?.kind === 'resultWriter')) {
    return (role.kind === 'itemReader' ? READER_RESOURCES : [WRITER_RESOURCE]).map((resource) => valueItem(document, site, resource, CompletionItemKind.Value));
  }
  const owner = role?.kind === 'state' ? (isStateType(role.state.type) ? role.state.type : undefined) : role?.kind === 'states' ? undefined : role?.kind;
  const info = role ? findField(owner, key) : undefined;
  if (info?.values) return info.values.map((value) => valueItem(document, site, value, CompletionItemKind.EnumMember));
  if (key === 'Retry' && role?.kind === 'state') return [valueSnippet(document, site, 'Retrier', [retrierSnippet()])];
  if (key === 'Catch' && role?.kind === 'state') return [valueSnippet(document, site, 'Catcher', [catcherSnippet()])];
  return [];
}

function arrayItemCompletions(document: AslDocument, site: Extract<Site, { kind: 'value' }>, language: QueryLanguage): CompletionItem[] {
  const arrayKey = site.ownerPath[site.ownerPath.length - 1];
  if (arrayKey === 'ErrorEquals') {
    const list = nodeAtPath(document.json.root, site.ownerPath);
    const current = site.node ? nodeValue(site.node) : undefined;
    const taken = new Set((list ? (nodeValue(list) as unknown[]) : []).filter((name) => name !== current));
    return errorNames(document).filter(({ name }) => !taken.has(name)).map(({ name, doc }) => ({ ...valueItem(document, site, name, CompletionItemKind.Constant), documentation: doc }));
  }
  if (site.node) return [];
  if (arrayKey === 'Retry') return [valueSnippet(document, site, 'Retrier', retrierSnippet())];
  if (arrayKey === 'Catch') return [valueSnippet(document, site, 'Catcher', catcherSnippet())];
  if (arrayKey === 'Choices') return [valueSnippet(document, site, 'Choice rule', choiceRuleSnippet(language))];
  return [];
}

/** The predefined error names, then the names Fail states and tasks in this document raise. */
function errorNames(document: AslDocument): { name: string; doc: string }[] {
  const names = [...PREDEFINED_ERRORS];
  const seen = new Set(names.map(({ name }) => name));
  for (const state of document.states) {
    if (state.type !== 'Fail' || state.property.valueNode?.type !== 'object') continue;
    const error = propertyValue(state.property.valueNode, 'Error');
    if (error?.type === 'string' && !seen.has(error.value) && !error.value.startsWith('{%')) {
      seen.add(error.value);
      names.push({ name: error.value, doc: `Raised by the Fail state "${state.name}".` });
    }
  }
  return names;
}

function valueItem(document: AslDocument, site: Extract<Site, { kind: 'value' }>, value: string | boolean, kind: CompletionItemKind, detail?: string): CompletionItem {
  const text = typeof value === 'string' ? renderString(document, value) : String(value);
  const comma = site.node || typeof site.key === 'number' ? '' : separatorAfter(document, site.replace);
  return { label: String(value), kind, detail, textEdit: TextEdit.replace(site.replace, text + comma), filterText: text };
}

function valueSnippet(document: AslDocument, site: Extract<Site, { kind: 'value' }>, label: string, value: unknown): CompletionItem {
  const indent = lineIndent(document, document.textDocument.offsetAt(site.replace.start));
  return {
    label,
    kind: CompletionItemKind.Snippet,
    insertTextFormat: InsertTextFormat.Snippet,
    insertTextMode: InsertTextMode.asIs,
    textEdit: TextEdit.replace(site.replace, renderValue(document, value, indent, true)),
  };
}

// ---- inside strings: JSONPath, intrinsics, JSONata -------------------------------------

/** Completions inside a string value that holds an expression; undefined when it holds none. */
function stringContentCompletions(document: AslDocument, site: Extract<Site, { kind: 'value' }>, offset: number): CompletionItem[] | undefined {
  const node = site.node!;
  const raw = document.textDocument.getText().slice(node.offset, offset);
  const quote = raw.startsWith('"') || raw.startsWith("'") ? 1 : 0;
  const before = raw.slice(quote);
  const value = typeof node.value === 'string' ? node.value : '';
  const language = queryLanguageAt(document, site.ownerPath);
  const position = document.textDocument.positionAt(offset);
  if (value.trimStart().startsWith('{%')) {
    const open = before.lastIndexOf('{%');
    if (open < 0) return undefined;
    return jsonataCompletions(document, site, before.slice(open + 2), position);
  }
  const pathValued = typeof site.key === 'string' && (site.key.endsWith('.$') || /Path$/.test(site.key) || site.key === 'Variable');
  if (language === 'JSONPath' && pathValued) return jsonPathCompletions(document, site, before, position);
  return undefined;
}

function wordRange(position: Position, word: string): Range {
  return { start: { line: position.line, character: position.character - word.length }, end: position };
}

function jsonPathCompletions(document: AslDocument, site: Extract<Site, { kind: 'value' }>, before: string, position: Position): CompletionItem[] {
  const contextObject = mayReferToContextObject(site.key);
  const context = /\$\$\.([A-Za-z.]*)$/.exec(before);
  if (context) return contextObject ? contextObjectItems(context[1], position) : [];
  const word = /[A-Za-z0-9_.$]*$/.exec(before)![0];
  const range = wordRange(position, word);
  const items = variableItems(document, site, range);
  if (contextObject) {
    items.push({ label: '$$', kind: CompletionItemKind.Keyword, detail: 'the Context object', textEdit: TextEdit.replace(range, '$$.'), sortText: '1', command: { title: 'suggest', command: 'editor.action.triggerSuggest' } });
  }
  if (typeof site.key === 'string' && (site.key.endsWith('.$') || site.key === 'ErrorPath' || site.key === 'CausePath')) {
    items.push(...INTRINSIC_FUNCTIONS.map((fn) => functionItem(fn, range, CompletionItemKind.Function)));
  }
  return items;
}

function contextObjectItems(typedPath: string, position: Position): CompletionItem[] {
  const segments = typedPath.split('.');
  const word = segments.pop() ?? '';
  const members = CONTEXT_OBJECT_MEMBERS.get(segments.join('.')) ?? [];
  return members.map((member) => ({ label: member, kind: CompletionItemKind.Field, textEdit: TextEdit.replace(wordRange(position, word), member) }));
}

function jsonataCompletions(document: AslDocument, site: Extract<Site, { kind: 'value' }>, expression: string, position: Position): CompletionItem[] {
  const context = /\$states\.context\.([A-Za-z.]*)$/.exec(expression);
  if (context) return contextObjectItems(context[1], position);
  // The members the validator accepts where the expression stands in its state.
  const owner = owningState(document, site.ownerPath);
  const statesFields = statesFieldsAt([...site.ownerPath, site.key].slice(owner?.path.length ?? 0));
  const member = /\$states\.([A-Za-z]*)$/.exec(expression);
  if (member) {
    const range = wordRange(position, member[1]);
    return statesFields.map((name) => ({ label: name, kind: CompletionItemKind.Field, documentation: STATES_MEMBER_DOCS[name], textEdit: TextEdit.replace(range, name) }));
  }
  const word = /\$?[A-Za-z0-9_]*$/.exec(expression)![0];
  const range = wordRange(position, word);
  const items = variableItems(document, site, range);
  items.push({ label: '$states', kind: CompletionItemKind.Variable, documentation: `The reserved variable: ${statesFields.join(', ')}.`, textEdit: TextEdit.replace(range, '$states'), sortText: '1' });
  items.push(...JSONATA_FUNCTIONS.filter((fn) => !fn.unavailable).map((fn) => functionItem(fn, range, CompletionItemKind.Function)));
  return items;
}

/** The user's variables in scope, sorted before the built-in names (`$states`, `$$`, then the functions). */
function variableItems(document: AslDocument, site: Extract<Site, { kind: 'value' }>, range: Range): CompletionItem[] {
  return variablesInScope(document, site.ownerPath).map((name) => ({
    label: `$${name}`, kind: CompletionItemKind.Variable, detail: 'variable', textEdit: TextEdit.replace(range, `$${name}`), sortText: `0${name}`,
  }));
}

function functionItem(fn: FunctionDoc, range: Range, kind: CompletionItemKind): CompletionItem {
  return {
    label: fn.name,
    kind,
    detail: fn.signature,
    documentation: { kind: MarkupKind.Markdown, value: fn.doc },
    insertTextFormat: InsertTextFormat.Snippet,
    textEdit: TextEdit.replace(range, `${fn.name.replace(/\$/g, '\\$')}($1)`),
    sortText: `2${fn.name}`,
  };
}
