// The yaml package's functions, loaded on first call: a JSON definition's run never reads YAML (a template
// is scanned only when its text may hold a state machine), and its 70 modules were a tenth of a run's start-up.
import type * as Yaml from 'yaml';

let loaded: typeof Yaml | undefined;

function yaml(): typeof Yaml {
  loaded ??= require('yaml') as typeof Yaml;
  return loaded;
}

export const parseDocument = ((...args: Parameters<typeof Yaml.parseDocument>) => yaml().parseDocument(...args)) as typeof Yaml.parseDocument;
export const stringify = ((...args: Parameters<typeof Yaml.stringify>) => yaml().stringify(...args)) as typeof Yaml.stringify;
export const visit = ((...args: Parameters<typeof Yaml.visit>) => yaml().visit(...args)) as typeof Yaml.visit;

export function isMap(node: unknown): node is Yaml.YAMLMap {
  return yaml().isMap(node);
}

export function isSeq(node: unknown): node is Yaml.YAMLSeq {
  return yaml().isSeq(node);
}

export function isScalar(node: unknown): node is Yaml.Scalar {
  return yaml().isScalar(node);
}

export function isAlias(node: unknown): node is Yaml.Alias {
  return yaml().isAlias(node);
}
