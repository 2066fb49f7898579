// State machines inside templates: CloudFormation and SAM (JSON or YAML, short-form tags read),
// CDK's synthesized templates (read-only), Serverless Framework's `stepFunctions`, and Terraform
// (./terraform.ts). Each definition comes out as a text of its own (JSON or YAML), placeholders
// filled with local values, with a map back to the template's text.
import type { Document, Node as YamlNode, YAMLMap } from 'yaml';
import { isMap, isScalar, isSeq, parseDocument } from '../yaml';
import { MappedTextBuilder, verbatim, type Encode, type MappedText } from './mappedText';
import { decodeScalar, type Piece } from './scalars';
import { evaluate, evaluateRef, evaluateSubVariable, intrinsicOf, keyOf, member, type Evaluated, type TemplateContext } from './intrinsics';
import { LOCAL_ACCOUNT, LOCAL_REGION, type LocalResource } from './localValues';
import { scanTerraform } from './terraform';

export type TemplateKind = 'cloudformation' | 'serverless' | 'terraform';

/** A message about the template's text at `[start, end)`. */
export interface TemplateProblem {
  message: string;
  start: number;
  end: number;
  severity: 'error' | 'warning';
  /** The id of the machine whose definition the problem keeps from being read (TemplateScan.problems). */
  machine?: string;
}

/** A placeholder (or intrinsic call) in a definition, the value it was given and where that comes from. */
export interface Placeholder {
  name: string;
  start: number;
  end: number;
  value: string;
  origin: string;
}

export interface EmbeddedDefinition {
  /** The logical id (CloudFormation), the resource name (Terraform) or the machine's key (Serverless). */
  id: string;
  /** The span of the id in the template, where a message about the whole machine goes. */
  idStart: number;
  idEnd: number;
  /** The language of `mapped.text`. */
  language: 'json' | 'yaml';
  mapped: MappedText;
  placeholders: Placeholder[];
  problems: TemplateProblem[];
  machineType?: 'STANDARD' | 'EXPRESS';
  /** Why the definition may not be edited here (a CDK template is the CDK app's output). */
  readOnly?: string;
  /** A definition in a file of its own (DefinitionUri, templatefile): `mapped` maps into that file; `[start, end)` is its reference in the template. */
  file?: { path: string; start: number; end: number };
}

export interface TemplateScan {
  kind: TemplateKind;
  definitions: EmbeddedDefinition[];
  /** Problems outside any definition (a machine whose definition cannot be found or read: it has no definition here). */
  problems: TemplateProblem[];
}

export interface ScanOptions {
  /** Values by placeholder or parameter name from the workspace's values file; they win over the template's. */
  values?: Record<string, string>;
  /** Reads a file a template refers to (a path relative to the template); undefined when it cannot be read. */
  readFile?: (path: string) => string | undefined;
}

const STATE_MACHINE_TYPES = new Set(['AWS::StepFunctions::StateMachine', 'AWS::Serverless::StateMachine']);
const MAY_HOLD_MACHINE = /AWS::(StepFunctions|Serverless)::StateMachine|stepFunctions\s*:|"stepFunctions"/;
const YAML_FILE = /\.ya?ml$/i;

const TERRAFORM_FILE = /\.tf$/i;

