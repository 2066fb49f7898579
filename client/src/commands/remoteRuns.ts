// Runs on remote targets in the views: an execution listed from a target opened in the execution
// view, and "Compare runs": two ended executions of one state machine (a local run and one on AWS
// or an endpoint, or any two) in execution views side by side, each saying how the runs differ and
// selecting on its graph the first state where they part. The server compares the stored histories
// (server/src/core/history/compare.ts).
import * as vscode from 'vscode';
import { CompareRunsRequest, executionStatusLabels, formatTimestamp, targetLabel } from '../../../server/src/protocol';
import type { WorkbenchContext } from '../context';
import type { ExecutionRecord } from '../runs/store';
import { OPEN_REMOTE_EXECUTION, type ExecutionsNode } from '../runs/tree';
import { ExecutionPanel } from '../webviews/executionView/panel';
import type { CommandTable } from './index';
import { runLocally, viewActions } from './runLocally';

export const REMOTE_RUN_COMMANDS: CommandTable = {
  'aslWorkbench.compareRuns': compareRuns,
  [OPEN_REMOTE_EXECUTION]: openRemoteExecution,
};

/** Opens an execution listed from a remote target, its history as it stands now; its buttons open the start form. */
async function openRemoteExecution(context: WorkbenchContext, node: Extract<ExecutionsNode, { kind: 'remoteExecution' }>): Promise<void> {
  const { record, target } = node;
  const read = await context.runs.remoteHistory(target, record.executionArn);
  if ('error' in read) throw new Error(read.error);
  const startForm = () => void runLocally(context, vscode.Uri.parse(record.machineUri));
  await ExecutionPanel.show(context.runs, record, { runAgain: startForm, editAndRun: startForm },
    { definition: { uri: record.machineUri, text: read.definition }, events: read.events, outcome: read.outcome });
}

/** Compares the execution of the list's node (or one picked) with another of its state machine, picked. */
async function compareRuns(context: WorkbenchContext, node?: ExecutionsNode): Promise<void> {
  const ended = context.runs.store.records().filter((record) => record.status !== 'RUNNING');
  const first = node?.kind === 'execution' ? node.record : await pick(ended, 'Compare runs: the first execution');
  if (!first) return;
  const others = ended.filter((record) => record.stateMachineName === first.stateMachineName && record.executionArn !== first.executionArn);
  if (!others.length) {
    void vscode.window.showInformationMessage(`No other ended execution of ${first.stateMachineName} to compare ${first.name} with: run it again here or on another target first.`);
    return;
  }
  const second = await pick(others, `Compare ${first.name} (${whereRan(first)}) with`);
  if (!second) return;
  // Named by where they ran; by their names when both ran in the same place.
  const [leftName, rightName] = whereRan(first) === whereRan(second) ? [first.name, second.name] : [whereRan(first), whereRan(second)];
  const compared = await context.client.sendRequest(CompareRunsRequest, {
    left: { folder: context.runs.store.pathOf(first.folder), name: leftName },
    right: { folder: context.runs.store.pathOf(second.folder), name: rightName },
  });
  const actions = viewActions(context);
  await ExecutionPanel.show(context.runs, first, actions, undefined, { comparison: { ...compared, with: `${second.name} (${whereRan(second)})` }, column: vscode.ViewColumn.One });
  await ExecutionPanel.show(context.runs, second, actions, undefined, { comparison: { ...compared, with: `${first.name} (${whereRan(first)})` }, column: vscode.ViewColumn.Two });
}

function whereRan(record: ExecutionRecord): string {
  return record.target ? targetLabel(record.target) : 'local';
}

async function pick(records: readonly ExecutionRecord[], title: string): Promise<ExecutionRecord | undefined> {
  const picked = await vscode.window.showQuickPick(records.map((record) => ({
    label: record.name,
    description: `${record.stateMachineName} · ${whereRan(record)}`,
    detail: `${executionStatusLabels[record.status]} · ${formatTimestamp(record.startDate)}`,
    record,
  })), { title, matchOnDescription: true, placeHolder: records.length ? 'An ended execution' : 'No ended executions yet' });
  return picked?.record;
}
