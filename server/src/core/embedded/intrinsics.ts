// CloudFormation's intrinsic functions evaluated to plausible local values: Ref and Fn::GetAtt of the
// template's resources and parameters (a Lambda function is its ARN in the local account), Fn::Sub,
// Fn::Join, Fn::Select, Fn::Split, Fn::FindInMap, Fn::If (its first branch), Fn::GetAZs, Fn::Base64.
// What cannot be known locally (Fn::ImportValue, a parameter without a default...) is a problem
// naming it, unless the workspace's values file gives it.
import type { Node as YamlNode, Pair, YAMLMap } from 'yaml';
import { isMap, isScalar, isSeq } from '../yaml';
import { localAttribute, localRef, PSEUDO_PARAMETERS, type LocalResource } from './localValues';

export type Evaluated = { value: unknown; origin: string } | { problem: string };

export interface TemplateContext {
  readonly text: string;
  readonly resources: Map<string, LocalResource>;
  /** Parameters with their Default, when they have one. */
  readonly parameters: Map<string, { default?: unknown }>;
  readonly mappings: Record<string, unknown>;
  /** The workspace's values file: a name there wins over anything the template says. */
  readonly values: Record<string, string>;
}

/** The short forms (`!Ref x`) and long forms (`{"Ref": "x"}`) of an intrinsic function call. */
const SHORT_FORMS: Record<string, string> = {
  '!Ref': 'Ref', '!Condition': 'Condition', '!Sub': 'Fn::Sub', '!GetAtt': 'Fn::GetAtt', '!Join': 'Fn::Join', '!If': 'Fn::If', '!Select': 'Fn::Select',
  '!Split': 'Fn::Split', '!FindInMap': 'Fn::FindInMap', '!GetAZs': 'Fn::GetAZs', '!Base64': 'Fn::Base64', '!ImportValue': 'Fn::ImportValue',
  '!Cidr': 'Fn::Cidr', '!Equals': 'Fn::Equals', '!And': 'Fn::And', '!Or': 'Fn::Or', '!Not': 'Fn::Not', '!Transform': 'Fn::Transform',
  '!ToJsonString': 'Fn::ToJsonString', '!Length': 'Fn::Length',
};

export interface Intrinsic {
  name: string;
  argument: YamlNode | null;
  /** The call's template span, from its tag or its `{` on. */
  start: number;
  end: number;
}

export function intrinsicOf(text: string, node: YamlNode | null | undefined): Intrinsic | undefined {
  if (!node) return undefined;
  const [start, valueEnd] = node.range ?? [0, 0];
  // A block mapping's range takes the line break after it: the call ends at its last character.
  const end = start + text.slice(start, valueEnd).trimEnd().length;
  if (node.tag && SHORT_FORMS[node.tag]) {
    return { name: SHORT_FORMS[node.tag], argument: node, start: Math.max(0, text.lastIndexOf(node.tag, start)), end };
  }
  if (isMap(node) && node.items.length === 1) {
    const key = keyOf(node.items[0]);
    if (key === 'Ref' || key === 'Condition' || key?.startsWith('Fn::')) return { name: key, argument: node.items[0].value as YamlNode | null, start, end };
  }
  return undefined;
}

export function keyOf(pair: Pair): string | undefined {
  return isScalar(pair.key) ? String(pair.key.value) : undefined;
}

/** The value node of `key` in a mapping. */
export function member(node: YamlNode | null | undefined, key: string): YamlNode | undefined {
  if (!isMap(node)) return undefined;
  const pair = (node as YAMLMap).items.find((item) => keyOf(item) === key);
  return (pair?.value ?? undefined) as YamlNode | undefined;
}

/** A node's plain value, intrinsic calls evaluated. */
export function evaluate(context: TemplateContext, node: YamlNode | null | undefined): Evaluated {
  if (!node) return { value: '', origin: 'empty' };
  const call = intrinsicOf(context.text, node);
  if (call) return evaluateCall(context, call);
  if (isScalar(node)) return { value: node.value, origin: 'literal' };
  if (isSeq(node)) {
    const values: unknown[] = [];
    for (const item of node.items) {
      const evaluated = evaluate(context, item as YamlNode);
      if ('problem' in evaluated) return evaluated;
      values.push(evaluated.value);
    }
    return { value: values, origin: 'literal' };
  }
  if (isMap(node)) {
    const value: Record<string, unknown> = {};
    for (const pair of node.items) {
      const evaluated = evaluate(context, pair.value as YamlNode);
      if ('problem' in evaluated) return evaluated;
      value[keyOf(pair) ?? ''] = evaluated.value;
    }
    return { value, origin: 'literal' };
  }
  return { value: null, origin: 'literal' };
}

/** `Ref name`: a values-file entry, a pseudo parameter, a parameter's Default, a resource's local name or ARN. */
export function evaluateRef(context: TemplateContext, name: string): Evaluated {
  if (name in context.values) return { value: context.values[name], origin: `${name} in the workspace's values file` };
  if (name in PSEUDO_PARAMETERS) return { value: PSEUDO_PARAMETERS[name], origin: `${name}, the local ${name.slice(5).toLowerCase()}` };
  const parameter = context.parameters.get(name);
  if (parameter) {
    if (parameter.default !== undefined) return { value: parameter.default, origin: `the Default of parameter ${name}` };
    return { problem: `Parameter ${name} has no Default: give its value in the workspace's values file` };
  }
  const resource = context.resources.get(name);
  if (resource) return { value: localRef(resource), origin: `Ref ${name} (${resource.type}), in the local account` };
  return { problem: `${name} is neither a parameter nor a resource of the template` };
}

