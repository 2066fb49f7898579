// Code lenses at the top of the document: run or debug the machine locally, preview its graph.
import type { CodeLens } from 'vscode-languageserver-types';
import type { AslDocument } from './aslDocument';

export const RUN_LOCALLY_COMMAND = 'aslWorkbench.runLocally';
export const PREVIEW_GRAPH_COMMAND = 'aslWorkbench.previewGraph';
export const DEBUG_LOCALLY_COMMAND = 'aslWorkbench.debugLocally';

export function findCodeLenses(document: AslDocument): CodeLens[] {
  // Only a non-object root has no machine; a half-written object keeps its lenses so they do not flicker while typing.
  if (document.machinePaths.length === 0) return [];
  const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  const args = [document.textDocument.uri];
  return [
    { range, command: { title: '$(play) Run locally', command: RUN_LOCALLY_COMMAND, arguments: args } },
    { range, command: { title: '$(debug-alt) Debug locally', command: DEBUG_LOCALLY_COMMAND, arguments: args } },
    { range, command: { title: '$(type-hierarchy) Preview graph', command: PREVIEW_GRAPH_COMMAND, arguments: args } },
  ];
}
