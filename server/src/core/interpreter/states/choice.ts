// Choice: the first matching rule decides the next state; Default otherwise, or States.NoChoiceMatched.
import { Assigned, Assigner, compileAssign, Finished, Io, jsonataField, located, StateOutcome, StatesError } from '../state';
import { compileValuePath, PathScope, ValuePath } from '../payload';
import { MISSING } from '../jsonpath';
import { JsonataValue, compileJsonataTemplate, unexpectedType } from '../jsonata';
import { runtimeError, statePrefix } from '../errors';
import { compareInstants, parseTimestamp } from '../timestamps';
import { StateCompiler } from './common';
import type { StateContext } from '../engine';

type Condition = (scope: PathScope) => boolean;
type Kind = 'String' | 'Numeric' | 'Boolean' | 'Timestamp';

const COMPARISONS: Record<string, (c: number) => boolean> = {
  Equals: (c) => c === 0,
  LessThan: (c) => c < 0,
  GreaterThan: (c) => c > 0,
  LessThanEquals: (c) => c <= 0,
  GreaterThanEquals: (c) => c >= 0,
};

const IS_TYPE: Record<string, (value: unknown) => boolean> = {
  IsNull: (v) => v === null,
  IsNumeric: (v) => typeof v === 'number',
  IsString: (v) => typeof v === 'string',
  IsBoolean: (v) => typeof v === 'boolean',
  IsTimestamp: (v) => parseTimestamp(v) !== undefined,
};

const OPERATOR = /^(String|Numeric|Boolean|Timestamp)(Equals|LessThan|GreaterThan|LessThanEquals|GreaterThanEquals)(Path)?$/;

/** Compares two values of a kind; undefined when either is not of that kind. */
function compare(kind: Kind, a: unknown, b: unknown): number | undefined {
  switch (kind) {
    case 'String':
      if (typeof a !== 'string' || typeof b !== 'string') return undefined;
      return a < b ? -1 : a > b ? 1 : 0;
    case 'Numeric':
      if (typeof a !== 'number' || typeof b !== 'number') return undefined;
      return a - b;
    case 'Boolean':
      if (typeof a !== 'boolean' || typeof b !== 'boolean') return undefined;
      return a === b ? 0 : 1;
    case 'Timestamp': {
      const x = parseTimestamp(a);
      const y = parseTimestamp(b);
      if (!x || !y) return undefined;
      return compareInstants(x, y);
    }
  }
}

/** StringMatches: `*` matches any run of characters; `\*` and `\\` are literal. */
function wildcard(pattern: string): RegExp {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === '\\' && i + 1 < pattern.length) source += escapeRegex(pattern[++i]);
    else if (ch === '*') source += '[\\s\\S]*';
    else source += escapeRegex(ch);
  }
  return new RegExp(`^${source}$`);
}

