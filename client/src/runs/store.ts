// The executions list, kept across reloads: a small index in workspace state (what the tree
// shows: names, statuses, dates, where the files are) and one folder per execution under the
// extension's storage, named by a random id so that no two executions share one, with what
// started it, its history as the server wrote it (server/src/execution/historyFiles.ts) and its
// outcome. The index survives corruption; the folders stay within a disk budget, the oldest
// executions going first, and the user is told whenever a finished run is dropped.
import { randomUUID } from 'node:crypto';
import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import type { ExecutionOutcome, ExecutionStatus, HistoryEvent, RemoteTarget, StartExecutionParams, StoredText } from '../../../server/src/protocol';

export const MAX_EXECUTIONS_PER_MACHINE = 100;
const INDEX_KEY = 'aslWorkbench.executionIndex';
/** Where earlier versions kept whole requests in the index, and whole histories in `<arn>.json` files beside the folders. */
const LEGACY_INDEX_KEY = 'aslWorkbench.executions';
const LEGACY_HISTORY_FILE = /^[A-Za-z0-9_-]+\.json$/;
const REQUEST_FILE = 'request.json';
const OUTCOME_FILE = 'outcome.json';
const LOST_WITH_WINDOW = 'The window closed while this execution was followed on its target: its status there is unknown.';
const STATUSES = new Set<ExecutionStatus>(['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED']);
/** What `create` names folders: only such names are ever deleted, whatever the index says. */
const FOLDER_NAME = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export interface ExecutionRecord {
  executionArn: string;
  name: string;
  stateMachineName: string;
  /** The definition's document. */
  machineUri: string;
  status: ExecutionStatus;
  startDate: string;
  stopDate?: string;
  /** Its folder in the store. */
  folder: string;
  /** The bytes its files take on disk, once it has ended. */
  bytes?: number;
  /** Why its stored history is incomplete, when it is. */
  historyError?: string;
  /** Where it ran, when not here (AWS, an endpoint). */
  target?: RemoteTarget;
  /** Why a remote execution was lost from sight before it ended: its status there is unknown (it stays RUNNING here). */
  lost?: string;
}

/** What started an execution, for "Run again", "Edit and run" and the view's definition. */
export type StoredRequest = Omit<StartExecutionParams, 'name' | 'historyFolder'>;

export interface StoredHistory {
  events: HistoryEvent[];
  outcome?: ExecutionOutcome;
}

/** Where the index lives: VS Code's workspace state. */
export interface IndexStorage {
  get(key: string): unknown;
  update(key: string, value: unknown): Thenable<void>;
}

export interface StoreOptions {
  /** The disk the executions' folders may take, in bytes. */
  budgetBytes(): number;
  /** Tells the user what the store did on its own: a run dropped, an index it could not read. */
  tell(message: string): void;
  /** Whether the folder is this window's alone, so that folders no record names may be deleted. */
  exclusive: boolean;
  /** Reads the history files of a folder: the server wrote them, and knows their format (server/src/execution/historyFiles.ts). */
  history: HistoryReader;
}

export interface HistoryReader {
  events(folder: string): Thenable<HistoryEvent[]>;
  texts(folder: string, texts: readonly StoredText[]): Thenable<string[]>;
}

export class ExecutionStore {
  private readonly listeners = new Set<() => void>();
  private index: readonly ExecutionRecord[];
  /** Cleared at start: folders of runs that never got a record (a window closed while starting). */
  readonly ready: Promise<void>;

  constructor(private readonly state: IndexStorage, readonly root: string, private readonly options: StoreOptions) {
    const { records, repaired } = this.readIndex();
    // Executions that were running when the window closed will never finish.
    const interrupted = records.some((record) => record.status === 'RUNNING' && !record.lost);
    // A local run ended with its window; a remote one may still run on its target.
    this.index = records.map((record) => record.status !== 'RUNNING' || record.lost ? record
      : record.target ? { ...record, lost: LOST_WITH_WINDOW } : { ...record, status: 'ABORTED' });
    this.ready = Promise.all([(interrupted || repaired) && this.save(), options.exclusive && this.deleteStrayFolders(), this.deleteLegacy()]).then(() => undefined);
  }

