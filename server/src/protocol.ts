// The custom LSP protocol between the client and the language server, typed once.
// Both ends import this file; nothing here may import `vscode` or server internals
// that pull in Node-only modules.
import { RequestType } from 'vscode-languageserver-protocol';
import type { GraphModel } from './core/graph/model';

/** Settings the client passes to the server at initialization and on change. */
export interface WorkbenchSettings {
  validation: { enable: boolean };
}

/** Asks the server which language server version answers (used by the activation test). */
export const ServerInfoRequest = new RequestType<void, { name: string; version: string }, void>('aslWorkbench/serverInfo');

/** The graph of an open document, with each state's location and diagnostics; null when the document is not open. */
export const GraphModelRequest = new RequestType<{ uri: string }, { version: number; model: GraphModel } | null, void>('aslWorkbench/graphModel');
