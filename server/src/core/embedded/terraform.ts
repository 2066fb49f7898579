// Terraform's `aws_sfn_state_machine` resources: `definition = jsonencode({...})` (HCL's object syntax,
// written out as JSON with each character's place), heredocs, and `templatefile("x.asl.json", {...})` or
// `file(...)`. References to other resources, variables and locals get plausible local values.
import { MappedTextBuilder, verbatim, type Encode } from './mappedText';
import { LOCAL_ACCOUNT, LOCAL_REGION, localAttribute, localRef, type LocalResource } from './localValues';
import type { Evaluated } from './intrinsics';
import type { EmbeddedDefinition, ScanOptions, TemplateProblem, TemplateScan } from './templates';
import type { Piece } from './scalars';

/** Terraform resource types as the CloudFormation types whose local values they share, with the attribute naming them. */
const RESOURCE_TYPES: Record<string, { type: string; name: string }> = {
  aws_lambda_function: { type: 'AWS::Lambda::Function', name: 'function_name' },
  aws_sfn_state_machine: { type: 'AWS::StepFunctions::StateMachine', name: 'name' },
  aws_sfn_activity: { type: 'AWS::StepFunctions::Activity', name: 'name' },
  aws_sqs_queue: { type: 'AWS::SQS::Queue', name: 'name' },
  aws_sns_topic: { type: 'AWS::SNS::Topic', name: 'name' },
  aws_dynamodb_table: { type: 'AWS::DynamoDB::Table', name: 'name' },
  aws_s3_bucket: { type: 'AWS::S3::Bucket', name: 'bucket' },
  aws_cloudwatch_event_bus: { type: 'AWS::Events::EventBus', name: 'name' },
  aws_iam_role: { type: 'AWS::IAM::Role', name: 'name' },
  aws_ecs_cluster: { type: 'AWS::ECS::Cluster', name: 'name' },
  aws_kinesis_stream: { type: 'AWS::Kinesis::Stream', name: 'name' },
};
const ATTRIBUTES: Record<string, string> = { arn: 'Arn', url: 'QueueUrl', invoke_arn: 'Arn', qualified_arn: 'Arn' };