export function evaluateGetAtt(context: TemplateContext, logicalId: string, attribute: string): Evaluated {
  const key = `${logicalId}.${attribute}`;
  if (key in context.values) return { value: context.values[key], origin: `${key} in the workspace's values file` };
  const resource = context.resources.get(logicalId);
  if (!resource) return { problem: `Fn::GetAtt ${key}: ${logicalId} is not a resource of the template` };
  return { value: localAttribute(resource, attribute), origin: `Fn::GetAtt ${key} (${resource.type}), in the local account` };
}

/** Fn::Sub's `${Name}` and `${Resource.Attribute}`: its own variables first. */
export function evaluateSubVariable(context: TemplateContext, name: string, variables: YamlNode | undefined): Evaluated {
  const own = member(variables, name);
  if (own) {
    const evaluated = evaluate(context, own);
    return 'problem' in evaluated ? evaluated : { value: evaluated.value, origin: `the Fn::Sub variable ${name} (${evaluated.origin})` };
  }
  const dot = name.indexOf('.');
  if (dot > 0 && !name.startsWith('AWS::')) return evaluateGetAtt(context, name.slice(0, dot), name.slice(dot + 1));
  const ref = evaluateRef(context, name);
  return 'problem' in ref && !context.resources.has(name) && !context.parameters.has(name)
    ? { problem: `Fn::Sub: unknown variable \${${name}}: not a Fn::Sub variable, parameter or resource of the template` }
    : ref;
}

const SUB_VARIABLE = /\$\{([^}]*)\}/g;

function evaluateCall(context: TemplateContext, call: Intrinsic): Evaluated {
  const argument = call.argument;
  const items = isSeq(argument) ? (argument.items as YamlNode[]) : undefined;
  const string = isScalar(argument) ? String(argument.value) : undefined;
  const evaluatedItem = (index: number) => evaluate(context, items?.[index]);
  switch (call.name) {
    case 'Ref':
      return string === undefined ? { problem: 'Ref takes a name' } : evaluateRef(context, string);
    case 'Fn::GetAtt': {
      const parts = string !== undefined ? [string.slice(0, string.indexOf('.')), string.slice(string.indexOf('.') + 1)]
        : items?.map((item) => (isScalar(item) ? String(item.value) : ''));
      return parts && parts.length === 2 && parts[0] ? evaluateGetAtt(context, parts[0], parts[1]) : { problem: 'Fn::GetAtt takes a resource and an attribute' };
    }
    case 'Fn::Sub': {
      const source = string ?? (isScalar(items?.[0]) ? String((items![0] as { value: unknown }).value) : undefined);
      if (source === undefined) return { problem: 'Fn::Sub takes a string, or a string and a map of variables' };
      let problem: string | undefined;
      const value = source.replace(SUB_VARIABLE, (whole, name: string) => {
        if (name.startsWith('!')) return `\${${name.slice(1)}}`;
        const evaluated = evaluateSubVariable(context, name.trim(), items?.[1]);
        if ('problem' in evaluated) problem ??= evaluated.problem;
        return 'problem' in evaluated ? whole : String(evaluated.value);
      });
      return problem ? { problem } : { value, origin: 'Fn::Sub' };
    }
    case 'Fn::Join': {
      const delimiter = evaluatedItem(0);
      const list = evaluatedItem(1);
      if ('problem' in delimiter) return delimiter;
      if ('problem' in list) return list;
      return Array.isArray(list.value) ? { value: list.value.map(String).join(String(delimiter.value ?? '')), origin: 'Fn::Join' } : { problem: 'Fn::Join takes a delimiter and a list' };
    }
    case 'Fn::Select': {
      const index = evaluatedItem(0);
      const list = evaluatedItem(1);
      if ('problem' in index) return index;
      if ('problem' in list) return list;
      return Array.isArray(list.value) && Number(index.value) < list.value.length ? { value: list.value[Number(index.value)], origin: 'Fn::Select' } : { problem: 'Fn::Select: the index is out of the list' };
    }
    case 'Fn::Split': {
      const delimiter = evaluatedItem(0);
      const source = evaluatedItem(1);
      if ('problem' in delimiter) return delimiter;
      if ('problem' in source) return source;
      return { value: String(source.value).split(String(delimiter.value)), origin: 'Fn::Split' };
    }
    case 'Fn::FindInMap': {
      const keys = [0, 1, 2].map(evaluatedItem);
      const problem = keys.find((key) => 'problem' in key);
      if (problem) return problem;
      const path = keys.map((key) => String((key as { value: unknown }).value));
      let value: unknown = context.mappings;
      for (const key of path) value = value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
      return value === undefined ? { problem: `Fn::FindInMap: Mappings has no ${path.join('.')}` } : { value, origin: `Mappings ${path.join('.')}` };
    }
    case 'Fn::If': {
      const branch = evaluatedItem(1);
      const condition = isScalar(items?.[0]) ? String((items![0] as { value: unknown }).value) : '?';
      return 'problem' in branch ? branch : { value: branch.value, origin: `Fn::If ${condition}, taken as true` };
    }
    case 'Fn::GetAZs':
      return { value: ['a', 'b', 'c'].map((zone) => `us-east-1${zone}`), origin: 'the local region\'s zones' };
    case 'Fn::Base64': {
      const source = evaluate(context, argument);
      return 'problem' in source ? source : { value: btoa(String.fromCharCode(...new TextEncoder().encode(String(source.value)))), origin: 'Fn::Base64' };
    }
    default:
      return { problem: `${call.name} cannot be evaluated locally: give the value in the workspace's values file` };
  }
}
