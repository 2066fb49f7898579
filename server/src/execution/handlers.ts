// The run-locally requests on the language server's connection.
import type { Connection } from 'vscode-languageserver/node';
import type { AslLanguageService } from '../languageService';
import { buildGraphModel } from '../core/graph/model';
import {
  ChooseMockConfigRequest, CompareRunsRequest, ExecutionEventsNotification, ExecutionGraphRequest, MockEntryRequest, RedriveExecutionRequest, RemoteExecutionHistoryRequest,
  RemoteExecutionsRequest, RunPlanRequest, SendTaskAnswerRequest, StartExecutionRequest, StopExecutionRequest, StoredHistoryRequest, StoredTextsRequest,
} from '../protocol';
import { listRemoteExecutions, remoteExecutionHistory } from './remote/remoteExecutions';
import type { Engine, Launcher } from './launch';
import { readHistoryEvents, readStoredTexts, readWholeHistory } from './historyFiles';
import { compareRuns, describeDifference } from '../core/history/compare';
import { mockEntryEdits } from './mockEntry';
import { chooseMockConfig } from './plan';
import { ExecutionRunner } from './runner';

export function listenForRuns(connection: Connection, service: AslLanguageService, engine: Engine, launch: Launcher): ExecutionRunner {
  const runner = new ExecutionRunner(engine, service, (params) => void connection.sendNotification(ExecutionEventsNotification, params), launch);
  connection.onRequest(RunPlanRequest, (params) => runner.plan(params));
  connection.onRequest(StartExecutionRequest, (params) => runner.start(params));
  connection.onRequest(StopExecutionRequest, ({ executionArn }) => runner.stop(executionArn));
  connection.onRequest(SendTaskAnswerRequest, (params) => runner.answerTask(params));
  connection.onRequest(RedriveExecutionRequest, ({ executionArn, historyFolder }) => runner.redrive(executionArn, historyFolder));
  connection.onRequest(RemoteExecutionsRequest, ({ target, stateMachineName }) => listRemoteExecutions(target, stateMachineName));
  connection.onRequest(RemoteExecutionHistoryRequest, ({ target, executionArn }) => remoteExecutionHistory(target, executionArn));
  connection.onRequest(CompareRunsRequest, async ({ left, right }) => {
    const { difference } = compareRuns(await readWholeHistory(left.folder), await readWholeHistory(right.folder));
    return { state: difference && 'state' in difference ? difference.state : undefined, sentence: describeDifference(difference, left.name, right.name) };
  });
  connection.onRequest(ChooseMockConfigRequest, ({ candidates, stateMachineName }) => chooseMockConfig(candidates, stateMachineName));
  connection.onRequest(MockEntryRequest, ({ text, selection, task }) => mockEntryEdits(text, selection, task));
  connection.onRequest(StoredHistoryRequest, ({ folder }) => readHistoryEvents(folder));
  connection.onRequest(StoredTextsRequest, ({ folder, texts }) => readStoredTexts(folder, texts));
  // Read as the editor reads it (the language id, YAML merge keys and aliases), through the one analysis.
  connection.onRequest(ExecutionGraphRequest, ({ definition }) => {
    const { value, document } = service.analyze(definition);
    return buildGraphModel(value, { structure: document.structure });
  });
  return runner;
}
