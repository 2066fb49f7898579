// "ASL: Preview Graph": opens the document's graph beside the editor (palette, editor title, code lens).
import * as vscode from 'vscode';
import type { WorkbenchContext } from '../context';
import { GraphPanel } from '../webviews/graph/panel';
import { machineOf } from './templateMachines';

/** The code lens passes the document's URI as a string, the editor title as a Uri, the palette nothing. */
export async function previewGraph(context: WorkbenchContext, uri?: vscode.Uri | string): Promise<GraphPanel | undefined> {
  const given = typeof uri === 'string' ? vscode.Uri.parse(uri) : uri ?? vscode.window.activeTextEditor?.document.uri;
  // In a template, one of its machines (`template.yaml#Orders`).
  const target = given && await machineOf(context, given);
  if (!target) {
    if (!given || target === undefined) void vscode.window.showWarningMessage('Open a state machine (.asl.json or .asl.yaml, or a template holding one) to preview its graph.');
    return undefined;
  }
  return GraphPanel.show(context, target);
}