  onDidChange(listener: () => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** Newest first. */
  records(): readonly ExecutionRecord[] {
    return this.index;
  }

  get(executionArn: string): ExecutionRecord | undefined {
    return this.index.find((record) => record.executionArn === executionArn);
  }

  /** A new folder holding what starts an execution; its name is what the record's `folder` will be. */
  async create(request: StoredRequest): Promise<string> {
    const folder = randomUUID();
    await mkdir(this.pathOf(folder), { recursive: true });
    await this.writeRequest(folder, request);
    return folder;
  }

  /** Stores what starts an execution again, in a folder of the store (one `create` made, or the server wrote). */
  async writeRequest(folder: string, request: StoredRequest): Promise<void> {
    await writeFile(path.join(this.pathOf(folder), REQUEST_FILE), JSON.stringify(request));
  }

  /** The path of a folder of the store. */
  pathOf(folder: string): string {
    return path.join(this.root, folder);
  }

  /** Removes a folder `create` made for a start that was refused. */
  async discard(folder: string): Promise<void> {
    await this.deleteFolder(folder);
  }

  /** Adds a started execution, dropping the oldest of its machine beyond MAX_EXECUTIONS_PER_MACHINE. */
  async add(record: ExecutionRecord): Promise<void> {
    const perMachine = new Map<string, number>();
    const dropped = [record, ...this.index].filter((existing) => {
      const count = (perMachine.get(existing.machineUri) ?? 0) + 1;
      perMachine.set(existing.machineUri, count);
      return count > MAX_EXECUTIONS_PER_MACHINE;
    });
    this.index = [record, ...this.index.filter((existing) => !dropped.includes(existing))];
    await this.save();
    await this.drop(dropped, `(${MAX_EXECUTIONS_PER_MACHINE} are kept per state machine)`);
  }

  /**
   * Records how an execution ended: its status first, so that the list tells it whatever happens
   * to the files, then its outcome and size, then keeps the store within its budget.
   */
  async finish(executionArn: string, outcome: ExecutionOutcome, historyError?: string): Promise<void> {
    let record = this.get(executionArn);
    if (!record) return;
    record = { ...record, status: outcome.status, startDate: outcome.startDate, stopDate: outcome.stopDate };
    await this.replace(record);
    const folder = this.pathOf(record.folder);
    let problem = historyError;
    try {
      await writeFile(path.join(folder, OUTCOME_FILE), JSON.stringify(outcome));
    } catch (error) {
      problem ??= error instanceof Error ? error.message : String(error);
    }
    await this.replace({ ...record, bytes: await folderBytes(folder), historyError: problem });
    if (problem) this.options.tell(`The history of execution ${record.name} could not be saved in full: ${problem}`);
    await this.keepWithinBudget(executionArn);
  }

  /** Marks an ended execution running again (a redrive): its history goes on in its folder. */
  async reopen(executionArn: string): Promise<void> {
    const record = this.get(executionArn);
    if (!record) return;
    const { stopDate: _, lost: __, ...running } = record;
    await this.replace({ ...running, status: 'RUNNING' });
  }

  /** Records that a remote execution was lost from sight, and why: not an end. */
  async markLost(executionArn: string, why: string): Promise<void> {
    const record = this.get(executionArn);
    if (record) await this.replace({ ...record, lost: why });
  }

  async loadRequest(record: ExecutionRecord): Promise<StoredRequest> {
    return JSON.parse(await readFile(path.join(this.pathOf(record.folder), REQUEST_FILE), 'utf8')) as StoredRequest;
  }

  /**
   * The stored history: its compact events and its outcome; when the outcome was not saved (the
   * window closed during the run), what the record tells of the end, without input or output.
   */
  async loadHistory(record: ExecutionRecord): Promise<StoredHistory> {
    const folder = this.pathOf(record.folder);
    const [events, outcome] = await Promise.all([
      Promise.resolve(this.options.history.events(folder)).catch(() => []),
      readFile(path.join(folder, OUTCOME_FILE), 'utf8').then((text) => JSON.parse(text) as ExecutionOutcome, () => undefined),
    ]);
    const { executionArn, name, status, startDate, stopDate = startDate } = record;
    return { events, outcome: outcome ?? (status === 'RUNNING' ? undefined : { executionArn, name, status, startDate, stopDate, input: undefined }) };
  }

  /** The contents of texts an execution's compact events refer to. */
  readTexts(record: ExecutionRecord, texts: readonly StoredText[]): Promise<string[]> {
    return Promise.resolve(this.options.history.texts(this.pathOf(record.folder), texts));
  }

  async delete(executionArns: readonly string[]): Promise<void> {
    const doomed = new Set(executionArns);
    const deleted = this.index.filter((record) => doomed.has(record.executionArn));
    this.index = this.index.filter((record) => !doomed.has(record.executionArn));
    await this.save();
    await Promise.all(deleted.map((record) => this.deleteFolder(record.folder)));
  }

  /** Drops the oldest ended executions, the given one never, while their folders take more than the budget. */
  private async keepWithinBudget(keep: string): Promise<void> {
    const budget = this.options.budgetBytes();
    let total = this.index.reduce((sum, record) => sum + (record.bytes ?? 0), 0);
    const dropped: ExecutionRecord[] = [];
    for (const record of [...this.index].reverse()) {
      if (total <= budget) break;
      if (record.executionArn === keep || record.status === 'RUNNING') continue;
      dropped.push(record);
      total -= record.bytes ?? 0;
    }
    if (!dropped.length) return;
    this.index = this.index.filter((record) => !dropped.includes(record));
    await this.save();
    await this.drop(dropped, `to keep the stored executions under ${formatMegabytes(budget)} (setting aslWorkbench.executionsDiskBudgetMB)`);
  }

  private async drop(records: readonly ExecutionRecord[], why: string): Promise<void> {
    if (!records.length) return;
    await Promise.all(records.map((record) => this.deleteFolder(record.folder)));
    const bytes = records.reduce((sum, record) => sum + (record.bytes ?? 0), 0);
    this.options.tell(`Deleted the ${records.length === 1 ? 'oldest execution' : `${records.length} oldest executions`} (${records.map((record) => record.name).join(', ')}; ${formatMegabytes(bytes)}) ${why}.`);
  }

  private async replace(record: ExecutionRecord): Promise<void> {
    this.index = this.index.map((existing) => existing.executionArn === record.executionArn ? record : existing);
    await this.save();
  }

  private async save(): Promise<void> {
    await this.state.update(INDEX_KEY, this.index);
    for (const listener of this.listeners) listener();
  }

  /** The index as stored, less what is not a record: a corrupt index must not keep the extension from starting. */
  private readIndex(): { records: ExecutionRecord[]; repaired: boolean } {
    const stored = this.state.get(INDEX_KEY);
    if (stored === undefined) return { records: [], repaired: false };
    if (!Array.isArray(stored)) {
      this.options.tell('The list of local executions could not be read and was started anew.');
      return { records: [], repaired: true };
    }
    const records = stored.filter(isRecord);
    const unreadable = stored.length - records.length;
    if (unreadable) this.options.tell(`${unreadable} entr${unreadable === 1 ? 'y' : 'ies'} of the list of local executions could not be read and ${unreadable === 1 ? 'was' : 'were'} dropped.`);
    return { records, repaired: unreadable > 0 };
  }

  /** The list of an earlier version is dropped, with its files, which could take gigabytes. */
  private async deleteLegacy(): Promise<void> {
    const legacy = this.state.get(LEGACY_INDEX_KEY);
    if (legacy === undefined) return;
    await this.state.update(LEGACY_INDEX_KEY, undefined);
    const names = await readdir(this.root).catch(() => []);
    await Promise.all(names.filter((name) => LEGACY_HISTORY_FILE.test(name)).map((name) => rm(path.join(this.root, name), { force: true }).catch(() => undefined)));
    const count = Array.isArray(legacy) ? legacy.length : 0;
    if (count) this.options.tell(`${count} local execution${count === 1 ? '' : 's'} stored by an earlier version of ASL Workbench ${count === 1 ? 'was' : 'were'} deleted: histories are now stored another way.`);
  }

  private async deleteStrayFolders(): Promise<void> {
    const known = new Set(this.index.map((record) => record.folder));
    const names = await readdir(this.root).catch(() => []);
    await Promise.all(names.filter((name) => !known.has(name)).map((name) => this.deleteFolder(name)));
  }

  private async deleteFolder(folder: string): Promise<void> {
    if (FOLDER_NAME.test(folder)) await rm(this.pathOf(folder), { recursive: true, force: true }).catch(() => undefined);
  }
}

function isRecord(value: unknown): value is ExecutionRecord {
  const record = value as ExecutionRecord;
  return typeof value === 'object' && value !== null
    && [record.executionArn, record.name, record.stateMachineName, record.machineUri, record.startDate].every((field) => typeof field === 'string')
    && STATUSES.has(record.status) && typeof record.folder === 'string' && FOLDER_NAME.test(record.folder);
}

async function folderBytes(folder: string): Promise<number> {
  const names = await readdir(folder).catch(() => []);
  const sizes = await Promise.all(names.map((name) => stat(path.join(folder, name)).then((stats) => stats.size, () => 0)));
  return sizes.reduce((sum, size) => sum + size, 0);
}

function formatMegabytes(bytes: number): string {
  return `${(bytes / 1048576).toFixed(bytes < 10 * 1048576 ? 1 : 0)} MB`;
}
