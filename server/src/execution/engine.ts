// The embedded interpreter as the runner uses it.
import { compileStateMachine, DefinitionError } from '../core/interpreter';
import { localHandlerResolver } from '../core/interpreter/tasks/localHandlers';
import { mockConfigResolver, type MockConfigFile } from '../core/interpreter/tasks/mockConfig';
import { pointerToPath } from '../core/jsonPointer';
import type { Engine } from './runner';

export const interpreter: Engine = {
  compile(definition) {
    try {
      return { machine: compileStateMachine(definition) };
    } catch (error) {
      if (error instanceof DefinitionError) return { errors: [{ message: error.detail, path: pointerToPath(error.path) }] };
      throw error;
    }
  },
  mockResolver: (mockConfig, { stateMachine, testCase }) => mockConfigResolver(mockConfig as MockConfigFile, stateMachine, testCase),
  // Module paths arrive absolute (the client resolves them against the workspace).
  handlerResolver: (handlers) => localHandlerResolver(handlers, '/'),
};
