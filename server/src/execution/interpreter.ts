// The embedded interpreter as the runner and the execution process use it.
import { localHandlerResolver } from '../core/interpreter/tasks/localHandlers';
import { mockConfigResolver, type MockConfigFile } from '../core/interpreter/tasks/mockConfig';
import { compileDefinition } from '../core/interpreter';
import type { Engine } from './runner';
import { awsResolver } from './aws/awsResolver';
import { s3ObjectStore } from './aws/s3Objects';

export const interpreter: Engine = {
  compile: compileDefinition,
  mockResolver: (mockConfig, { stateMachine, testCase }) => mockConfigResolver(mockConfig as MockConfigFile, stateMachine, testCase),
  // Module paths arrive absolute (the client resolves them against the workspace).
  handlerResolver: (handlers) => localHandlerResolver(handlers, '/'),
  awsResolver,
  s3Objects: s3ObjectStore,
};
