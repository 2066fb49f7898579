// Pass: passes its input (or its Result, never evaluated) to its output.
import { Io } from '../state';
import { compileTransition, StateCompiler } from './common';

export const compilePass: StateCompiler = (name, def, scope) => {
  const { next } = compileTransition(def);
  const io = new Io(def, scope.at, scope.language, { parameters: 'Parameters', resultPath: true });
  const hasResult = Object.prototype.hasOwnProperty.call(def, 'Result');
  const result = def.Result;
  return {
    name, type: 'Pass', language: scope.language, retriers: [], catchers: [], retryable: false,
    execute(ctx, input) {
      let raw: unknown;
      if (scope.language === 'JSONata') raw = input;
      else if (hasResult) {
        io.selectInput(ctx, input);
        raw = result;
      } else raw = io.effectiveInput(ctx, input);
      return io.finishTo(ctx, input, raw, next);
    },
  };
};
