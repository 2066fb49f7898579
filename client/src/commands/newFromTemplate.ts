import * as vscode from 'vscode';
import { templates, templateText } from '../../../server/src/core/templates';

/** "ASL: New State Machine from Template": picks a template and opens it as a new untitled `.asl.json` document. */
export async function newFromTemplate(): Promise<vscode.TextEditor | undefined> {
  const picked = templates.length === 1
    ? templates[0]
    : (await vscode.window.showQuickPick(templates.map((template) => ({ ...template, detail: template.description })), { title: 'New State Machine from Template' }));
  if (!picked) return undefined;
  const document = await vscode.workspace.openTextDocument({ language: 'asl', content: templateText(picked) });
  return vscode.window.showTextDocument(document);
}
