// "ASL: Preview Graph": opens the document's graph beside the editor (palette, editor title, code lens).
import * as vscode from 'vscode';
import type { WorkbenchContext } from '../context';
import { GraphPanel } from '../webviews/graph/panel';

/** The code lens passes the document's URI as a string, the editor title as a Uri, the palette nothing. */
export async function previewGraph(context: WorkbenchContext, uri?: vscode.Uri | string): Promise<GraphPanel | undefined> {
  const target = typeof uri === 'string' ? vscode.Uri.parse(uri) : uri ?? vscode.window.activeTextEditor?.document.uri;
  if (!target) {
    void vscode.window.showWarningMessage('Open a state machine (.asl.json or .asl.yaml) to preview its graph.');
    return undefined;
  }
  return GraphPanel.show(context, target);
}
