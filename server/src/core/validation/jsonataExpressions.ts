// JSONata expressions inside `{% %}`: syntax (with the parser's position mapped into the
// string), functions that do not exist in Step Functions, `$states` fields, top-level
// references AWS refuses, and the workflow variables each expression reads.
import { perText } from '../perText';
import { unavailableJsonataFunctions } from '../jsonata/awsFunctions';
import { jsonataLibrary } from '../jsonata/library';
import { jsonataFunctionCatalog } from '../jsonata/functionCatalog';
import { DiagnosticCode } from './codes';
import type { ValidationContext } from './context';
import { isObject, StateInfo } from './definitionIndex';
import { isJsonataExpression } from './schema';
import { closestMatch } from './suggest';
import type { JsonPath } from './types';

/** What an expression may call: JSONata 2.0.6's built-ins (what AWS runs) and AWS's additions, less what AWS removes. */
const KNOWN_FUNCTIONS = new Set(jsonataFunctionCatalog.filter((fn) => fn.available).map((fn) => fn.name.slice(1)));
const STATES_FIELDS = ['input', 'result', 'errorOutput', 'context'];
const STATES_FIELDS_OUTSIDE_CATCH = STATES_FIELDS.filter((field) => field !== 'errorOutput');

/** The `$states` fields an expression may read where it stands in its state (`['Catch', 0, 'Output']`): errorOutput only in a Catch. */
export function statesFieldsAt(pathInState: JsonPath): readonly string[] {
  return pathInState[0] === 'Catch' ? STATES_FIELDS : STATES_FIELDS_OUTSIDE_CATCH;
}
/** Fields that are never JSONata expressions (names, targets, nested machines, retry policy). */
const NOT_EXPRESSIONS = new Set(['Type', 'Comment', 'QueryLanguage', 'Next', 'End', 'Default', 'Resource', 'Branches', 'ItemProcessor', 'Iterator', 'Retry', 'ErrorEquals', 'Label']);
const PREFIX_LENGTH = 2; // "{%"

interface JsonataNode {
  type?: string;
  value?: unknown;
  position?: number;
  procedure?: JsonataNode;
  steps?: JsonataNode[];
  lhs?: JsonataNode;
  arguments?: JsonataNode[];
  [key: string]: unknown;
}

interface Finding {
  kind: 'syntax' | 'function' | 'states' | 'errorOutput' | 'topLevel' | 'read';
  name: string;
  message?: string;
  /** Offsets inside the expression text. */
  start: number;
  length: number;
}


function errorFinding(error: unknown, expression: string): Finding {
  const { position, token, message } = error as { position?: number; token?: unknown; message?: string };
  const tokenLength = typeof token === 'string' && token !== '(end)' ? token.length : 1;
  const end = Math.min(typeof position === 'number' ? position : expression.length, expression.length);
  const start = Math.max(0, end - tokenLength);
  return { kind: 'syntax', name: '', message: message ?? String(error), start, length: Math.max(1, Math.min(tokenLength, expression.length - start)) };
}

/** Where `$name` stands, from the node's position (the end of the token). */
function variableSpan(node: JsonataNode, name: string): { start: number; length: number } {
  const length = name.length + 1;
  return { start: Math.max(0, (node.position ?? length) - length), length };
}

function analyse(expression: string): Finding[] {
  let ast: JsonataNode;
  try {
    ast = jsonataLibrary()(expression).ast() as JsonataNode;
  } catch (error) {
    return [errorFinding(error, expression)];
  }
  const bound = new Set<string>();
  const procedures = new Set<JsonataNode>();
  const variables: JsonataNode[] = [];
  const visit = (node: unknown) => {
    if (Array.isArray(node)) { node.forEach(visit); return; }
    if (!isObject(node)) return;
    const n = node as JsonataNode;
    if (n.type === 'bind' && n.lhs?.type === 'variable') bound.add(String(n.lhs.value));
    if (n.type === 'lambda') for (const argument of n.arguments ?? []) bound.add(String(argument.value));
    if ((n.type === 'function' || n.type === 'partial') && n.procedure?.type === 'variable') procedures.add(n.procedure);
    if (n.type === 'variable') variables.push(n);
    for (const [key, child] of Object.entries(n)) if (key !== 'position' && key !== 'value') visit(child);
  };
  visit(ast);
  const findings: Finding[] = [];
  const topStep = ast.type === 'path' ? ast.steps?.[0] : ast;
  if (topStep?.type === 'name') {
    const name = String(topStep.value);
    findings.push({ kind: 'topLevel', name, start: Math.max(0, (topStep.position ?? name.length) - name.length), length: name.length });
  }
  for (const node of variables) {
    const name = String(node.value);
    if (name === '' || bound.has(name)) continue;
    if (procedures.has(node)) {
      if (!KNOWN_FUNCTIONS.has(name)) findings.push({ kind: 'function', name, ...variableSpan(node, name) });
    } else if (name !== 'states' && !KNOWN_FUNCTIONS.has(name)) {
      findings.push({ kind: 'read', name, ...variableSpan(node, name) });
    }
  }
  checkStatesFields(ast, findings);
  return findings;
}

