// Wait: for Seconds/SecondsPath or until Timestamp/TimestampPath, on the execution's clock.
import { Io, jsonataField, located, type StateOutcome } from '../state';
import { compileValuePath } from '../payload';
import { MISSING } from '../jsonpath';
import { queryError, runtimeError } from '../errors';
import { unexpectedType } from '../jsonata';
import { instantToMillis, parseTimestamp } from '../timestamps';
import { compileTransition, StateCompiler } from './common';
import type { StateContext } from '../engine';

/** AWS refuses waits longer than this (about 68 years: 2^31 - 1 seconds). */
const MAX_WAIT_SECONDS = 2 ** 31 - 1;

type Delay = (ctx: StateContext, input: unknown) => Promise<number> | number;

const jsonText = (value: unknown): string => (typeof value === 'string' ? value : JSON.stringify(value));

function untilTimestamp(ctx: StateContext, instant: { seconds: number; nanos: number }): number {
  return withinLimit(instantToMillis(instant) - ctx.runtime.clock.now());
}

/** A delay AWS accepts: at most 2^31 - 1 seconds, whether given in seconds or as a time to wait until. */
function withinLimit(ms: number): number {
  if (ms / 1000 > MAX_WAIT_SECONDS) throw runtimeError('Wait state delay is too long.');
  return ms;
}

function compileDelay(def: Record<string, unknown>, at: string, language: string): Delay {
  // The validator has checked that exactly one is given, and a literal's type.
  const kind = ['Seconds', 'SecondsPath', 'Timestamp', 'TimestampPath'].find((k) => def[k] !== undefined)!;
  if (language === 'JSONata' && (kind === 'Seconds' || kind === 'Timestamp')) {
    const value = jsonataField(def[kind], at, kind)!;
    if (kind === 'Seconds') {
      return async (ctx) => {
        const seconds = await value(ctx.jsonataScope());
        if (typeof seconds !== 'number' || !Number.isInteger(seconds) || seconds < 0) throw unexpectedType(def.Seconds, 'Seconds', 'integer', seconds);
        if (seconds > 99999999) throw queryError('Wait state delay is too long.');
        return seconds * 1000;
      };
    }
    return async (ctx) => {
      const stamp = await value(ctx.jsonataScope());
      const instant = parseTimestamp(stamp);
      if (!instant) throw queryError(`The Timestamp field cannot be parsed as an ISO-8601 extended offset date-time format string: ${jsonText(stamp)}`);
      return untilTimestamp(ctx, instant);
    };
  }
  switch (kind) {
    case 'Seconds': {
      const milliseconds = (def.Seconds as number) * 1000;
      return () => milliseconds;
    }
    case 'Timestamp': {
      const instant = parseTimestamp(def.Timestamp)!;
      return (ctx) => untilTimestamp(ctx, instant);
    }
    case 'SecondsPath': {
      const text = def.SecondsPath as string;
      const path = located(`${at}/SecondsPath`, () => compileValuePath(text));
      return (ctx, input) => {
        const { value } = path.lookup(ctx.pathScope(input));
        if (value === MISSING) throw runtimeError(`The SecondsPath parameter does not reference an input value: ${text}`);
        if (typeof value !== 'number' || !Number.isInteger(value)) {
          throw runtimeError(`The SecondsPath parameter cannot be parsed as a long value: ${text} == ${jsonText(value)}`);
        }
        if (value < 0) throw runtimeError(`The SecondsPath parameter references a negative value: ${text} == ${value}`);
        return withinLimit(value * 1000);
      };
    }
    default: {
      const text = def.TimestampPath as string;
      const path = located(`${at}/TimestampPath`, () => compileValuePath(text));
      return (ctx, input) => {
        const { value } = path.lookup(ctx.pathScope(input));
        if (value === MISSING) throw runtimeError(`The TimestampPath parameter does not reference an input value: ${text}`);
        const instant = parseTimestamp(value);
        if (!instant) {
          throw runtimeError(`The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time format string: ${text} == ${jsonText(value)}`);
        }
        return untilTimestamp(ctx, instant);
      };
    }
  }
}

export const compileWait: StateCompiler = (name, def, scope) => {
  const { next } = compileTransition(def);
  const io = new Io(def, scope.at, scope.language, {});
  const delay = compileDelay(def, scope.at, scope.language);
  return {
    name, type: 'Wait', language: scope.language, retriers: [], catchers: [], retryable: false,
    execute(ctx, input) {
      // The execution's only line of control may run on at once: no sibling branch sees the order of its steps.
      if (scope.language === 'JSONPath' && !ctx.frame.nested) {
        const selected = io.selectInput(ctx, input);
        const waited = ctx.sleep(delay(ctx, selected) as number);
        return waited ? waited.then(() => io.finishTo(ctx, input, selected, next)) : io.finishTo(ctx, input, selected, next);
      }
      return waitAsync(ctx, input);
    },
  };

  async function waitAsync(ctx: StateContext, input: unknown): Promise<StateOutcome> {
    const selected = scope.language === 'JSONata' ? input : io.selectInput(ctx, input);
    const ms = await delay(ctx, selected);
    await ctx.sleep(ms);
    return { ...(await io.finish(ctx, input, selected)), next };
  }
};
