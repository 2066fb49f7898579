// The run-locally requests on the language server's connection.
import type { Connection } from 'vscode-languageserver/node';
import type { AslLanguageService } from '../languageService';
import { ExecutionEventsNotification, RunPlanRequest, StartExecutionRequest, StopExecutionRequest } from '../protocol';
import type { Engine, Launcher } from './launch';
import { ExecutionRunner } from './runner';

export function listenForRuns(connection: Connection, service: AslLanguageService, engine: Engine, launch: Launcher): ExecutionRunner {
  const runner = new ExecutionRunner(engine, service, (params) => void connection.sendNotification(ExecutionEventsNotification, params), launch);
  connection.onRequest(RunPlanRequest, (params) => runner.plan(params));
  connection.onRequest(StartExecutionRequest, (params) => runner.start(params));
  connection.onRequest(StopExecutionRequest, ({ executionArn }) => runner.stop(executionArn));
  return runner;
}
