// The TextMate grammars of `asl` and `asl-yaml` (syntaxes/), tokenized by the same engine VS Code
// uses (vscode-textmate + the oniguruma WASM build), token by token.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import * as oniguruma from 'vscode-oniguruma';
import { INITIAL, Registry, parseRawGrammar, type IGrammar, type StateStack } from 'vscode-textmate';

const projectRoot = path.resolve(__dirname, '../../../..');
// asl-yaml builds on VS Code's own YAML grammar (source.yaml), which ships with VS Code, not npm:
// the tests read it from the code-server that test/setup.sh installs.
const vscodeYamlSyntaxes = path.join(path.resolve(process.env.VSCODE_TEST_DIR ?? path.join(projectRoot, '.vscode-test')),
  'tools/node_modules/code-server/lib/vscode/extensions/yaml/syntaxes');

/** Grammar files by scope name: the project's and, when installed, VS Code's YAML ones. */
function grammarFiles(): Map<string, string> {
  const files = new Map<string, string>();
  const folders = [path.join(projectRoot, 'syntaxes'), ...(fs.existsSync(vscodeYamlSyntaxes) ? [vscodeYamlSyntaxes] : [])];
  for (const folder of folders) {
    for (const name of fs.readdirSync(folder).filter((file) => file.endsWith('.tmLanguage.json'))) {
      const file = path.join(folder, name);
      files.set(JSON.parse(fs.readFileSync(file, 'utf8')).scopeName, file);
    }
  }
  return files;
}

let registry: Registry;
let grammar: IGrammar;

before(async () => {
  const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const files = grammarFiles();
  registry = new Registry({
    onigLib: Promise.resolve({ createOnigScanner: (patterns) => new oniguruma.OnigScanner(patterns), createOnigString: (text) => new oniguruma.OnigString(text) }),
    loadGrammar: async (scopeName) => {
      const file = files.get(scopeName);
      return file ? parseRawGrammar(fs.readFileSync(file, 'utf8'), file) : null;
    },
    // As package.json's `injectTo` does in VS Code.
    getInjections: (scopeName) => (scopeName === 'source.asl.yaml' ? ['source.asl.yaml.injection'] : undefined),
  });
  const loaded = await registry.loadGrammar('source.asl');
  assert.ok(loaded);
  grammar = loaded;
});

/** The innermost scope of every token of `text`, as [token text, scope] pairs, whitespace left out. */
function tokens(text: string, tokenizer = grammar): [string, string][] {
  let state: StateStack = INITIAL;
  const result: [string, string][] = [];
  for (const line of text.split('\n')) {
    const tokenized = tokenizer.tokenizeLine(line, state);
    for (const token of tokenized.tokens) {
      const value = line.slice(token.startIndex, token.endIndex);
      if (value.trim()) result.push([value, token.scopes[token.scopes.length - 1]]);
    }
    state = tokenized.ruleStack;
  }
  return result;
}

/** The tokens of `value` as the value of a property, without the key and object punctuation. */
function valueTokens(value: string): [string, string][] {
  return tokens(`{"Key": ${value}}`).slice(5, -1);
}

