// Messages between an execution view and the extension host.
import type { ExecutionOutcome, GraphModel, HistoryEvent, RunsCompared, StoredText, WaitingTaskToken } from '../../../../server/src/protocol';

export interface ExecutionViewInit {
  executionArn: string;
  name: string;
  stateMachineName: string;
  /** The definition file, workspace-relative. */
  fileName: string;
  /** The definition as run, and its graph. */
  definition: string;
  graph: GraphModel;
  /** The first events, compact (storedTexts.ts); the rest follow in 'events' messages. */
  events: HistoryEvent[];
  outcome?: ExecutionOutcome;
  /** A hybrid run's Tasks waiting for their task token's answer. */
  taskTokens?: WaitingTaskToken[];
  /** Where it ran, when not here (`AWS (default profile, eu-west-1)`, an endpoint's URL). */
  target?: string;
  /** Why a remote execution was lost from sight before it ended: its status is unknown. */
  lost?: string;
  /** "Compare runs": how this run differs from the one beside it; the state where they part is selected on the graph. */
  comparison?: RunsCompared & { with: string };
}

export type ToExecutionView =
  | { type: 'init'; view: ExecutionViewInit }
  | { type: 'events'; events: HistoryEvent[]; outcome?: ExecutionOutcome; taskTokens?: WaitingTaskToken[]; lost?: string }
  /** The answer to a 'texts' request: the contents in the order asked, or why they could not be read. */
  | { type: 'texts'; request: number; contents?: string[]; error?: string };

export type FromExecutionView =
  | { type: 'ready' }
  | { type: 'stop' }
  /** RedriveExecution of a remote execution that ended unsuccessfully. */
  | { type: 'redrive' }
  | { type: 'runAgain' }
  | { type: 'editAndRun' }
  | { type: 'copy'; text: string }
  /** Send success… / Send failure… / Heartbeat for a waiting task token (the host asks for the output, or the error and cause). */
  | { type: 'answerTask'; taskToken: string; kind: 'success' | 'failure' | 'heartbeat' }
  /** Asks for the contents of texts that events refer to, when an event is opened. */
  | { type: 'texts'; request: number; texts: StoredText[] };
