// The local endpoint's executions, read through its own Step Functions API (ListStateMachines,
// ListExecutions, GetExecutionHistory), as any client of it would: the executions list shows them
// next to the editor's own runs, and the execution view opens them.
import * as vscode from 'vscode';
import type { ExecutionOutcome, ExecutionStatus, HistoryEvent, SourceText } from '../../../server/src/protocol';
import type { ExecutionRecord } from '../runs/store';

/** How often the list asks the endpoint for its executions while it runs. */
const REFRESH_MS = 2000;
/** The most executions listed per state machine (ListExecutions' largest page). */
const LISTED_PER_MACHINE = 1000;

type ApiExecution = { executionArn: string; stateMachineArn: string; name: string; status: ExecutionStatus; startDate: number; stopDate?: number };

/** An execution of the endpoint as the list shows it: a record of the store's shape, by reference to the endpoint. */
export type EndpointExecution = ExecutionRecord;

/** What the execution view shows of one: the definition it ran, its whole history and its outcome. */
export interface EndpointHistory {
  definition: SourceText;
  events: HistoryEvent[];
  outcome?: ExecutionOutcome;
}

export class EndpointError extends Error {}

export class EndpointExecutions implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private current?: string;
  private listed: EndpointExecution[] = [];
  private listedText = '[]';
  private timer?: NodeJS.Timeout;
  private refreshing?: Promise<void>;

  /** The endpoint's URL while it runs. */
  get url(): string | undefined {
    return this.current;
  }

  /** Newest first, as ListExecutions answers them, across the endpoint's Standard state machines. */
  executions(): readonly EndpointExecution[] {
    return this.listed;
  }

  /** Follows the endpoint started at `url`, or forgets it (undefined: it stopped). */
  follow(url: string | undefined): void {
    this.current = url;
    clearInterval(this.timer);
    this.timer = undefined;
    this.listed = [];
    this.listedText = '[]';
    this.changed.fire();
    if (url === undefined) return;
    void this.refresh();
    this.timer = setInterval(() => void this.refresh(), REFRESH_MS);
  }

  /** Lists the executions again; the list changes only when they did. */
  refresh(): Promise<void> {
    this.refreshing ??= this.list().then((executions) => {
      const text = JSON.stringify(executions);
      if (text === this.listedText) return;
      this.listed = executions;
      this.listedText = text;
      this.changed.fire();
    }, () => undefined).finally(() => { this.refreshing = undefined; });
    return this.refreshing;
  }

  private async list(): Promise<EndpointExecution[]> {
    const url = this.current;
    if (!url) return [];
    const machines = await this.all<{ stateMachineArn: string; name: string; type: string }>('ListStateMachines', {}, 'stateMachines');
    const executions: EndpointExecution[] = [];
    for (const machine of machines.filter((candidate) => candidate.type === 'STANDARD')) {
      const page = await this.call<{ executions: ApiExecution[] }>('ListExecutions', { stateMachineArn: machine.stateMachineArn, maxResults: LISTED_PER_MACHINE });
      executions.push(...page.executions.map((execution) => this.record(url, machine.name, execution)));
    }
    return executions.sort((a, b) => b.startDate.localeCompare(a.startDate));
  }

  private record(url: string, stateMachineName: string, execution: ApiExecution): EndpointExecution {
    return {
      executionArn: execution.executionArn, name: execution.name, stateMachineName, machineUri: machineUriOf(url, stateMachineName), status: execution.status,
      startDate: isoDate(execution.startDate), ...(execution.stopDate !== undefined ? { stopDate: isoDate(execution.stopDate) } : {}), folder: '',
    };
  }

  /** The definition an execution ran and its whole history, read from the endpoint. */
  async history(executionArn: string): Promise<{ record: EndpointExecution; history: EndpointHistory }> {
    const url = this.current;
    if (!url) throw new EndpointError('The local endpoint is not running: start it (ASL: Start Local Endpoint) to open its executions.');
    const [described, machine, events] = await Promise.all([
      this.call<ApiExecution & { input: string; output?: string; error?: string; cause?: string }>('DescribeExecution', { executionArn }),
      this.call<{ name: string; definition: string }>('DescribeStateMachineForExecution', { executionArn }),
      this.all<HistoryEvent & { timestamp: number }>('GetExecutionHistory', { executionArn, includeExecutionData: true }, 'events'),
    ]);
    const record = this.record(url, machine.name, described);
    const outcome: ExecutionOutcome | undefined = described.status === 'RUNNING' ? undefined : {
      executionArn, name: described.name, status: described.status, startDate: record.startDate, stopDate: record.stopDate ?? record.startDate,
      input: parseJson(described.input),
      ...(described.output !== undefined ? { output: parseJson(described.output) } : {}),
      ...(described.error !== undefined ? { error: described.error } : {}), ...(described.cause !== undefined ? { cause: described.cause } : {}),
    };
    return {
      record,
      history: {
        definition: { uri: record.machineUri, text: machine.definition },
        events: events.map((event) => ({ ...event, timestamp: isoDate(event.timestamp) })),
        outcome,
      },
    };
  }

  /** Starts an execution of the same state machine with the same input ("Run again"); its ARN. */
  async startAgain(executionArn: string): Promise<string> {
    const described = await this.call<ApiExecution & { input: string }>('DescribeExecution', { executionArn });
    const started = await this.call<{ executionArn: string }>('StartExecution', { stateMachineArn: described.stateMachineArn, input: described.input });
    void this.refresh();
    return started.executionArn;
  }

  async stop(executionArn: string): Promise<void> {
    await this.call('StopExecution', { executionArn });
    void this.refresh();
  }

  /** Every page of a paginated action's `member`. */
  private async all<T>(action: string, body: Record<string, unknown>, member: string): Promise<T[]> {
    const items: T[] = [];
    let nextToken: string | undefined;
    do {
      const page = await this.call<Record<string, unknown>>(action, { ...body, ...(nextToken ? { nextToken } : {}) });
      items.push(...(page[member] as T[]));
      nextToken = page.nextToken as string | undefined;
    } while (nextToken);
    return items;
  }

  /** One action of the AWS JSON 1.0 protocol; the endpoint's error as AWS words it. */
  private async call<T>(action: string, body: Record<string, unknown>): Promise<T> {
    if (!this.current) throw new EndpointError('The local endpoint is not running.');
    const response = await fetch(this.current, {
      method: 'POST', body: JSON.stringify(body),
      headers: { 'Content-Type': 'application/x-amz-json-1.0', 'X-Amz-Target': `AWSStepFunctions.${action}` },
    });
    const answer = await response.json() as T & { __type?: string; message?: string };
    if (!response.ok) throw new EndpointError(`${action}: ${answer.__type ?? response.status}: ${answer.message ?? ''}`);
    return answer;
  }

  dispose(): void {
    clearInterval(this.timer);
    this.changed.dispose();
  }
}

/** Where the list groups an endpoint execution: its state machine, named on the endpoint. */
export function machineUriOf(url: string, stateMachineName: string): string {
  return vscode.Uri.from({ scheme: 'stepfunctions-local', authority: new URL(url).host, path: `/${stateMachineName}` }).toString();
}

function isoDate(epochSeconds: number): string {
  return new Date(epochSeconds * 1000).toISOString();
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
