// The executions list: one node per state machine file, its executions under it, newest first.
import * as vscode from 'vscode';
import { executionStatusLabels, formatDuration, formatTimestamp, type ExecutionStatus } from '../../../server/src/protocol';
import { displayPath } from './runInputs';
import type { ExecutionRecord, ExecutionStore } from './store';

export type ExecutionsNode = { kind: 'machine'; machineUri: string; records: ExecutionRecord[] } | { kind: 'execution'; record: ExecutionRecord };

const STATUS_ICONS: Record<ExecutionStatus, [string, string | undefined]> = {
  RUNNING: ['sync~spin', 'charts.blue'],
  SUCCEEDED: ['pass', 'testing.iconPassed'],
  FAILED: ['error', 'testing.iconFailed'],
  TIMED_OUT: ['watch', 'testing.iconFailed'],
  ABORTED: ['circle-slash', 'disabledForeground'],
};

export class ExecutionsTree implements vscode.TreeDataProvider<ExecutionsNode> {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;

  constructor(private readonly store: ExecutionStore) {
    store.onDidChange(() => this.changed.fire());
  }

  getChildren(node?: ExecutionsNode): ExecutionsNode[] {
    if (node?.kind === 'execution') return [];
    const records = this.store.records();
    if (node) return records.filter((record) => record.machineUri === node.machineUri).map((record) => ({ kind: 'execution', record }));
    const machines = new Map<string, ExecutionRecord[]>();
    for (const record of records) machines.set(record.machineUri, [...(machines.get(record.machineUri) ?? []), record]);
    return [...machines].map(([machineUri, machineRecords]) => ({ kind: 'machine', machineUri, records: machineRecords }));
  }

  getTreeItem(node: ExecutionsNode): vscode.TreeItem {
    if (node.kind === 'machine') {
      const uri = vscode.Uri.parse(node.machineUri);
      const item = new vscode.TreeItem(displayPath(uri).split('/').pop() ?? node.machineUri, vscode.TreeItemCollapsibleState.Expanded);
      item.id = `machine:${node.machineUri}`;
      item.resourceUri = uri;
      item.description = `${node.records.length} execution${node.records.length === 1 ? '' : 's'}`;
      item.tooltip = displayPath(uri);
      item.contextValue = 'aslWorkbench.machine';
      return item;
    }
    const { record } = node;
    const item = new vscode.TreeItem(record.name, vscode.TreeItemCollapsibleState.None);
    item.id = record.executionArn;
    const duration = record.stopDate ? formatDuration(Date.parse(record.stopDate) - Date.parse(record.startDate)) : undefined;
    const status = executionStatusLabels[record.status];
    item.description = [status, formatTimestamp(record.startDate), duration].filter(Boolean).join(' · ');
    item.tooltip = new vscode.MarkdownString([
      `**${record.name}**: ${status}`,
      `Start: ${formatTimestamp(record.startDate)}`,
      `End: ${formatTimestamp(record.stopDate)}`,
      `Duration: ${duration ?? '-'}`,
    ].join('\n\n'));
    const [icon, colour] = STATUS_ICONS[record.status];
    item.iconPath = new vscode.ThemeIcon(icon, colour ? new vscode.ThemeColor(colour) : undefined);
    item.contextValue = 'aslWorkbench.execution';
    item.command = { command: 'aslWorkbench.openExecution', title: 'Open Execution', arguments: [node] };
    return item;
  }
}
