// The executions list: one node per state machine file, its executions under it, newest first;
// then, while the local endpoint runs, a node with the endpoint's executions.
import * as vscode from 'vscode';
import { executionStatusLabels, formatDuration, formatTimestamp, type ExecutionStatus } from '../../../server/src/protocol';
import { displayPath } from './runInputs';
import type { ExecutionRecord, ExecutionStore } from './store';
import type { EndpointExecution, EndpointExecutions } from '../localEndpoint/endpointExecutions';

export type ExecutionsNode =
  | { kind: 'machine'; machineUri: string; records: ExecutionRecord[] }
  | { kind: 'execution'; record: ExecutionRecord }
  | { kind: 'endpoint'; url: string }
  | { kind: 'endpointExecution'; record: EndpointExecution };

/** The command that opens an execution of the local endpoint in the execution view. */
export const OPEN_ENDPOINT_EXECUTION = 'aslWorkbench.openEndpointExecution';

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

  constructor(private readonly store: ExecutionStore, private readonly endpoint: EndpointExecutions) {
    store.onDidChange(() => this.changed.fire());
    endpoint.onDidChange(() => this.changed.fire());
  }

  getChildren(node?: ExecutionsNode): ExecutionsNode[] {
    if (node?.kind === 'execution' || node?.kind === 'endpointExecution') return [];
    if (node?.kind === 'endpoint') return this.endpoint.executions().map((record) => ({ kind: 'endpointExecution', record }));
    const records = this.store.records();
    if (node) return records.filter((record) => record.machineUri === node.machineUri).map((record) => ({ kind: 'execution', record }));
    const machines = new Map<string, ExecutionRecord[]>();
    for (const record of records) machines.set(record.machineUri, [...(machines.get(record.machineUri) ?? []), record]);
    const nodes: ExecutionsNode[] = [...machines].map(([machineUri, machineRecords]) => ({ kind: 'machine', machineUri, records: machineRecords }));
    if (this.endpoint.url) nodes.push({ kind: 'endpoint', url: this.endpoint.url });
    return nodes;
  }

  getTreeItem(node: ExecutionsNode): vscode.TreeItem {
    if (node.kind === 'endpoint') {
      const count = this.endpoint.executions().length;
      const item = new vscode.TreeItem('Local endpoint', vscode.TreeItemCollapsibleState.Expanded);
      item.id = `endpoint:${node.url}`;
      item.iconPath = new vscode.ThemeIcon('radio-tower');
      item.description = `${node.url} · ${count} execution${count === 1 ? '' : 's'}`;
      item.tooltip = `The executions of the Step Functions API on ${node.url} (ASL: Start Local Endpoint)`;
      item.contextValue = 'aslWorkbench.endpoint';
      return item;
    }
    if (node.kind === 'endpointExecution') {
      const item = executionItem(node.record);
      item.id = `endpoint:${node.record.executionArn}`;
      item.description = `${node.record.stateMachineName} · ${item.description}`;
      item.contextValue = 'aslWorkbench.endpointExecution';
      item.command = { command: OPEN_ENDPOINT_EXECUTION, title: 'Open Execution', arguments: [node.record.executionArn] };
      return item;
    }
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
    const item = executionItem(node.record);
    item.contextValue = 'aslWorkbench.execution';
    item.command = { command: 'aslWorkbench.openExecution', title: 'Open Execution', arguments: [node] };
    return item;
  }
}

/** An execution's item: its name, status icon, start and duration. */
function executionItem(record: ExecutionRecord): vscode.TreeItem {
  const item = new vscode.TreeItem(record.name, vscode.TreeItemCollapsibleState.None);
  item.id = record.executionArn;
  const duration = record.stopDate ? formatDuration(Date.parse(record.stopDate) - Date.parse(record.startDate)) : undefined;
  const status = executionStatusLabels[record.status];
  item.description = [record.target, status, formatTimestamp(record.startDate), duration].filter(Boolean).join(' · ');
  item.tooltip = new vscode.MarkdownString([
    `**${record.name}**: ${status}`,
    ...(record.target ? [`Ran on: ${record.target}`] : []),
    `Start: ${formatTimestamp(record.startDate)}`,
    `End: ${formatTimestamp(record.stopDate)}`,
    `Duration: ${duration ?? '-'}`,
  ].join('\n\n'));
  const [icon, colour] = STATUS_ICONS[record.status];
  item.iconPath = new vscode.ThemeIcon(icon, colour ? new vscode.ThemeColor(colour) : undefined);
  return item;
}
