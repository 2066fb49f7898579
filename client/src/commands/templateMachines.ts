// State machines inside templates (SAM, CloudFormation, CDK, Terraform, Serverless): a machine goes by
// its template's URI with `#<id>`; the commands that run or draw "the open document" ask which one.
import * as vscode from 'vscode';
import { State } from 'vscode-languageclient/node';
import { TemplateMachinesRequest } from '../../../server/src/protocol';
import type { WorkbenchContext } from '../context';

const DEFINITION_LANGUAGES = new Set(['asl', 'asl-yaml']);

/**
 * The files that may be templates, by name: a document filter cannot look at the content, so the
 * server reads it and answers nothing for a file that holds no state machine (no noise on ordinary YAML).
 */
export const TEMPLATE_SELECTOR = [
  '**/{template,*.template,*-template,*.cfn}.{yaml,yml,json}',
  '**/*.tf',
  '**/serverless.{yml,yaml}',
].map((pattern) => ({ scheme: 'file', pattern }));

/** The document a machine URI lives in: a template's machine (`template.yaml#Orders`) in the template. */
export function documentUriOf(uri: vscode.Uri): vscode.Uri {
  return uri.fragment ? uri.with({ fragment: '' }) : uri;
}

/**
 * The machine to run or draw for `uri`: itself when it names a definition or a template's machine;
 * in a template, its only machine or the one the user picks. Undefined when the document holds none
 * (the user is told) or the pick is dismissed.
 */
export async function machineOf(context: WorkbenchContext, uri: vscode.Uri): Promise<vscode.Uri | undefined> {
  if (uri.fragment) return uri;
  const open = vscode.workspace.textDocuments.find((document) => document.uri.toString() === uri.toString());
  if (open && DEFINITION_LANGUAGES.has(open.languageId)) return uri;
  const machines = await context.client.sendRequest(TemplateMachinesRequest, { uri: uri.toString() });
  // Not a template the server knows: a definition file not yet open as ASL, left to the caller.
  if (machines.length === 0) return open ? undefined : uri;
  if (machines.length === 1) return vscode.Uri.parse(machines[0].uri);
  const picked = await vscode.window.showQuickPick(
    machines.map((machine) => ({ label: machine.id, description: `line ${machine.range.start.line + 1}${machine.readOnly ? ' · read-only' : ''}`, uri: machine.uri })),
    { placeHolder: 'This template holds several state machines: pick one' },
  );
  return picked && vscode.Uri.parse(picked.uri);
}

/** The context key the editor title and the palette show Run Locally and Preview Graph by in a template. */
const IN_TEMPLATE_KEY = 'aslWorkbench.inTemplate';

/** Keeps IN_TEMPLATE_KEY true while the active editor is a template holding a state machine. */
export function registerTemplates(context: WorkbenchContext): vscode.Disposable[] {
  const update = async (editor: vscode.TextEditor | undefined) => {
    const candidate = editor && !DEFINITION_LANGUAGES.has(editor.document.languageId) && vscode.languages.match(TEMPLATE_SELECTOR, editor.document) > 0;
    const machines = candidate ? await context.client.sendRequest(TemplateMachinesRequest, { uri: editor.document.uri.toString() }).catch(() => []) : [];
    await vscode.commands.executeCommand('setContext', IN_TEMPLATE_KEY, machines.length > 0);
  };
  return [
    // The first editor is known before the server runs: asked again once it does.
    context.client.onDidChangeState(({ newState }) => {
      if (newState === State.Running) void update(vscode.window.activeTextEditor);
    }),
    vscode.window.onDidChangeActiveTextEditor((editor) => void update(editor)),
    vscode.workspace.onDidSaveTextDocument((document) => {
      if (document === vscode.window.activeTextEditor?.document) void update(vscode.window.activeTextEditor);
    }),
  ];
}
