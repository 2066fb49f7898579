// The executions list, kept in workspace storage across reloads: a small index in workspace
// state (what the tree shows) and one file per execution with its history (what a view shows).
// The last 100 executions of each state machine are kept.
import * as vscode from 'vscode';
import type { ExecutionStatus, HistoryEvent } from '../../../server/src/core/interpreter/api';
import type { ExecutionOutcome, StartExecutionParams } from '../../../server/src/protocol';

export const MAX_EXECUTIONS_PER_MACHINE = 100;
const INDEX_KEY = 'aslWorkbench.executions';

export interface ExecutionRecord {
  executionArn: string;
  name: string;
  stateMachineName: string;
  /** The definition's document. */
  machineUri: string;
  status: ExecutionStatus;
  startDate: string;
  stopDate?: string;
  /** What started it, for "Run again" and "Edit and run". */
  request: Omit<StartExecutionParams, 'name'>;
}

export interface StoredHistory {
  events: HistoryEvent[];
  outcome?: ExecutionOutcome;
}

export class ExecutionStore {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly state: vscode.Memento, private readonly folder: vscode.Uri | undefined) {
    // Executions that were running when the window closed will never finish.
    const interrupted = this.records().filter((record) => record.status === 'RUNNING');
    if (interrupted.length) void this.write(this.records().map((record) => record.status === 'RUNNING' ? { ...record, status: 'ABORTED' } : record));
  }

  records(): ExecutionRecord[] {
    return this.state.get<ExecutionRecord[]>(INDEX_KEY, []);
  }

  get(executionArn: string): ExecutionRecord | undefined {
    return this.records().find((record) => record.executionArn === executionArn);
  }

  /** Adds or updates a record, dropping the oldest of its machine beyond the limit. */
  async put(record: ExecutionRecord): Promise<void> {
    const records = [record, ...this.records().filter((existing) => existing.executionArn !== record.executionArn)];
    const kept: ExecutionRecord[] = [];
    const dropped: ExecutionRecord[] = [];
    const perMachine = new Map<string, number>();
    for (const existing of records) {
      const count = (perMachine.get(existing.machineUri) ?? 0) + 1;
      perMachine.set(existing.machineUri, count);
      (count <= MAX_EXECUTIONS_PER_MACHINE ? kept : dropped).push(existing);
    }
    await this.write(kept);
    await Promise.all(dropped.map((old) => this.deleteHistory(old.executionArn)));
  }

  async saveHistory(executionArn: string, history: StoredHistory): Promise<void> {
    if (!this.folder) return;
    await vscode.workspace.fs.createDirectory(this.folder);
    await vscode.workspace.fs.writeFile(this.historyUri(executionArn)!, Buffer.from(JSON.stringify(history)));
  }

  async loadHistory(executionArn: string): Promise<StoredHistory | undefined> {
    const uri = this.historyUri(executionArn);
    if (!uri) return undefined;
    try {
      return JSON.parse(Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8')) as StoredHistory;
    } catch {
      return undefined;
    }
  }

  async delete(executionArns: string[]): Promise<void> {
    const doomed = new Set(executionArns);
    await this.write(this.records().filter((record) => !doomed.has(record.executionArn)));
    await Promise.all(executionArns.map((arn) => this.deleteHistory(arn)));
  }

  private async deleteHistory(executionArn: string): Promise<void> {
    const uri = this.historyUri(executionArn);
    if (uri) await Promise.resolve(vscode.workspace.fs.delete(uri)).catch(() => undefined);
  }

  private historyUri(executionArn: string): vscode.Uri | undefined {
    return this.folder && vscode.Uri.joinPath(this.folder, `${executionArn.replace(/[^A-Za-z0-9_-]/g, '_')}.json`);
  }

  private async write(records: ExecutionRecord[]): Promise<void> {
    await this.state.update(INDEX_KEY, records);
    this.changed.fire();
  }
}
