// Messages between an execution view and the extension host.
import type { GraphModel } from '../../../../server/src/core/graph/model';
import type { HistoryEvent } from '../../../../server/src/core/interpreter/api';
import type { ExecutionOutcome } from '../../../../server/src/protocol';

export interface ExecutionViewInit {
  executionArn: string;
  name: string;
  stateMachineName: string;
  /** The definition file, workspace-relative. */
  fileName: string;
  /** The definition as run, and its graph. */
  definition: string;
  graph: GraphModel;
  events: HistoryEvent[];
  outcome?: ExecutionOutcome;
}

export type ToExecutionView =
  | { type: 'init'; view: ExecutionViewInit }
  | { type: 'events'; events: HistoryEvent[]; outcome?: ExecutionOutcome };

export type FromExecutionView =
  | { type: 'ready' }
  | { type: 'stop' }
  | { type: 'runAgain' }
  | { type: 'editAndRun' }
  | { type: 'copy'; text: string };
