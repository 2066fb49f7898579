// The extension host's side of the designer: asks the language server for each design operation's
// edit and applies it with workspace.applyEdit, so the editor's Ctrl+Z undoes it; asks which way
// to go when the operation needs a choice; and the commands that run an operation on the
// selection of the focused designer.
import * as vscode from 'vscode';
import type { CommandTable } from '../../commands';
import type { LanguageClient } from 'vscode-languageclient/node';
import { GraphPanel } from './panel';
import { documentUriOf } from '../../commands/templateMachines';
import { COMPARISON_OPERATORS, DESIGN_PALETTE, DesignCompletionRequest, DesignEditRequest, DesignStateRequest, stateId, type DesignOperation } from '../../../../server/src/protocol';
import type { DesignCommand, FromGraphWebview, ToGraphWebview } from './messages';

type DesignMessage = Extract<FromGraphWebview, { type: 'design' | 'inspect' | 'complete' | 'undo' | 'redo' }>;

export function isDesignMessage(message: FromGraphWebview): message is DesignMessage {
  return message.type === 'design' || message.type === 'inspect' || message.type === 'complete' || message.type === 'undo' || message.type === 'redo';
}

/** The design operation of each document last queued. */
const pending = new Map<string, Promise<void>>();

/** The palette, sent when the page is ready. */
export const paletteMessage: ToGraphWebview = { type: 'palette', entries: [...DESIGN_PALETTE], operators: [...COMPARISON_OPERATORS] };

export async function handleDesignMessage(client: LanguageClient, uri: vscode.Uri, message: DesignMessage, post: (message: ToGraphWebview) => void): Promise<void> {
  switch (message.type) {
    case 'inspect': {
      const state = await client.sendRequest(DesignStateRequest, { uri: uri.toString(), state: message.path });
      post({ type: 'designState', id: message.id, state });
      return;
    }
    case 'complete': {
      const { type: _type, id, ...params } = message;
      // A failed request leaves the field without suggestions, never waiting.
      const items = await client.sendRequest(DesignCompletionRequest, { uri: uri.toString(), ...params }).catch(() => []);
      post({ type: 'completion', id, items });
      return;
    }
    case 'design': {
      // One after the other: each is computed on the text the one before left.
      const key = uri.toString();
      const done = (pending.get(key) ?? Promise.resolve()).then(() => applyDesign(client, uri, message.operation, message.announce)).then(post);
      pending.set(key, done.then(() => undefined, () => undefined));
      await done;
      return;
    }
    default:
      await editorCommand(uri, message.type);
  }
}

async function applyDesign(client: LanguageClient, uri: vscode.Uri, operation: DesignOperation, announce: string): Promise<ToGraphWebview> {
  // A template's machine (`template.yaml#Orders`) is edited in its template (or the file its DefinitionUri names).
  const document = await vscode.workspace.openTextDocument(documentUriOf(uri));
  const result = await client.sendRequest(DesignEditRequest, { uri: uri.toString(), version: document.version, operation });
  if ('choose' in result) {
    const picked = await vscode.window.showQuickPick(result.choose.options.map((option) => ({ label: option.label, successor: option.successor })), { title: result.choose.message, placeHolder: 'Where the transitions go' });
    if (!picked || operation.kind !== 'deleteState') return { type: 'designed', message: 'Nothing changed', ok: false };
    return applyDesign(client, uri, { ...operation, successor: picked.successor }, announce);
  }
  if ('error' in result) {
    void vscode.window.showWarningMessage(result.error);
    return { type: 'designed', message: result.error, ok: false };
  }
  const edit = new vscode.WorkspaceEdit();
  for (const [target, changes] of Object.entries(result.edit.changes ?? {})) {
    for (const change of changes) {
      edit.replace(vscode.Uri.parse(target), new vscode.Range(change.range.start.line, change.range.start.character, change.range.end.line, change.range.end.character), change.newText);
    }
  }
  const applied = await vscode.workspace.applyEdit(edit);
  if (!applied) return { type: 'designed', message: 'The editor refused the change (is the file read-only?)', ok: false };
  return { type: 'designed', message: announce, ok: true, ...(result.select ? { select: stateId(result.select) } : {}) };
}

/** Undo and redo act on the focused editor: the document's is shown (keeping the designer in view) for them. */
async function editorCommand(uri: vscode.Uri, command: 'undo' | 'redo'): Promise<void> {
  const document = await vscode.workspace.openTextDocument(documentUriOf(uri));
  const visible = vscode.window.visibleTextEditors.find((editor) => editor.document === document);
  await vscode.window.showTextDocument(document, { viewColumn: visible?.viewColumn ?? vscode.ViewColumn.One, preserveFocus: false });
  await vscode.commands.executeCommand(command);
}

/** The designer's commands, each run on the selection of the graph that has the focus. */
const DESIGN_COMMANDS: Record<string, DesignCommand> = {
  'aslWorkbench.design.deleteState': 'delete',
  'aslWorkbench.design.duplicateState': 'duplicate',
  'aslWorkbench.design.renameState': 'rename',
  'aslWorkbench.design.addBranch': 'addBranch',
  'aslWorkbench.design.addChoiceRule': 'addChoiceRule',
  'aslWorkbench.design.addCatcher': 'addCatcher',
  'aslWorkbench.design.addRetrier': 'addRetrier',
  'aslWorkbench.design.insertState': 'palette',
  'aslWorkbench.design.editState': 'inspector',
};

/** The designer's entries of the command table (commands/index.ts). */
export const DESIGNER_COMMANDS: CommandTable = Object.fromEntries(Object.entries(DESIGN_COMMANDS).map(([command, designCommand]) => [command, () => {
  if (!GraphPanel.postToActive({ type: 'designCommand', command: designCommand })) {
    void vscode.window.showInformationMessage('Open the graph of a state machine (ASL: Preview Graph) and select a state first.');
  }
}]));
