import * as vscode from 'vscode';
import { TemplatesRequest } from '../../../server/src/protocol';
import type { WorkbenchContext } from '../context';

/** "ASL: New State Machine from Template": picks a template and opens it as a new untitled `.asl.json` document. */
export async function newFromTemplate(workbench: WorkbenchContext): Promise<vscode.TextEditor | undefined> {
  const templates = await workbench.client.sendRequest(TemplatesRequest);
  const picked = templates.length === 1
    ? templates[0]
    : (await vscode.window.showQuickPick(templates.map((template) => ({ ...template, detail: template.description })), { title: 'New State Machine from Template' }));
  if (!picked) return undefined;
  const document = await vscode.workspace.openTextDocument({ language: 'asl', content: picked.text });
  return vscode.window.showTextDocument(document);
}