const RESOURCE_BLOCK = /^[ \t]*resource\s+"([\w-]+)"\s+"([\w-]+)"\s*\{/gm;
const VARIABLE_BLOCK = /^[ \t]*variable\s+"([\w-]+)"\s*\{/gm;

const hclStringEncode: Encode = (text) => JSON.stringify(text).slice(1, -1).replace(/\$\{/g, '$${');

export function scanTerraform(text: string, options: ScanOptions): TemplateScan | undefined {
  const scanner = new Terraform(text, options);
  return scanner.scan();
}

class Terraform {
  private readonly resources = new Map<string, LocalResource>();
  private readonly variables = new Map<string, string | undefined>();
  private readonly locals = new Map<string, string>();

  constructor(private readonly text: string, private readonly options: ScanOptions) {}

  scan(): TemplateScan | undefined {
    const machines: { name: string; start: number; end: number; body: [number, number] }[] = [];
    for (const match of this.text.matchAll(RESOURCE_BLOCK)) {
      const open = match.index! + match[0].length - 1;
      const body: [number, number] = [open + 1, this.closing(open)];
      const [, type, name] = match;
      const nameStart = match.index! + match[0].lastIndexOf(`"${name}"`) + 1;
      if (type === 'aws_sfn_state_machine') machines.push({ name, start: nameStart, end: nameStart + name.length, body });
      const known = RESOURCE_TYPES[type];
      const literal = known && new RegExp(`^\\s*${known.name}\\s*=\\s*"([^"$]*)"`, 'm').exec(this.text.slice(...body))?.[1];
      this.resources.set(`${type}.${name}`, { logicalId: name, type: known?.type ?? type, properties: literal ? { Name: literal } : {} });
    }
    if (machines.length === 0) return undefined;
    for (const match of this.text.matchAll(VARIABLE_BLOCK)) {
      const open = match.index! + match[0].length - 1;
      this.variables.set(match[1], /^\s*default\s*=\s*"([^"]*)"/m.exec(this.text.slice(open + 1, this.closing(open)))?.[1]);
    }
    for (const match of this.text.matchAll(/^[ \t]*locals\s*\{/gm)) {
      const open = match.index! + match[0].length - 1;
      for (const local of this.text.slice(open + 1, this.closing(open)).matchAll(/^\s*([\w-]+)\s*=\s*"([^"$]*)"/gm)) this.locals.set(local[1], local[2]);
    }
    const scan: TemplateScan = { kind: 'terraform', definitions: [], problems: [] };
    for (const machine of machines) {
      const found = this.definition(machine.name, machine.start, machine.end, machine.body);
      if ('problem' in found) scan.problems.push({ message: found.problem, start: machine.start, end: machine.end, severity: 'error', machine: machine.name });
      else scan.definitions.push(found);
    }
    return scan;
  }

  private definition(id: string, idStart: number, idEnd: number, [bodyStart, bodyEnd]: [number, number]): EmbeddedDefinition | { problem: string } {
    const attribute = /^[ \t]*definition\s*=\s*/m.exec(this.text.slice(bodyStart, bodyEnd));
    if (!attribute) return { problem: `No definition found for ${id}: give it a definition` };
    const at = bodyStart + attribute.index + attribute[0].length;
    const base = { id, idStart, idEnd, language: 'json' as const };
    const typeMatch = /^\s*type\s*=\s*"(\w+)"/m.exec(this.text.slice(bodyStart, bodyEnd));
    const machineType = typeMatch?.[1].toUpperCase() === 'EXPRESS' ? 'EXPRESS' as const : undefined;
    const out = new Hcl(this.text, (expression) => this.evaluate(expression));
    if (this.text.startsWith('jsonencode(', at)) {
      out.expression(this.skipSpace(at + 'jsonencode('.length));
      return { ...base, machineType, ...out.result() };
    }
    if (this.text.startsWith('<<', at)) {
      out.heredoc(at);
      return { ...base, machineType, ...out.result() };
    }
    const call = /^(templatefile|file)\(\s*"([^"]*)"/.exec(this.text.slice(at, bodyEnd));
    if (call) {
      const path = call[2].replace(/\$\{path\.(module|root)\}\/?/g, '');
      const file = this.options.readFile?.(path);
      if (file === undefined) return { problem: `The definition file ${path} of ${id} cannot be read` };
      const args = new Map<string, Evaluated>();
      if (call[1] === 'templatefile') {
        const open = this.text.indexOf('{', at + call[0].length);
        const close = open < 0 ? -1 : this.closing(open);
        for (const arg of this.text.slice(open + 1, close).matchAll(/([\w-]+)\s*[=:]\s*("([^"]*)"|[\w.[\]"-]+)/g)) {
          args.set(arg[1], arg[3] !== undefined ? { value: arg[3], origin: `the templatefile argument ${arg[1]}` } : this.evaluate(arg[2]));
        }
      }
      const inFile = new Hcl(file, (name) => args.get(name.trim()) ?? (call[1] === 'templatefile'
        ? { problem: `Unknown placeholder \${${name}}: not an argument of templatefile` } : this.evaluate(name)));
      inFile.interpolated(Array.from(file, (char, index) => ({ char, start: index, end: index + 1 })), verbatim);
      return { ...base, machineType, ...inFile.result(), language: /\.ya?ml$/i.test(path) ? 'yaml' : 'json', file: { path, start: at, end: at + call[0].length } };
    }
    return { problem: `The definition of ${id} is neither jsonencode(...), a heredoc, templatefile(...) nor file(...): it cannot be read locally` };
  }

  /** A reference as Terraform would give it once applied, with plausible local values. */
  private evaluate(expression: string): Evaluated {
    const reference = expression.trim();
    if (reference in (this.options.values ?? {})) return { value: this.options.values![reference], origin: `${reference} in the workspace's values file` };
    const parts = reference.split('.');
    if (parts[0] === 'var' && this.variables.has(parts[1])) {
      const value = this.variables.get(parts[1]);
      return value === undefined ? { problem: `Variable ${parts[1]} has no default: give its value in the workspace's values file` } : { value, origin: `the default of variable ${parts[1]}` };
    }
    if (parts[0] === 'local' && this.locals.has(parts[1])) return { value: this.locals.get(parts[1]), origin: `local.${parts[1]}` };
    if (reference === 'data.aws_region.current.name' || reference === 'data.aws_region.current.region') return { value: LOCAL_REGION, origin: 'the local region' };
    if (reference === 'data.aws_partition.current.partition') return { value: 'aws', origin: 'the local partition' };
    if (reference === 'data.aws_caller_identity.current.account_id') return { value: LOCAL_ACCOUNT, origin: 'the local account' };
    const resource = this.resources.get(parts.slice(0, 2).join('.'));
    if (resource && parts.length === 3) {
      const attribute = parts[2];
      const value = attribute === 'id' ? localRef(resource) : localAttribute(resource, ATTRIBUTES[attribute] ?? (attribute.endsWith('name') ? 'Name' : attribute));
      return { value, origin: `${reference} (${resource.type}), in the local account` };
    }
    return { problem: `${reference} cannot be evaluated locally: give its value in the workspace's values file` };
  }

  /** The offset of the bracket closing the one at `open` (strings and comments skipped). */
  private closing(open: number): number {
    return closingBracket(this.text, open);
  }

  private skipSpace(at: number): number {
    return skipSpace(this.text, at);
  }
}