describe('asl grammar', () => {
  test('colours JSON like the JSON grammar does', () => {
    assert.deepEqual(tokens('{"StartAt": "Go", "Seconds": 3, "End": true}'), [
      ['{', 'punctuation.definition.dictionary.begin.json'],
      ['"', 'punctuation.support.type.property-name.begin.json'],
      ['StartAt', 'support.type.property-name.json'],
      ['"', 'punctuation.support.type.property-name.end.json'],
      [':', 'punctuation.separator.dictionary.key-value.json'],
      ['"', 'punctuation.definition.string.begin.json'],
      ['Go', 'string.quoted.double.json'],
      ['"', 'punctuation.definition.string.end.json'],
      [',', 'punctuation.separator.dictionary.pair.json'],
      ['"', 'punctuation.support.type.property-name.begin.json'],
      ['Seconds', 'support.type.property-name.json'],
      ['"', 'punctuation.support.type.property-name.end.json'],
      [':', 'punctuation.separator.dictionary.key-value.json'],
      ['3', 'constant.numeric.json'],
      [',', 'punctuation.separator.dictionary.pair.json'],
      ['"', 'punctuation.support.type.property-name.begin.json'],
      ['End', 'support.type.property-name.json'],
      ['"', 'punctuation.support.type.property-name.end.json'],
      [':', 'punctuation.separator.dictionary.key-value.json'],
      ['true', 'constant.language.json'],
      ['}', 'punctuation.definition.dictionary.end.json'],
    ]);
  });

  test('keeps ordinary strings, escapes included, plain strings', () => {
    assert.deepEqual(valueTokens('"a \\"quoted\\" $ sign"'), [
      ['"', 'punctuation.definition.string.begin.json'],
      ['a ', 'string.quoted.double.json'],
      ['\\"', 'constant.character.escape.json'],
      ['quoted', 'string.quoted.double.json'],
      ['\\"', 'constant.character.escape.json'],
      [' $ sign', 'string.quoted.double.json'],
      ['"', 'punctuation.definition.string.end.json'],
    ]);
  });

  test('highlights a JSONPath from the state input', () => {
    assert.deepEqual(valueTokens('"$.order.items[0].price"'), [
      ['"', 'punctuation.definition.string.begin.json'],
      ['$', 'variable.language.root.asl'],
      ['.', 'punctuation.accessor.jsonpath.asl'],
      ['order', 'variable.other.property.jsonpath.asl'],
      ['.', 'punctuation.accessor.jsonpath.asl'],
      ['items', 'variable.other.property.jsonpath.asl'],
      ['[', 'punctuation.definition.brackets.begin.jsonpath.asl'],
      ['0', 'constant.numeric.jsonpath.asl'],
      [']', 'punctuation.definition.brackets.end.jsonpath.asl'],
      ['.', 'punctuation.accessor.jsonpath.asl'],
      ['price', 'variable.other.property.jsonpath.asl'],
      ['"', 'punctuation.definition.string.end.json'],
    ]);
  });

  test('highlights context object paths and variables', () => {
    assert.deepEqual(valueTokens('"$$.Execution.Id"').slice(1, 3), [
      ['$$', 'variable.language.context.asl'],
      ['.', 'punctuation.accessor.jsonpath.asl'],
    ]);
    assert.deepEqual(valueTokens('"$orderId.total"').slice(1, 4), [
      ['$orderId', 'variable.other.asl'],
      ['.', 'punctuation.accessor.jsonpath.asl'],
      ['total', 'variable.other.property.jsonpath.asl'],
    ]);
    assert.deepEqual(valueTokens('"$"'), [
      ['"', 'punctuation.definition.string.begin.json'],
      ['$', 'variable.language.root.asl'],
      ['"', 'punctuation.definition.string.end.json'],
    ]);
  });

  test('marks the .$ suffix of keys whose value is a path', () => {
    assert.deepEqual(tokens('{"total.$": "$.sum"}').slice(1, 4), [
      ['"', 'punctuation.support.type.property-name.begin.json'],
      ['total', 'support.type.property-name.json'],
      ['.$', 'keyword.operator.path-suffix.asl'],
    ]);
  });

  test('highlights intrinsic function calls and their arguments', () => {
    assert.deepEqual(valueTokens(`"States.Format('Hello, {}!', $.name, 42)"`), [
      ['"', 'punctuation.definition.string.begin.json'],
      ['States.Format', 'support.function.intrinsic.asl'],
      ['(', 'punctuation.definition.arguments.begin.asl'],
      [`'Hello, {}!'`, 'string.quoted.single.intrinsic.asl'],
      [',', 'punctuation.separator.arguments.asl'],
      ['$', 'variable.language.root.asl'],
      ['.', 'punctuation.accessor.jsonpath.asl'],
      ['name', 'variable.other.property.jsonpath.asl'],
      [',', 'punctuation.separator.arguments.asl'],
      ['42', 'constant.numeric.intrinsic.asl'],
      [')', 'punctuation.definition.arguments.end.asl'],
      ['"', 'punctuation.definition.string.end.json'],
    ]);
  });

  test('highlights nested intrinsics', () => {
    const scopes = valueTokens(`"States.ArrayLength(States.StringSplit($.csv, ','))"`);
    assert.deepEqual(scopes.filter(([, scope]) => scope === 'support.function.intrinsic.asl').map(([text]) => text),
      ['States.ArrayLength', 'States.StringSplit']);
  });

  test('highlights a JSONata expression between {% and %}', () => {
    assert.deepEqual(valueTokens(`"{% $sum($states.input.items.price) > 10 and $x = 'a' %}"`), [
      ['"', 'punctuation.definition.string.begin.json'],
      ['{%', 'punctuation.section.embedded.begin.jsonata.asl'],
      ['$sum', 'support.function.jsonata.asl'],
      ['(', 'meta.embedded.expression.jsonata.asl'],
      ['$states', 'variable.language.states.asl'],
      ['.input.items.price) ', 'meta.embedded.expression.jsonata.asl'],
      ['>', 'keyword.operator.jsonata.asl'],
      ['10', 'constant.numeric.jsonata.asl'],
      ['and', 'keyword.operator.logical.jsonata.asl'],
      ['$x', 'variable.other.jsonata.asl'],
      ['=', 'keyword.operator.jsonata.asl'],
      [`'a'`, 'string.quoted.single.jsonata.asl'],
      ['%}', 'punctuation.section.embedded.end.jsonata.asl'],
      ['"', 'punctuation.definition.string.end.json'],
    ]);
  });

  test('highlights escaped double-quoted strings inside JSONata', () => {
    assert.deepEqual(valueTokens(String.raw`"{% \"a\" & $b %}"`).slice(2, 5), [
      [String.raw`\"a\"`, 'string.quoted.double.jsonata.asl'],
      ['&', 'keyword.operator.jsonata.asl'],
      ['$b', 'variable.other.jsonata.asl'],
    ]);
  });

  test('highlights the errors Step Functions raises', () => {
    assert.deepEqual(tokens('{"ErrorEquals": ["States.ALL", "Custom.Error"]}').slice(6, 12), [
      ['"', 'punctuation.definition.string.begin.json'],
      ['States.ALL', 'support.constant.error.asl'],
      ['"', 'punctuation.definition.string.end.json'],
      [',', 'punctuation.separator.array.json'],
      ['"', 'punctuation.definition.string.begin.json'],
      ['Custom.Error', 'string.quoted.double.json'],
    ]);
  });

  test('spans lines: a state machine keeps its structure across line breaks', () => {
    const lines = tokens('{\n  "States": {\n    "A": {\n      "InputPath": "$.a"\n    }\n  }\n}');
    assert.deepEqual(lines.find(([text]) => text === 'InputPath'), ['InputPath', 'support.type.property-name.json']);
    assert.deepEqual(lines.find(([text]) => text === 'a'), ['a', 'variable.other.property.jsonpath.asl']);
    assert.deepEqual(lines.at(-1), ['}', 'punctuation.definition.dictionary.end.json']);
  });
});