const pathOf = (uri: string) => decodeURIComponent(uri.replace(/[?#].*$/, ''));

/** Whether scanTemplate may find a machine in the text: a Terraform file, or a text that names a machine's resource type or section. */
export function mayHoldMachine(uri: string, text: string): boolean {
  return TERRAFORM_FILE.test(pathOf(uri)) || MAY_HOLD_MACHINE.test(text);
}

/** The template's machines, or undefined when the text is not a template holding one (no noise on ordinary files). */
export function scanTemplate(uri: string, text: string, options: ScanOptions = {}): TemplateScan | undefined {
  const path = pathOf(uri);
  if (TERRAFORM_FILE.test(path)) return scanTerraform(text, options);
  if (!MAY_HOLD_MACHINE.test(text)) return undefined;
  const document = parseDocument(text, { uniqueKeys: false, prettyErrors: false, strict: false });
  const language = YAML_FILE.test(path) || !text.trimStart().startsWith('{') ? 'yaml' : 'json';
  const readOnly = /(^|\/)cdk\.out\/[^/]*\.template\.json$/i.test(path) ? 'the CDK synthesized this template' : undefined;
  const root = document.contents as YamlNode | null;
  const serverless = member(member(root, 'stepFunctions'), 'stateMachines');
  if (isMap(serverless)) return scanServerless(text, document, serverless, language, options);
  const resources = member(root, 'Resources');
  if (!isMap(resources)) return undefined;
  const context = templateContext(text, root, resources, options);
  const scan: TemplateScan = { kind: 'cloudformation', definitions: [], problems: [] };
  for (const pair of resources.items) {
    const id = keyOf(pair);
    const resource = pair.value as YamlNode | null;
    const type = member(resource, 'Type');
    if (!id || !isScalar(type) || !STATE_MACHINE_TYPES.has(String(type.value))) continue;
    const [idStart, idEnd] = (pair.key as YamlNode).range ?? [0, 0];
    const cdkPath = member(member(resource, 'Metadata'), 'aws:cdk:path');
    const found = stateMachine(context, id, idStart, idEnd, member(resource, 'Properties'), language, options,
      readOnly && `${readOnly}${isScalar(cdkPath) ? ` from ${String(cdkPath.value)}` : ''}: edit the CDK app and synthesize again`);
    if ('problem' in found) scan.problems.push({ message: found.problem, start: idStart, end: idEnd, severity: 'error', machine: id });
    else scan.definitions.push(found);
  }
  return scan.definitions.length || scan.problems.length ? scan : undefined;
}

function templateContext(text: string, root: YamlNode | null, resources: YAMLMap, options: ScanOptions): TemplateContext {
  const context: TemplateContext = { text, resources: new Map(), parameters: new Map(), mappings: {}, values: options.values ?? {} };
  for (const pair of resources.items) {
    const id = keyOf(pair);
    const type = member(pair.value as YamlNode, 'Type');
    if (id && isScalar(type)) context.resources.set(id, { logicalId: id, type: String(type.value), properties: literalProperties(member(pair.value as YamlNode, 'Properties')) });
  }
  const parameters = member(root, 'Parameters');
  if (isMap(parameters)) {
    for (const pair of parameters.items) {
      const defaultValue = member(pair.value as YamlNode, 'Default');
      context.parameters.set(keyOf(pair) ?? '', { default: isScalar(defaultValue) ? defaultValue.value : undefined });
    }
  }
  const mappings = member(root, 'Mappings');
  if (mappings) {
    const evaluated = evaluate(context, mappings);
    if (!('problem' in evaluated)) (context as { mappings: unknown }).mappings = evaluated.value;
  }
  return context;
}

function literalProperties(properties: YamlNode | undefined): Record<string, unknown> {
  if (!isMap(properties)) return {};
  return Object.fromEntries(properties.items.flatMap((pair) => isScalar(pair.value) && !(pair.value as YamlNode).tag ? [[keyOf(pair), (pair.value as { value: unknown }).value]] : []));
}

/** Resolves the name in a placeholder; undefined leaves it as written, with a warning. */
type Resolve = (name: string) => Evaluated | undefined;

function stateMachine(context: TemplateContext, id: string, idStart: number, idEnd: number, properties: YamlNode | undefined,
  language: 'json' | 'yaml', options: ScanOptions, readOnly: string | undefined): EmbeddedDefinition | { problem: string } {
  const substitutions = member(properties, 'DefinitionSubstitutions');
  const resolveSubstitution: Resolve = (name) => {
    if (name in context.values) return { value: context.values[name], origin: `${name} in the workspace's values file` };
    const node = member(substitutions, name);
    if (!node) return undefined;
    const evaluated = evaluate(context, node);
    return 'problem' in evaluated ? evaluated : { value: evaluated.value, origin: `DefinitionSubstitutions: ${evaluated.origin}` };
  };
  const type = member(properties, 'Type') ?? member(properties, 'StateMachineType');
  const machineType = isScalar(type) && (type.value === 'EXPRESS' || type.value === 'STANDARD') ? type.value : undefined;
  const base = { id, idStart, idEnd, machineType, readOnly } as const;
  const definition = member(properties, 'Definition');
  if (definition) {
    const out = new Output(context.text, resolveSubstitution, 'DefinitionSubstitutions');
    out.object(context, definition);
    return { ...base, language, ...out.result() };
  }
  const definitionString = member(properties, 'DefinitionString');
  if (definitionString) {
    const out = new Output(context.text, resolveSubstitution, 'DefinitionSubstitutions');
    out.string(context, definitionString);
    return { ...base, language: 'json', ...out.result() };
  }
  const location = member(properties, 'DefinitionUri') ?? member(properties, 'DefinitionS3Location');
  if (location) {
    const [start, end] = location.range ?? [0, 0];
    if (!isScalar(location) || location.tag) return { problem: `The definition of ${id} is in S3 (a Bucket and Key): give a local file as DefinitionUri to work on it here` };
    const path = String(location.value);
    if (/^s3:\/\//i.test(path)) return { problem: `The definition of ${id} is in S3 (${path}): give a local file as DefinitionUri to work on it here` };
    const text = options.readFile?.(path);
    if (text === undefined) return { problem: `The definition file ${path} of ${id} cannot be read` };
    const out = new Output(text, resolveSubstitution, 'DefinitionSubstitutions');
    out.placeholdersIn(Array.from(text, (char, index) => ({ char, start: index, end: index + 1 })), verbatim);
    return { ...base, language: YAML_FILE.test(path) ? 'yaml' : 'json', ...out.result(), file: { path, start, end } };
  }
  return { problem: `No definition found for ${id}: give it Definition, DefinitionString, DefinitionUri or DefinitionS3Location` };
}

const PLACEHOLDER = /\$\{([^}]*)\}/g;

/** Builds one definition's text: template text copied, placeholders and intrinsic calls replaced by their values. */
class Output {
  private readonly builder = new MappedTextBuilder();
  private readonly placeholders: Placeholder[] = [];
  private readonly problems: TemplateProblem[] = [];

  constructor(private readonly text: string, private readonly resolve: Resolve, private readonly source: string, private readonly pattern = PLACEHOLDER) {}

  result() {
    return { mapped: this.builder.build(), placeholders: this.placeholders, problems: this.problems };
  }

  /** A definition written as the template's own object: its text from the start of its first line, calls and placeholders replaced. */
  object(context: TemplateContext, node: YamlNode): void {
    const [start, end] = node.range ?? [0, 0];
    const lineStart = this.text.lastIndexOf('\n', start - 1) + 1;
    const prefix = this.text.slice(lineStart, start);
    if (/^\s*$/.test(prefix)) this.builder.copy(prefix, lineStart);
    else this.builder.replace(' '.repeat(prefix.length), lineStart, start);
    const rewrites: { start: number; end: number; emit: () => void }[] = [];
    const visit = (child: YamlNode | null | undefined) => {
      if (!child) return;
      const call = intrinsicOf(this.text, child);
      if (call) {
        rewrites.push({ start: call.start, end: call.end, emit: () => this.evaluated(evaluate(context, child), this.text.slice(call.start, call.end).trim(), call.start, call.end, (value) => JSON.stringify(value)) });
      } else if (isScalar(child) && typeof child.value === 'string' && child.value.includes('${')) {
        const decoded = decodeScalar(this.text, child);
        const [from, to] = child.range ?? [0, 0];
        if (decoded) rewrites.push({ start: from, end: to, emit: () => this.scalarWithPlaceholders(child, decoded.pieces, decoded.encode) });
      } else if (isMap(child)) {
        for (const pair of child.items) visit(pair.value as YamlNode);
      } else if (isSeq(child)) {
        for (const item of child.items) visit(item as YamlNode);
      }
    };
    visit(node);
    let at = lineStart + prefix.length;
    for (const rewrite of rewrites) {
      this.builder.copy(this.text.slice(at, rewrite.start), at);
      rewrite.emit();
      at = rewrite.end;
    }
    this.builder.copy(this.text.slice(at, end), at);
  }

  /** A definition written as a string: a scalar, Fn::Sub of one, or Fn::Join of parts. */
  string(context: TemplateContext, node: YamlNode): void {
    const call = intrinsicOf(this.text, node);
    if (call?.name === 'Fn::Sub') {
      const items = isSeq(call.argument) ? (call.argument.items as YamlNode[]) : undefined;
      const source = items ? items[0] : call.argument;
      if (!isScalar(source)) return this.problem('Fn::Sub takes a string, or a string and a map of variables', call.start, call.end, 'error');
      const subResolve: Resolve = (name) => name.startsWith('!') ? undefined : evaluateSubVariable(context, name.trim(), items?.[1]);
      return this.scalar(source, subResolve, 'Fn::Sub');
    }
    if (call?.name === 'Fn::Join') {
      const items = isSeq(call.argument) ? (call.argument.items as YamlNode[]) : [];
      const delimiter = evaluate(context, items[0]);
      const parts = items[1];
      if ('problem' in delimiter || !isSeq(parts)) return this.problem('Fn::Join takes a delimiter and a list', call.start, call.end, 'error');
      (parts.items as YamlNode[]).forEach((part, index) => {
        const [start, end] = part.range ?? [0, 0];
        if (index > 0) this.builder.replace(String(delimiter.value ?? ''), start, start);
        if (isScalar(part) && !part.tag) this.scalar(part);
        else this.evaluated(evaluate(context, part), this.text.slice(intrinsicOf(this.text, part)?.start ?? start, end).trim(), intrinsicOf(this.text, part)?.start ?? start, end, String);
      });
      return;
    }
    if (isScalar(node) && !node.tag) return this.scalar(node);
    const [start, end] = node.range ?? [0, 0];
    this.problem(call ? `${call.name} cannot be evaluated locally as a DefinitionString: use Fn::Sub or Fn::Join` : 'DefinitionString is a string, Fn::Sub or Fn::Join', call?.start ?? start, end, 'error');
  }

  /** The characters of a string, placeholders resolved by `resolve` (Fn::Sub's variables, or the substitutions). */
  private scalar(node: YamlNode, resolve = this.resolve, source = this.source): void {
    const decoded = isScalar(node) ? decodeScalar(this.text, node) : undefined;
    const [start, end] = node.range ?? [0, 0];
    if (!decoded) {
      this.builder.replace(String((node as { value?: unknown }).value ?? ''), start, end);
      return;
    }
    this.placeholdersIn(decoded.pieces, decoded.encode, resolve, source);
  }

  private scalarWithPlaceholders(node: YamlNode, pieces: Piece[], encode: Encode): void {
    const quote = isScalar(node) && (node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE');
    const [start, end] = node.range ?? [0, 0];
    if (quote) this.builder.copy(this.text[start], start);
    this.placeholdersIn(pieces, encode);
    if (quote) this.builder.copy(this.text[end - 1], end - 1);
  }

  placeholdersIn(pieces: Piece[], encode: Encode, resolve = this.resolve, source = this.source): void {
    const decoded = pieces.map((piece) => piece.char).join('');
    let at = 0;
    for (const match of decoded.matchAll(new RegExp(this.pattern.source, 'g'))) {
      const first = match.index!;
      const last = first + match[0].length - 1;
      for (; at < first; at++) this.builder.decoded(pieces[at].char, pieces[at].start, pieces[at].end, encode);
      const name = match[1];
      const [start, end] = [pieces[first].start, pieces[last].end];
      const resolved = resolve(name);
      if (name.startsWith('!') && source === 'Fn::Sub') {
        // `${!Literal}` is Fn::Sub's escape for a literal `${Literal}`.
        this.builder.replace(`\${${name.slice(1)}}`, start, end);
      } else if (resolved && !('problem' in resolved)) {
        this.evaluated(resolved, match[0], start, end, String);
      } else {
        this.problem(resolved ? resolved.problem : `Unknown placeholder ${match[0]}: ${source} does not give it (nor the workspace's values file)`,
          start, end, source === 'Fn::Sub' ? 'error' : 'warning');
        for (let i = first; i <= last; i++) this.builder.decoded(pieces[i].char, pieces[i].start, pieces[i].end, encode);
      }
      at = last + 1;
    }
    for (; at < pieces.length; at++) this.builder.decoded(pieces[at].char, pieces[at].start, pieces[at].end, encode);
  }

  private evaluated(evaluated: Evaluated, name: string, start: number, end: number, write: (value: string) => string): void {
    if ('problem' in evaluated) {
      this.problem(evaluated.problem, start, end, 'error');
      this.builder.replace(write(name), start, end);
      return;
    }
    const value = typeof evaluated.value === 'string' ? evaluated.value : JSON.stringify(evaluated.value);
    this.placeholders.push({ name, start, end, value, origin: evaluated.origin });
    this.builder.replace(write(value), start, end);
  }

  private problem(message: string, start: number, end: number, severity: TemplateProblem['severity']): void {
    this.problems.push({ message, start, end, severity });
  }
}

const SERVERLESS_VARIABLE = /[$#]\{([^}]*)\}/g;

/** Serverless Framework: `stepFunctions.stateMachines.<key>.definition`, with `${self:...}`, `${opt:...}`, `${sls:...}` and `#{...}`. */
function scanServerless(text: string, document: Document, machines: YAMLMap, language: 'json' | 'yaml', options: ScanOptions): TemplateScan {
  const root = document.contents as YamlNode | null;
  const service = member(root, 'service');
  const serviceName = isScalar(service) ? String(service.value) : 'service';
  const stage = 'dev';
  const resources = member(member(root, 'resources'), 'Resources');
  const context = templateContext(text, root, isMap(resources) ? resources : new (machines.constructor as typeof YAMLMap)(), options);
  const functions = member(root, 'functions');
  if (isMap(functions)) {
    for (const pair of functions.items) {
      const key = keyOf(pair) ?? '';
      const resource: LocalResource = { logicalId: key, type: 'AWS::Lambda::Function', properties: { FunctionName: `${serviceName}-${stage}-${key}` } };
      context.resources.set(key, resource);
      context.resources.set(`${key.charAt(0).toUpperCase()}${key.slice(1).replace(/[-_](.)/g, (_, c: string) => c.toUpperCase())}LambdaFunction`, resource);
    }
  }
  const variable: Resolve = (name) => {
    if (name in context.values) return { value: context.values[name], origin: `${name} in the workspace's values file` };
    const [source, fallback] = name.split(/,\s*/);
    const [scope, path = ''] = source.includes('::') ? [source] : source.split(':');
    const defaultValue = fallback?.replace(/^['"]|['"]$/g, '');
    switch (scope) {
      case 'self': {
        let node: YamlNode | undefined = root ?? undefined;
        for (const key of path.split('.')) node = member(node, key);
        return isScalar(node) ? { value: node.value, origin: `self:${path} in serverless.yml` }
          : defaultValue !== undefined ? { value: defaultValue, origin: 'its default' } : { problem: `\${${name}}: serverless.yml has no ${path}` };
      }
      case 'opt': case 'sls':
        if (path === 'stage') return { value: defaultValue ?? stage, origin: 'the local stage' };
        if (path === 'region') return { value: defaultValue ?? LOCAL_REGION, origin: 'the local region' };
        break;
      case 'aws':
        if (path === 'region') return { value: LOCAL_REGION, origin: 'the local region' };
        if (path === 'accountId') return { value: LOCAL_ACCOUNT, origin: 'the local account' };
        break;
      default:
        if (!path) return evaluateRef(context, source);
    }
    return defaultValue !== undefined ? { value: defaultValue, origin: 'its default' } : undefined;
  };
  const scan: TemplateScan = { kind: 'serverless', definitions: [], problems: [] };
  for (const pair of machines.items) {
    const id = keyOf(pair) ?? '';
    const [idStart, idEnd] = (pair.key as YamlNode).range ?? [0, 0];
    const definition = member(pair.value as YamlNode, 'definition');
    if (!definition) {
      scan.problems.push({ message: `No definition found for ${id}: give it a definition`, start: idStart, end: idEnd, severity: 'error', machine: id });
      continue;
    }
    const type = member(pair.value as YamlNode, 'type');
    const machineType = isScalar(type) && String(type.value).toUpperCase() === 'EXPRESS' ? 'EXPRESS' as const : undefined;
    // `definition: ${file(./machine.asl.yml)}`: a file of its own.
    const file = isScalar(definition) ? /^\$\{file\((.+?)\)\}$/.exec(String(definition.value).trim())?.[1].trim() : undefined;
    if (file !== undefined) {
      const [start, end] = definition.range ?? [0, 0];
      const fileText = options.readFile?.(file);
      if (fileText === undefined) {
        scan.problems.push({ message: `The definition file ${file} of ${id} cannot be read`, start, end, severity: 'error', machine: id });
        continue;
      }
      const out = new Output(fileText, variable, 'serverless.yml', SERVERLESS_VARIABLE);
      out.placeholdersIn(Array.from(fileText, (char, index) => ({ char, start: index, end: index + 1 })), verbatim);
      scan.definitions.push({ id, idStart, idEnd, language: YAML_FILE.test(file) ? 'yaml' : 'json', ...out.result(), machineType, file: { path: file, start, end } });
      continue;
    }
    const out = new Output(text, variable, 'serverless.yml', SERVERLESS_VARIABLE);
    out.object(context, definition);
    scan.definitions.push({ id, idStart, idEnd, language, ...out.result(), machineType });
  }
  return scan;
}

/** Characters whose typing may change how a template reads around a definition: line breaks (indentation), quotes, tags, anchors, placeholders. */
const STRUCTURAL = /[\n\r"'\\$#!&*|>%@`\t]/;

/**
 * The scan after an edit typed inside one definition, without reading the template again: its text
 * edited in place, the spans after it moved. Undefined when the edit may change more than that
 * definition's text (then the template is scanned again).
 */
export function scanAfterEdit(previous: TemplateScan, oldText: string, newText: string): TemplateScan | undefined {
  let start = 0;
  const shortest = Math.min(oldText.length, newText.length);
  while (start < shortest && oldText.charCodeAt(start) === newText.charCodeAt(start)) start++;
  let suffix = 0;
  while (suffix < shortest - start && oldText.charCodeAt(oldText.length - 1 - suffix) === newText.charCodeAt(newText.length - 1 - suffix)) suffix++;
  const end = oldText.length - suffix;
  const inserted = newText.slice(start, newText.length - suffix);
  if (STRUCTURAL.test(inserted) || STRUCTURAL.test(oldText.slice(start, end))) return undefined;
  // Leading spaces set a YAML line's place in the template.
  const lineStart = oldText.lastIndexOf('\n', start - 1) + 1;
  if (/^\s*$/.test(oldText.slice(lineStart, start)) && (inserted.startsWith(' ') || oldText.charAt(start) === ' ')) return undefined;
  const delta = inserted.length - (end - start);
  const move = (offset: number) => offset >= end ? offset + delta : offset;
  const moveSpan = <T extends { start: number; end: number }>(span: T): T => ({ ...span, start: move(span.start), end: move(span.end) });
  let edited = false;
  const definitions = previous.definitions.map((definition) => {
    const moved = { ...definition, idStart: move(definition.idStart), idEnd: move(definition.idEnd), placeholders: definition.placeholders.map(moveSpan), problems: definition.problems.map(moveSpan) };
    if (definition.file) return { ...moved, file: moveSpan(definition.file) };
    const mapped = definition.mapped;
    if (mapped.endInTemplate(mapped.text.length) <= start) return moved;
    if (mapped.startInTemplate(0) >= end) return { ...moved, mapped: mapped.shifted(delta) };
    const after = definition.readOnly ? undefined : mapped.afterEdit(start, end, inserted);
    if (!after || definition.placeholders.some((placeholder) => placeholder.end > start && placeholder.start < end)) return undefined;
    edited = true;
    return { ...moved, mapped: after };
  });
  if (!edited || definitions.some((definition) => !definition)) return undefined;
  return { kind: previous.kind, definitions: definitions as EmbeddedDefinition[], problems: previous.problems.map(moveSpan) };
}