function closingBracket(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const char = text[i];
    if (char === '"') i = stringEnd(text, i) - 1;
    else if (char === '#' || (char === '/' && text[i + 1] === '/')) i = lineEnd(text, i) - 1;
    else if (char === '{' || char === '[' || char === '(') depth++;
    else if (char === '}' || char === ']' || char === ')') {
      if (--depth === 0) return i;
    }
  }
  return text.length;
}

/** Past the closing quote of the string starting at `start` (interpolations may hold quotes). */
function stringEnd(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '$' && text[i + 1] === '{') i = closingBracket(text, i + 1);
    else if (text[i] === '"' || text[i] === '\n') return i + 1;
  }
  return text.length;
}

function lineEnd(text: string, at: number): number {
  const end = text.indexOf('\n', at);
  return end < 0 ? text.length : end;
}

/** Past spaces, line breaks and comments. */
function skipSpace(text: string, at: number): number {
  for (let i = at; i < text.length;) {
    if (/\s/.test(text[i])) i++;
    else if (text[i] === '#' || (text[i] === '/' && text[i + 1] === '/')) i = lineEnd(text, i);
    else if (text[i] === '/' && text[i + 1] === '*') i = text.indexOf('*/', i) < 0 ? text.length : text.indexOf('*/', i) + 2;
    else return i;
  }
  return text.length;
}

const HCL_ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' };

/** HCL written out as JSON, each character mapped to its place in the .tf file. */
class Hcl {
  private readonly builder = new MappedTextBuilder();
  private readonly placeholders: EmbeddedDefinition['placeholders'] = [];
  private readonly problems: TemplateProblem[] = [];

  constructor(private readonly text: string, private readonly evaluate: (expression: string) => Evaluated) {}

  result() {
    return { mapped: this.builder.build(), placeholders: this.placeholders, problems: this.problems };
  }