/** `$states.x` with x not one of the four fields Step Functions defines. */
function checkStatesFields(node: unknown, findings: Finding[]): void {
  if (Array.isArray(node)) { node.forEach((child) => checkStatesFields(child, findings)); return; }
  if (!isObject(node)) return;
  const n = node as JsonataNode;
  if (n.type === 'path' && n.steps && n.steps[0]?.type === 'variable' && n.steps[0].value === 'states' && n.steps[1]?.type === 'name') {
    const field = String(n.steps[1].value);
    const span = { start: Math.max(0, (n.steps[1].position ?? field.length) - field.length), length: field.length };
    if (!STATES_FIELDS.includes(field)) findings.push({ kind: 'states', name: field, ...span });
    else if (field === 'errorOutput') findings.push({ kind: 'errorOutput', name: field, ...span });
  }
  for (const [key, child] of Object.entries(n)) if (key !== 'position' && key !== 'value') checkStatesFields(child, findings);
}

/** Parsing is the cost; the same expression text always gives the same findings. */
const findingsOf = perText(analyse);

/** `statesFields`: what `$states` has where the expression stands (statesFieldsAt). */
function checkExpression(context: ValidationContext, state: StateInfo, text: string, path: JsonPath, statesFields: readonly string[]): void {
  const expression = text.slice(PREFIX_LENGTH, -2);
  for (const finding of findingsOf(expression)) {
    const span = { offset: PREFIX_LENGTH + finding.start, length: finding.length };
    switch (finding.kind) {
      case 'syntax':
        context.error(path, `Invalid JSONata expression: ${finding.message}`, { aws: 'INVALID_JSONATA_EXPRESSION', ...span });
        break;
      case 'function': {
        if (unavailableJsonataFunctions.includes(finding.name)) {
          context.error(path, `The JSONata function $${finding.name} is not supported in Step Functions`, {
            aws: 'UNSUPPORTED_JSONATA_EXPRESSION', ...span, code: DiagnosticCode.unknownFunction, data: { name: finding.name },
          });
          break;
        }
        const suggestion = closestMatch(finding.name, KNOWN_FUNCTIONS);
        context.error(path, `Unknown JSONata function '$${finding.name}'${suggestion ? ` (did you mean '$${suggestion}'?)` : ''}`, {
          aws: 'INVALID_JSONATA_EXPRESSION', ...span, code: DiagnosticCode.unknownFunction, data: { name: finding.name, ...(suggestion ? { suggestion } : {}) },
        });
        break;
      }
      case 'states': {
        const suggestion = closestMatch(finding.name, STATES_FIELDS);
        context.error(path, `'$states.${finding.name}' does not exist: $states has input, result, errorOutput and context${suggestion ? ` (did you mean '${suggestion}'?)` : ''}`, {
          aws: 'INVALID_JSONATA_EXPRESSION', ...span, data: suggestion ? { suggestion } : undefined,
        });
        break;
      }
      case 'errorOutput':
        if (!statesFields.includes(finding.name)) context.error(path, "'$states.errorOutput' is only available in the Output and Assign of a Catch", { aws: 'INVALID_JSONATA_EXPRESSION', ...span });
        break;
      case 'topLevel':
        context.error(path, `Reference to '${finding.name}' at the top level is not supported.`, { aws: 'UNSUPPORTED_JSONATA_EXPRESSION', ...span });
        break;
      case 'read':
        context.variableReads.push({ name: finding.name, state, path, ...span });
        break;
    }
  }
}

/** Whether a value is or contains something to check (paths are built only for those). */
function mayHoldExpression(value: unknown): boolean {
  return typeof value === 'string' ? isJsonataExpression(value) : typeof value === 'object' && value !== null;
}

function visitValue(context: ValidationContext, state: StateInfo, value: unknown, path: JsonPath, statesFields: readonly string[]): void {
  if (typeof value === 'string') {
    if (isJsonataExpression(value)) checkExpression(context, state, value, path, statesFields);
  } else if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (mayHoldExpression(value[i])) visitValue(context, state, value[i], [...path, i], statesFields);
  } else if (isObject(value)) {
    for (const key in value) if (!NOT_EXPRESSIONS.has(key) && mayHoldExpression(value[key])) visitValue(context, state, value[key], [...path, key], statesFields);
  }
}

export function checkJsonata(context: ValidationContext): void {
  for (const state of context.index.states) {
    if (state.queryLanguage !== 'JSONata') continue;
    for (const [key, value] of Object.entries(state.value)) {
      if (!NOT_EXPRESSIONS.has(key)) visitValue(context, state, value, [...state.path, key], statesFieldsAt([key]));
    }
  }
}
