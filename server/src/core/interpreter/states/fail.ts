// Fail: ends the execution (or the enclosing branch) with Error and Cause.
import { CompiledState, jsonataField, StatesError } from '../state';
import { compileDynamicValue, Template } from '../payload';
import { located } from '../state';
import { JsonataValue, unexpectedType } from '../jsonata';
import { StateCompiler } from './common';
import { runtimeError } from '../errors';

type Text = (ctx: Parameters<CompiledState['execute']>[0], input: unknown) => Promise<string | undefined> | string | undefined;

function compileText(def: Record<string, unknown>, at: string, field: 'Error' | 'Cause', language: string): Text {
  const literal = def[field];
  const pathField = `${field}Path`;
  if (language === 'JSONata') {
    if (literal === undefined) return () => undefined;
    const value: JsonataValue = jsonataField(literal, at, field)!;
    return async (ctx) => {
      const result = await value(ctx.jsonataScope());
      if (typeof result !== 'string') throw unexpectedType(literal, field, 'string', result);
      return result;
    };
  }
  if (def[pathField] !== undefined) {
    const text = def[pathField] as string;
    const path: Template = located(`${at}/${pathField}`, () => compileDynamicValue(text, pathField));
    return (ctx, input) => {
      const value = path(ctx.pathScope(input));
      if (typeof value !== 'string') throw runtimeError(`The ${pathField} '${text}' must reference a string value, but was: ${JSON.stringify(value)}`);
      return value;
    };
  }
  const value = literal as string | undefined;
  return () => value;
}

export const compileFail: StateCompiler = (name, def, scope) => {
  const error = compileText(def, scope.at, 'Error', scope.language);
  const cause = compileText(def, scope.at, 'Cause', scope.language);
  return {
    name, type: 'Fail', language: scope.language, retriers: [], catchers: [], retryable: false,
    async execute(ctx, input) {
      throw new StatesError((await error(ctx, input)) as string, await cause(ctx, input));
    },
  };
};
