// Where a run's inputs come from: the MockConfigFile (setting, or a sibling *.mock.json), the
// local handler modules (setting), and the input a new run starts with (the last one used for
// this file, else a sibling <name>.input.json, else the console's default).
import * as path from 'path';
import * as vscode from 'vscode';
import { stateMachineNameOf, type CallAwsOptions, type LocalHandlers, type SourceText } from '../../../server/src/protocol';
import type { ExecutionService } from './service';
import { documentUriOf } from '../commands/templateMachines';

export const DEFAULT_INPUT = '{\n  "Comment": "Insert your JSON here"\n}';
const LAST_INPUT_KEY = 'aslWorkbench.lastInput:';

/** The workspace folder of `uri`, else the first one: where relative paths in settings start. */
function baseFolder(uri: vscode.Uri): vscode.Uri | undefined {
  return vscode.workspace.getWorkspaceFolder(uri)?.uri ?? vscode.workspace.workspaceFolders?.[0]?.uri;
}

export function resolveSetting(uri: vscode.Uri, setting: string): vscode.Uri | undefined {
  if (path.isAbsolute(setting)) return vscode.Uri.file(setting);
  const folder = baseFolder(uri);
  return folder && vscode.Uri.joinPath(folder, setting);
}

function sibling(uri: vscode.Uri, file: string): vscode.Uri {
  return vscode.Uri.joinPath(documentUriOf(uri), '..', file);
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

/** The text of a file as the editor holds it (unsaved edits included). */
export async function readText(uri: vscode.Uri): Promise<string> {
  return (await readSource(uri)).text;
}

/** A definition as the editor holds it, with its language id when it is open (an untitled YAML document has no file name to tell). */
export async function readSource(uri: vscode.Uri): Promise<SourceText> {
  // A template's machine (`template.yaml#Orders`) is read from its template.
  const file = documentUriOf(uri);
  const open = vscode.workspace.textDocuments.find((document) => document.uri.toString() === file.toString());
  if (open) return { uri: uri.toString(), languageId: open.languageId, text: open.getText() };
  return { uri: uri.toString(), text: Buffer.from(await vscode.workspace.fs.readFile(file)).toString('utf8') };
}

/** Where the MockConfigFile of a definition is, or why there is none that fits. */
export interface MockConfigSearch {
  /** The first file that names the state machine in its "StateMachines". */
  found?: vscode.Uri;
  /** Why none of the files found fits. */
  why?: string;
  /** Where "Add mock" writes: the file found, else the setting's, else `<name>.mock.json` beside the definition. */
  addTo?: vscode.Uri;
}

/**
 * The file of `aslWorkbench.mockConfigFile`, else `<name>.mock.json` beside the definition, else
 * any `*.mock.json` there: the first that names the state machine.
 */
export async function findMockConfig(service: Pick<ExecutionService, 'chooseMockConfig'>, definition: vscode.Uri): Promise<MockConfigSearch> {
  const stateMachineName = stateMachineNameOf(definition.toString());
  const setting = vscode.workspace.getConfiguration('aslWorkbench', definition).get<string>('mockConfigFile');
  const settingUri = setting ? resolveSetting(definition, setting) : undefined;
  const own = definition.scheme === 'untitled' ? undefined : sibling(definition, `${stateMachineName}.mock.json`);
  const uris = settingUri ? [settingUri] : own ? await siblingMockConfigs(definition, own) : [];
  const candidates = await Promise.all(uris.map(async (uri) => ({ file: displayPath(uri), text: await readText(uri).catch(() => undefined) })));
  const { chosen, why } = await service.chooseMockConfig(candidates, stateMachineName);
  const found = chosen === undefined ? undefined : uris[chosen];
  return { found, why, addTo: found ?? settingUri ?? own };
}

/** The `*.mock.json` files beside the definition, `own` first. */
async function siblingMockConfigs(definition: vscode.Uri, own: vscode.Uri): Promise<vscode.Uri[]> {
  const ownName = own.path.split('/').pop()!;
  try {
    const entries = await vscode.workspace.fs.readDirectory(vscode.Uri.joinPath(documentUriOf(definition), '..'));
    const names = entries.map(([name]) => name).filter((name) => name.endsWith('.mock.json') && name !== ownName).sort();
    return [...(await exists(own) ? [own] : []), ...names.map((name) => sibling(definition, name))];
  } catch {
    return [];
  }
}

export async function readMockConfig(uri: vscode.Uri | undefined): Promise<SourceText | undefined> {
  if (!uri) return undefined;
  try {
    return { uri: uri.toString(), text: await readText(uri) };
  } catch {
    return undefined;
  }
}

/** `aslWorkbench.localHandlers` with module paths made absolute. */
export function localHandlers(definition: vscode.Uri): LocalHandlers {
  const setting = vscode.workspace.getConfiguration('aslWorkbench', definition).get<Record<string, string>>('localHandlers') ?? {};
  const handlers: LocalHandlers = {};
  for (const [resource, module] of Object.entries(setting)) {
    if (typeof module === 'string') handlers[resource] = resolveSetting(definition, module)?.fsPath ?? module;
  }
  return handlers;
}

/** `aslWorkbench.handlerTimeoutSeconds`: how long a local handler may take. */
export function handlerTimeoutSeconds(definition: vscode.Uri): number | undefined {
  return vscode.workspace.getConfiguration('aslWorkbench', definition).get<number>('handlerTimeoutSeconds');
}

/** Hybrid runs (`aslWorkbench.run.*`): whether the start form's "Call AWS" box starts checked, and the endpoints and region to call. */
export function callAwsSettings(definition: vscode.Uri): { enabled: boolean; options: CallAwsOptions } {
  const settings = vscode.workspace.getConfiguration('aslWorkbench.run', definition);
  const endpoints = Object.fromEntries(Object.entries(settings.get<Record<string, unknown>>('awsEndpoints') ?? {})
    .filter((entry): entry is [string, string] => typeof entry[1] === 'string' && entry[1] !== ''));
  const region = settings.get<string>('awsRegion') || undefined;
  return { enabled: settings.get<boolean>('callAws') === true, options: { endpoints, ...(region ? { region } : {}) } };
}

export async function initialInput(state: vscode.Memento, definition: vscode.Uri): Promise<{ text: string; source: string }> {
  const last = state.get<string>(LAST_INPUT_KEY + definition.toString());
  if (last !== undefined) return { text: last, source: 'last input used for this file' };
  if (definition.scheme !== 'untitled') {
    const file = `${stateMachineNameOf(definition.toString())}.input.json`;
    const uri = sibling(definition, file);
    if (await exists(uri)) return { text: await readText(uri), source: `from ${file}` };
  }
  return { text: DEFAULT_INPUT, source: 'default input' };
}

export function rememberInput(state: vscode.Memento, definition: vscode.Uri, input: string): Thenable<void> {
  return state.update(LAST_INPUT_KEY + definition.toString(), input);
}

export function displayPath(uri: vscode.Uri): string {
  return uri.scheme === 'untitled' ? uri.path : vscode.workspace.asRelativePath(uri, false);
}
