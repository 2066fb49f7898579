// Succeed: ends the graph successfully with its (filtered) input.
import { Io } from '../state';
import { StateCompiler } from './common';

export const compileSucceed: StateCompiler = (name, def, scope) => {
  const io = new Io(def, scope.at, scope.language, {});
  return {
    name, type: 'Succeed', language: scope.language, retriers: [], catchers: [], retryable: false,
    async execute(ctx, input) {
      const selected = scope.language === 'JSONata' ? input : io.selectInput(ctx, input);
      const { output } = await io.finish(ctx, input, selected);
      return { output };
    },
  };
};