  /** One value at `at`; returns where it ends. */
  expression(at: number): number {
    const char = this.text[at];
    if (char === '{' || char === '[') return this.collection(at);
    if (char === '"') return this.string(at);
    if (char === '<' && this.text.startsWith('<<', at)) return this.heredoc(at);
    const literal = /^(-?\d+(\.\d+)?([eE][+-]?\d+)?|true|false|null)\b/.exec(this.text.slice(at, at + 40));
    if (literal) {
      this.builder.copy(literal[0], at);
      return at + literal[0].length;
    }
    // A reference or a call: up to the end of the value.
    let end = at;
    while (end < this.text.length && !/[,\n}\]]/.test(this.text[end])) end = /[([{]/.test(this.text[end]) ? closingBracket(this.text, end) + 1 : end + 1;
    const source = this.text.slice(at, end).trim();
    this.replaced(this.evaluate(source), source, at, at + source.length, (value) => JSON.stringify(value));
    return at + source.length;
  }

  /** `{ key = value ... }` or `[ value, ... ]`: commas and colons written where HCL has line breaks and `=`. */
  private collection(open: number): number {
    const object = this.text[open] === '{';
    const close = object ? '}' : ']';
    this.builder.copy(this.text[open], open);
    let at = skipSpace(this.text, open + 1);
    let first = true;
    while (at < this.text.length && this.text[at] !== close) {
      if (!first) this.builder.replace(',', at, at);
      first = false;
      if (object) {
        if (this.text[at] === '"') at = this.string(at);
        else {
          const key = /^[\w-]+/.exec(this.text.slice(at))?.[0] ?? '';
          if (!key) {
            this.problems.push({ message: 'A key is expected here', start: at, end: at + 1, severity: 'error' });
            return closingBracket(this.text, open) + 1;
          }
          this.builder.replace('"', at, at).copy(key, at).replace('"', at + key.length, at + key.length);
          at += key.length;
        }
        at = skipSpace(this.text, at);
        if (this.text[at] === '=' || this.text[at] === ':') {
          this.builder.replace(':', at, at + 1);
          at = skipSpace(this.text, at + 1);
        }
      }
      const valueEnd = this.expression(at);
      if (valueEnd === at) {
        // Nothing this reads as a value: the rest of the collection is not read.
        this.problems.push({ message: 'A value is expected here', start: at, end: at + 1, severity: 'error' });
        const end = closingBracket(this.text, open);
        this.builder.replace(close, end, end);
        return end + 1;
      }
      at = skipSpace(this.text, valueEnd);
      if (this.text[at] === ',') at = skipSpace(this.text, at + 1);
    }
    this.builder.copy(close, at);
    return at + 1;
  }

  /** A quoted string: its escapes and interpolations decoded, written as a JSON string. */
  private string(open: number): number {
    const end = stringEnd(this.text, open);
    const pieces: Piece[] = [];
    for (let i = open + 1; i < end - 1;) {
      if (this.text[i] === '\\' && HCL_ESCAPES[this.text[i + 1]] !== undefined) {
        pieces.push({ char: HCL_ESCAPES[this.text[i + 1]], start: i, end: i + 2 });
        i += 2;
      } else if (this.text.startsWith('$${', i)) {
        pieces.push({ char: '$', start: i, end: i + 2 });
        i += 2;
      } else if (this.text[i] === '$' && this.text[i + 1] === '{') {
        const close = closingBracket(this.text, i + 1);
        for (let j = i; j <= close; j++) pieces.push({ char: this.text[j], start: j, end: j + 1 });
        i = close + 1;
      } else {
        pieces.push({ char: this.text[i], start: i, end: i + 1 });
        i++;
      }
    }
    this.builder.copy('"', open);
    this.interpolated(pieces, hclStringEncode, (char) => JSON.stringify(char).slice(1, -1));
    this.builder.copy('"', end - 1);
    return end;
  }

  /** `<<EOF` or `<<-EOF` (its common indentation removed) up to the closing marker. */
  heredoc(at: number): number {
    const header = /^<<(-?)(\w+)[ \t]*\r?\n/.exec(this.text.slice(at));
    if (!header) {
      this.problems.push({ message: 'A heredoc starts <<MARKER on a line of its own', start: at, end: at + 2, severity: 'error' });
      return at + 2;
    }
    const start = at + header[0].length;
    const closer = new RegExp(`^[ \\t]*${header[2]}[ \\t]*$`, 'm').exec(this.text.slice(start));
    const end = closer ? start + closer.index : this.text.length;
    const lines = this.text.slice(start, end).split('\n');
    const indent = header[1] ? Math.min(...lines.filter((line) => line.trim()).map((line) => line.length - line.trimStart().length)) : 0;
    const pieces: Piece[] = [];
    let lineStart = start;
    for (const line of lines) {
      for (let i = Math.min(indent, line.length); i < line.length; i++) pieces.push({ char: line[i], start: lineStart + i, end: lineStart + i + 1 });
      if (lineStart + line.length < end) pieces.push({ char: '\n', start: lineStart + line.length, end: lineStart + line.length + 1 });
      lineStart += line.length + 1;
    }
    const margin = ' '.repeat(indent);
    this.interpolated(pieces, (inserted) => inserted.replace(/\n/g, `\n${margin}`).replace(/\$\{/g, '$${'));
    return closer ? end + closer[0].length : end;
  }

  /** Characters with `${expression}` replaced by its value (written by `write`: JSON-escaped inside a string). */
  interpolated(pieces: Piece[], encode: Encode, write: (text: string) => string = (text) => text): void {
    for (let i = 0; i < pieces.length; i++) {
      if (pieces[i].char === '$' && pieces[i + 1]?.char === '{' && pieces[i].end - pieces[i].start === 1) {
        let close = i + 2;
        while (close < pieces.length && pieces[close].char !== '}') close++;
        if (close < pieces.length) {
          const source = pieces.slice(i + 2, close).map((piece) => piece.char).join('');
          this.replaced(this.evaluate(source), `\${${source}}`, pieces[i].start, pieces[close].end, write);
          i = close;
          continue;
        }
      }
      this.builder.decoded(write(pieces[i].char), pieces[i].start, pieces[i].end, encode);
    }
  }

  private replaced(evaluated: Evaluated, name: string, start: number, end: number, write: (text: string) => string): void {
    if ('problem' in evaluated) {
      this.problems.push({ message: evaluated.problem, start, end, severity: 'warning' });
      this.builder.replace(write(name), start, end);
      return;
    }
    const value = typeof evaluated.value === 'string' ? evaluated.value : JSON.stringify(evaluated.value);
    this.placeholders.push({ name, start, end, value, origin: evaluated.origin });
    this.builder.replace(write(value), start, end);
  }
}