function escapeRegex(ch: string): string {
  return ch.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

function readVariable(path: ValuePath, scope: PathScope): unknown {
  return path.select(scope);
}

/** The fields of a choice rule that are not its comparison operator. */
const NOT_OPERATORS = new Set(['Variable', 'Next', 'Comment', 'Assign', 'Output']);

function compileCondition(value: unknown, at: string): Condition {
  const rule = (value as Record<string, unknown>);
  if (Array.isArray(rule.And) || Array.isArray(rule.Or)) {
    const isAnd = Array.isArray(rule.And);
    const list = (isAnd ? rule.And : rule.Or) as unknown[];
    const parts = list.map((r, i) => compileCondition(r, `${at}/${isAnd ? 'And' : 'Or'}/${i}`));
    return isAnd ? (scope) => parts.every((p) => p(scope)) : (scope) => parts.some((p) => p(scope));
  }
  if (rule.Not !== undefined) {
    const inner = compileCondition(rule.Not, `${at}/Not`);
    return (scope) => !inner(scope);
  }
  // The validator has checked the rule: a Variable and exactly one known comparison operator.
  const variableText = rule.Variable as string;
  const variable = located(`${at}/Variable`, () => compileValuePath(variableText));
  const [key, operand] = Object.entries(rule).find(([field]) => !NOT_OPERATORS.has(field))!;
  if (key === 'IsPresent') {
    return (scope) => (readVariable(variable, scope) !== MISSING) === operand;
  }
  if (IS_TYPE[key]) {
    const test = IS_TYPE[key];
    return (scope) => {
      const value = readVariable(variable, scope);
      if (value === MISSING) throw missingVariable(variableText);
      return test(value) === operand;
    };
  }
  if (key === 'StringMatches') {
    const regex = wildcard(operand as string);
    return (scope) => {
      const value = readVariable(variable, scope);
      if (value === MISSING) throw missingVariable(variableText);
      return typeof value === 'string' && regex.test(value);
    };
  }
  const [, kind, comparison, byPath] = OPERATOR.exec(key)!;
  const test = COMPARISONS[comparison];
  const operandPath = byPath ? located(`${at}/${key}`, () => compileValuePath(operand as string)) : undefined;
  return (scope) => {
    const value = readVariable(variable, scope);
    if (value === MISSING) throw missingVariable(variableText);
    let other = operand;
    if (operandPath) {
      other = readVariable(operandPath, scope);
      if (other === MISSING) throw missingVariable(operandPath.text);
    }
    const c = compare(kind as Kind, value, other);
    return c !== undefined && test(c);
  };
}

function missingVariable(path: string): Error {
  return runtimeError(`Invalid path '${path}': The choice state's condition path references an invalid value.`);
}

interface Rule {
  next: string;
  matches(ctx: StateContext, input: unknown): Promise<boolean> | boolean;
  assign?: Assigner;
  output?: JsonataValue;
}

export const compileChoice: StateCompiler = (name, def, scope) => {
  const at = scope.at;
  const io = new Io(def, at, scope.language, {});
  const rules: Rule[] = (def.Choices as unknown[]).map((value, i) => {
    const here = `${at}/Choices/${i}`;
    const rule = (value as Record<string, unknown>);
    const next = rule.Next as string;
    const assign = compileAssign(rule.Assign, here, scope.language, `Choices[${i}]/Assign`);
    if (scope.language === 'JSONata') {
      const conditionText = rule.Condition;
      const condition = jsonataField(conditionText, here, `Choices[${i}]/Condition`)!;
      const output = rule.Output === undefined ? undefined : located(`${here}/Output`, () => compileJsonataTemplate(rule.Output, `Choices[${i}]/Output`));
      const isBoolean = (result: unknown): boolean => {
        if (typeof result !== 'boolean') throw unexpectedType(conditionText, `Choices[${i}]/Condition`, 'boolean', result);
        return result;
      };
      return {
        next, assign, output,
        matches(ctx) {
          const result = condition(ctx.jsonataScope());
          return result instanceof Promise ? result.then(isBoolean) : isBoolean(result);
        },
      };
    }
    const condition = compileCondition(rule, here);
    return { next, assign, matches: (ctx, input) => condition(ctx.pathScope(input)) };
  });
  const defaultNext = (def.Default as string | undefined);

  function noMatch(ctx: StateContext): never {
    throw new StatesError('States.NoChoiceMatched', `${statePrefix(name, ctx.enteredEventId)}No Choice Rules matched and no Default was specified`);
  }

  /** Tells the execution which rule matched (-1: the Default). */
  function taken(ctx: StateContext, index: number): void {
    ctx.runtime.onBranch?.(index < 0 ? { stateName: name, kind: 'Default', index: 0 } : { stateName: name, kind: 'Choices', index });
  }

  /** JSONPath rules and Assign are synchronous: a Choice in a loop costs no promise. */
  function executeJsonPath(ctx: StateContext, input: unknown): StateOutcome {
    const selected = io.selectInput(ctx, input);
    let index = 0;
    while (index < rules.length && !rules[index].matches(ctx, selected)) index++;
    if (index === rules.length) index = -1;
    const rule = index < 0 ? undefined : rules[index];
    if (!rule && defaultNext === undefined) noMatch(ctx);
    taken(ctx, index);
    const outcome = io.finishTo(ctx, input, selected, rule ? rule.next : defaultNext) as StateOutcome;
    const ruleAssigned = rule?.assign ? (rule.assign(ctx, selected, {}) as Assigned) : undefined;
    if (ruleAssigned) outcome.assigned = { ...outcome.assigned, ...ruleAssigned };
    return outcome;
  }

  /** JSONata rules in order, synchronous while their conditions are (JSONata's fast path): a Choice in a loop costs no promise. */
  function executeJsonata(ctx: StateContext, input: unknown, from = 0): Promise<StateOutcome> | StateOutcome {
    for (let index = from; index < rules.length; index++) {
      const matched = rules[index].matches(ctx, input);
      if (matched instanceof Promise) return matched.then((yes) => (yes ? follow(ctx, input, index) : executeJsonata(ctx, input, index + 1)));
      if (matched) return follow(ctx, input, index);
    }
    return follow(ctx, input, -1);
  }

  /** The rule taken (-1: the Default): the state's Output and Assign, then the rule's. */
  function follow(ctx: StateContext, input: unknown, index: number): Promise<StateOutcome> | StateOutcome {
    const rule = index < 0 ? undefined : rules[index];
    if (!rule && defaultNext === undefined) noMatch(ctx);
    taken(ctx, index);
    const finished = io.finish(ctx, input, input);
    if (!(finished instanceof Promise) && !rule?.assign && !rule?.output) return { output: finished.output, next: rule ? rule.next : defaultNext, assigned: finished.assigned };
    return followRule(ctx, input, rule, finished);
  }

  async function followRule(ctx: StateContext, input: unknown, rule: Rule | undefined, finished: Promise<Finished> | Finished): Promise<StateOutcome> {
    const { output, assigned } = await finished;
    if (!rule) return { output, next: defaultNext, assigned };
    const ruleAssigned = rule.assign ? await rule.assign(ctx, input, {}) : undefined;
    const ruleOutput = rule.output ? await rule.output(ctx.jsonataScope()) : output;
    return { output: ruleOutput, next: rule.next, assigned: ruleAssigned || assigned ? { ...assigned, ...ruleAssigned } : undefined };
  }

  return {
    name, type: 'Choice', language: scope.language, retriers: [], catchers: [], retryable: false,
    execute: scope.language === 'JSONata' ? executeJsonata : executeJsonPath,
  };
};
