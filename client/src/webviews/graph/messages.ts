// Messages between the graph panel (extension host) and its webview. Types only: both sides import them.
import type { DebugStatesEvent, DesignCompletionItem, DesignCompletionParams, DesignOperation, DesignState, GraphModel, PaletteEntry } from '../../../../server/src/protocol';

export type ToGraphWebview =
  /** The document's current graph (`uri`: the document, remembered for the serializer). */
  | { type: 'model'; model: GraphModel; version: number; uri: string }
  /** The state under the editor's cursor (undefined: none). */
  | { type: 'highlight'; id: string | undefined }
  /** The states a debugged execution has run, by status (empty: no debugging). */
  | { type: 'status'; status: DebugStatesEvent['states'] }
  /** The designer's palette, and the Choice rule operators of its inspector. */
  | { type: 'palette'; entries: PaletteEntry[]; operators: string[] }
  /** What the inspector shows of the state `id` (null: the text has no such state now). */
  | { type: 'designState'; id: string; state: DesignState | null }
  /** The language server's completion for the inspector's request `id`. */
  | { type: 'completion'; id: number; items: DesignCompletionItem[] }
  /** An operation was applied (`select`: the state to select once the new model is drawn) or refused; `message` is announced. */
  | { type: 'designed'; select?: string; message: string; ok: boolean }
  /** A command of the Command Palette for the designer's selection (delete, duplicate, rename...). */
  | { type: 'designCommand'; command: DesignCommand };

/** The designer's operations on its selection that commands and keys run. */
export type DesignCommand = 'delete' | 'duplicate' | 'rename' | 'addBranch' | 'addChoiceRule' | 'addCatcher' | 'addRetrier' | 'palette' | 'inspector';

export type FromGraphWebview =
  /** The webview is listening: send it the model. */
  | { type: 'ready' }
  /** Reveal and select the state's key in the editor. */
  | { type: 'reveal'; id: string }
  /** Save the picture: SVG text, or a PNG data URL. */
  | { type: 'export'; format: 'svg' | 'png'; data: string }
  /** Apply a design operation to the text; `announce` says what it did, for screen readers. */
  | { type: 'design'; operation: DesignOperation; announce: string }
  /** The inspector wants the state at `path` (its id is `id`). */
  | { type: 'inspect'; id: string; path: (string | number)[] }
  /** The inspector asks for the completion in a field (the document's `uri` is the host's). */
  | ({ type: 'complete'; id: number } & Omit<DesignCompletionParams, 'uri'>)
  /** The designer's own undo and redo: the editor's, on the document. */
  | { type: 'undo' | 'redo' }
  /** A model was drawn (tests and timings wait for it). */
  | { type: 'rendered'; version: number; nodes: number; edges: number; milliseconds: number };

/** What the webview remembers across reloads (vscode.setState), and the serializer hands back. */
export interface GraphWebviewState {
  uri: string;
  viewport?: { x: number; y: number; scale: number };
  direction?: 'DOWN' | 'RIGHT';
}
