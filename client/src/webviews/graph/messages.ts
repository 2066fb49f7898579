// Messages between the graph panel (extension host) and its webview. Types only: both sides import them.
import type { DebugStatesEvent, GraphModel } from '../../../../server/src/protocol';

export type ToGraphWebview =
  /** The document's current graph (`uri`: the document, remembered for the serializer). */
  | { type: 'model'; model: GraphModel; version: number; uri: string }
  /** The state under the editor's cursor (undefined: none). */
  | { type: 'highlight'; id: string | undefined }
  /** The states a debugged execution has run, by status (empty: no debugging). */
  | { type: 'status'; status: DebugStatesEvent['states'] };

export type FromGraphWebview =
  /** The webview is listening: send it the model. */
  | { type: 'ready' }
  /** Reveal and select the state's key in the editor. */
  | { type: 'reveal'; id: string }
  /** Save the picture: SVG text, or a PNG data URL. */
  | { type: 'export'; format: 'svg' | 'png'; data: string }
  /** A model was drawn (tests and timings wait for it). */
  | { type: 'rendered'; version: number; nodes: number; edges: number; milliseconds: number };

/** What the webview remembers across reloads (vscode.setState), and the serializer hands back. */
export interface GraphWebviewState {
  uri: string;
  viewport?: { x: number; y: number; scale: number };
  direction?: 'DOWN' | 'RIGHT';
}
