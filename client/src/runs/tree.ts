// The executions list: one node per state machine file, its executions under it, newest first;
// then, while the local endpoint runs, a node with the endpoint's executions.
import * as vscode from 'vscode';
import {
  executionStatusLabels, formatDuration, formatTimestamp, targetLabel, type ExecutionStatus, type RemoteExecutionList, type RemoteTarget,
} from '../../../server/src/protocol';
import { displayPath } from './runInputs';
import type { ExecutionRecord, ExecutionStore } from './store';
import type { EndpointExecution, EndpointExecutions } from '../localEndpoint/endpointExecutions';

export type ExecutionsNode =
  | { kind: 'machine'; machineUri: string; records: ExecutionRecord[] }
  | { kind: 'execution'; record: ExecutionRecord }
  | { kind: 'endpoint'; url: string }
  | { kind: 'endpointExecution'; record: EndpointExecution }
  /** A machine's executions on a target it ran on from here, however they were started there. */
  | { kind: 'remote'; machineUri: string; stateMachineName: string; target: RemoteTarget }
  | { kind: 'remoteExecution'; record: ExecutionRecord; target: RemoteTarget }
  | { kind: 'remoteProblem'; message: string };

/** The command that opens an execution listed from a remote target in the execution view. */
export const OPEN_REMOTE_EXECUTION = 'aslWorkbench.openRemoteExecution';

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

  /** The executions last listed under each remote node, by its id. */
  private readonly remoteListed = new Map<string, { nodes: ExecutionsNode[]; text: string; listing?: Promise<void> }>();

  constructor(
    private readonly store: ExecutionStore,
    private readonly endpoint: EndpointExecutions,
    /** Lists a machine's executions on a target (through the language server); without it, no remote nodes. */
    private readonly listRemote?: (target: RemoteTarget, stateMachineName: string) => Thenable<RemoteExecutionList>,
  ) {
    store.onDidChange(() => this.changed.fire());
    endpoint.onDidChange(() => this.changed.fire());
  }

  getChildren(node?: ExecutionsNode): ExecutionsNode[] {
    if (node?.kind === 'execution' || node?.kind === 'endpointExecution' || node?.kind === 'remoteExecution' || node?.kind === 'remoteProblem') return [];
    if (node?.kind === 'endpoint') return this.endpoint.executions().map((record) => ({ kind: 'endpointExecution', record }));
    if (node?.kind === 'remote') return this.remoteChildren(node);
    const records = this.store.records();
    if (node) {
      const own = records.filter((record) => record.machineUri === node.machineUri);
      // One node per target the machine ran on from here, listing all its executions there.
      const targets = new Map(this.listRemote ? own.filter((record) => record.target).map((record) => [JSON.stringify(record.target), record]) : []);
      return [
        ...own.map((record): ExecutionsNode => ({ kind: 'execution', record })),
        ...[...targets.values()].map((record): ExecutionsNode => ({ kind: 'remote', machineUri: node.machineUri, stateMachineName: record.stateMachineName, target: record.target! })),
      ];
    }
    const machines = new Map<string, ExecutionRecord[]>();
    for (const record of records) machines.set(record.machineUri, [...(machines.get(record.machineUri) ?? []), record]);
    const nodes: ExecutionsNode[] = [...machines].map(([machineUri, machineRecords]) => ({ kind: 'machine', machineUri, records: machineRecords }));
    if (this.endpoint.url) nodes.push({ kind: 'endpoint', url: this.endpoint.url });
    return nodes;
  }

  /**
   * The target's executions of the machine as last listed, asked again each time the node is shown
   * (expanded, or the list refreshed); the list changes when the answer does.
   */
  private remoteChildren(node: Extract<ExecutionsNode, { kind: 'remote' }>): ExecutionsNode[] {
    const id = remoteNodeId(node);
    const listed = this.remoteListed.get(id) ?? { nodes: [{ kind: 'remoteProblem', message: 'Listing…' } as ExecutionsNode], text: '' };
    this.remoteListed.set(id, listed);
    listed.listing ??= Promise.resolve(this.listRemote!(node.target, node.stateMachineName)).catch((error: Error) => ({ error: error.message })).then((answer) => {
      const nodes: ExecutionsNode[] = 'error' in answer ? [{ kind: 'remoteProblem', message: answer.error }] : answer.executions.map((execution) => ({
        kind: 'remoteExecution', target: node.target,
        record: { ...execution, stateMachineName: node.stateMachineName, machineUri: node.machineUri, folder: '', target: node.target },
      }));
      const text = JSON.stringify(nodes);
      listed.listing = undefined;
      if (text === listed.text) return;
      Object.assign(listed, { nodes, text });
      this.changed.fire();
    });
    return listed.nodes;
  }

  getTreeItem(node: ExecutionsNode): vscode.TreeItem {
    if (node.kind === 'remote') {
      const item = new vscode.TreeItem(`On ${targetLabel(node.target)}`, vscode.TreeItemCollapsibleState.Collapsed);
      item.id = remoteNodeId(node);
      item.iconPath = new vscode.ThemeIcon('cloud');
      item.tooltip = `The executions of ${node.stateMachineName} on ${targetLabel(node.target)}, however they were started (the newest 100)`;
      item.contextValue = 'aslWorkbench.remote';
      return item;
    }
    if (node.kind === 'remoteProblem') {
      const item = new vscode.TreeItem(node.message, vscode.TreeItemCollapsibleState.None);
      item.iconPath = new vscode.ThemeIcon('warning');
      item.tooltip = node.message;
      return item;
    }
    if (node.kind === 'remoteExecution') {
      const item = executionItem(node.record);
      item.id = `remote:${node.record.executionArn}`;
      item.contextValue = 'aslWorkbench.remoteExecution';
      item.command = { command: OPEN_REMOTE_EXECUTION, title: 'Open Execution', arguments: [node] };
      return item;
    }
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

function remoteNodeId(node: { machineUri: string; target: RemoteTarget }): string {
  return `remote:${node.machineUri}:${JSON.stringify(node.target)}`;
}

/** An execution's item: its name, status icon, start and duration. */
function executionItem(record: ExecutionRecord): vscode.TreeItem {
  const item = new vscode.TreeItem(record.name, vscode.TreeItemCollapsibleState.None);
  item.id = record.executionArn;
  const duration = record.stopDate ? formatDuration(Date.parse(record.stopDate) - Date.parse(record.startDate)) : undefined;
  const status = executionStatusLabels[record.status];
  const target = record.target && targetLabel(record.target);
  item.description = [target, status, formatTimestamp(record.startDate), duration].filter(Boolean).join(' · ');
  item.tooltip = new vscode.MarkdownString([
    `**${record.name}**: ${status}`,
    ...(target ? [`Ran on: ${target}`] : []),
    `Start: ${formatTimestamp(record.startDate)}`,
    `End: ${formatTimestamp(record.stopDate)}`,
    `Duration: ${duration ?? '-'}`,
  ].join('\n\n'));
  const [icon, colour] = record.lost ? ['question', 'disabledForeground'] : STATUS_ICONS[record.status];
  item.iconPath = new vscode.ThemeIcon(icon, colour ? new vscode.ThemeColor(colour) : undefined);
  if (record.lost) {
    item.description = [target, 'Status unknown', formatTimestamp(record.startDate)].filter(Boolean).join(' · ');
    item.tooltip = new vscode.MarkdownString(`**${record.name}**: status unknown\n\n${record.lost}`);
  }
  return item;
}
