// The embedded interpreter as the runner uses it.
import { compileStateMachine, DefinitionError } from '../core/interpreter';
import { localHandlerResolver } from '../core/interpreter/tasks/localHandlers';
import { mockConfigResolver, type MockConfigFile } from '../core/interpreter/tasks/mockConfig';
import type { JsonPath } from '../languageService/aslDocument';
import type { Engine } from './runner';

/** "/States/A~1B/Next" -> ['States', 'A/B', 'Next'] (array indexes as numbers). */
export function pointerToPath(pointer: string): JsonPath {
  if (!pointer) return [];
  return pointer.slice(1).split('/').map((segment) => {
    const key = segment.replace(/~1/g, '/').replace(/~0/g, '~');
    return /^\d+$/.test(key) ? Number(key) : key;
  });
}

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