// Skipped per test, not per suite: the runner counts and reports skipped tests, not skipped suites.
const yamlGrammarMissing = !fs.existsSync(vscodeYamlSyntaxes) && `needs VS Code's YAML grammar from ${vscodeYamlSyntaxes}: run test/setup.sh`;
const yamlTest = (name: string, body: () => void) => test(name, { skip: yamlGrammarMissing }, body);

describe('asl-yaml grammar', () => {
  let yaml: IGrammar;
  before(async () => {
    if (yamlGrammarMissing) return;
    const loaded = await registry.loadGrammar('source.asl.yaml');
    assert.ok(loaded);
    yaml = loaded;
  });

  yamlTest('keeps YAML keys and plain values YAML', () => {
    const line = tokens('Type: Pass', yaml);
    assert.deepEqual(line.map(([text]) => text), ['Type', ':', 'Pass']);
    assert.match(line[0][1], /entity\.name\.tag\.yaml/);
    assert.match(line[2][1], /string\.unquoted\.plain\.out\.yaml/);
  });

  yamlTest('highlights a JSONPath in a plain scalar', () => {
    assert.deepEqual(tokens('InputPath: $$.Execution.Input', yaml).slice(2), [
      ['$$', 'variable.language.context.asl'],
      ['.', 'punctuation.accessor.jsonpath.asl'],
      ['Execution', 'variable.other.property.jsonpath.asl'],
      ['.', 'punctuation.accessor.jsonpath.asl'],
      ['Input', 'variable.other.property.jsonpath.asl'],
    ]);
  });

  yamlTest('highlights JSONata in a quoted scalar', () => {
    assert.deepEqual(tokens(`Output: '{% $states.input.total %}'`, yaml).slice(2), [
      ["'", 'punctuation.definition.string.begin.yaml'],
      ['{%', 'punctuation.section.embedded.begin.jsonata.asl'],
      ['$states', 'variable.language.states.asl'],
      ['.input.total ', 'meta.embedded.expression.jsonata.asl'],
      ['%}', 'punctuation.section.embedded.end.jsonata.asl'],
      ["'", 'punctuation.definition.string.end.yaml'],
    ]);
  });

  yamlTest('highlights an intrinsic call in a quoted scalar', () => {
    const line = tokens(`greeting.$: "States.Format('Hi {}', $.name)"`, yaml);
    assert.deepEqual(line.filter(([, scope]) => scope.endsWith('.asl')).map(([text, scope]) => [text, scope]), [
      ['States.Format', 'support.function.intrinsic.asl'],
      ['(', 'punctuation.definition.arguments.begin.asl'],
      [`'Hi {}'`, 'string.quoted.single.intrinsic.asl'],
      [',', 'punctuation.separator.arguments.asl'],
      ['$', 'variable.language.root.asl'],
      ['.', 'punctuation.accessor.jsonpath.asl'],
      ['name', 'variable.other.property.jsonpath.asl'],
      [')', 'punctuation.definition.arguments.end.asl'],
    ]);
  });
});
