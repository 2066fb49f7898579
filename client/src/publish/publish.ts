// "ASL: Publish to AWS…" and "ASL: Download from AWS…": the target picked (AWS by profile and region,
// the running local endpoint, a custom URL), then the name, role, type and logging level; the diff of
// the deployed definition against ours in VS Code's diff editor, a modal confirmation, and the work
// done by the language server (server/src/execution/remote/) under a progress notification.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import {
  DeployedMachinesRequest, DownloadRequest, PublishPreviewRequest, PublishRequest, stateMachineNameOf, TargetIdentityRequest, targetLabel,
  type DeployedSummary, type LoggingLevel, type PublishParams, type RemoteFailure, type RemoteTarget, type RunProblem, type TargetIdentity,
} from '../../../server/src/protocol';
import type { CommandTable } from '../commands';
import type { WorkbenchContext } from '../context';
import { readSource } from '../runs/runInputs';
import { documentUriOf, machineOf } from '../commands/templateMachines';

const TITLE = 'Publish to AWS';
/** The read-only documents of the diff editor: deployed and local definitions, by URI. */
const DIFF_SCHEME = 'asl-publish';
/** The last target per file, for the next publish of it. */
const LAST_TARGET_KEY = 'aslWorkbench.publishTargets';

const diffTexts = new Map<string, string>();
let diffProvider: vscode.Disposable | undefined;

export const PUBLISH_COMMANDS: CommandTable = {
  'aslWorkbench.publishToAws': (context, uri?: vscode.Uri) => publishToAws(context, uri),
  'aslWorkbench.downloadFromAws': (context) => downloadFromAws(context),
};

/** Publishes the given definition (or the active editor's, or a template's machine); answers the state machine's ARN when published. */
async function publishToAws(context: WorkbenchContext, uri?: vscode.Uri): Promise<string | undefined> {
  const given = uri instanceof vscode.Uri ? uri : vscode.window.activeTextEditor?.document.uri;
  const machineUri = given && await machineOf(context, given);
  if (!machineUri) {
    void vscode.window.showWarningMessage('Open a state machine definition (.asl.json or .asl.yaml, or a template holding one) to publish it.');
    return undefined;
  }
  // The text previewed is the text published: an edit meanwhile waits for the next publish.
  const definition = await readSource(machineUri);
  const target = await pickTarget(context, machineUri);
  if (!target) return undefined;
  const identity = await withProgress(`Connecting to ${targetLabel(target)}…`, () => context.client.sendRequest(TargetIdentityRequest, { target }));
  if ('failure' in identity) return failed(context, 'Publish to AWS failed', identity.failure);
  const where = whereTo(identity);
  const stateMachine = await vscode.window.showInputBox({
    title: `${TITLE}: ${where}`, prompt: 'The state machine: updated when deployed, created otherwise (a name, or an ARN)',
    value: stateMachineNameOf(machineUri.toString()), ignoreFocusOut: true, validateInput: stateMachineNameProblem,
  });
  if (!stateMachine) return undefined;
  const request: PublishParams = { definition, target, stateMachine };
  const preview = await withProgress(`Comparing with ${stateMachine} on ${where}…`, () => context.client.sendRequest(PublishPreviewRequest, request));
  if ('refused' in preview) return refused(context, documentUriOf(machineUri), preview.refused, preview.problems);
  if ('failure' in preview) return failed(context, 'Publish to AWS failed', preview.failure);

  const options = await pickOptions(identity, preview.deployed);
  if (!options) return undefined;
  Object.assign(request, options);
  await showDiff(context, machineUri, stateMachine, preview.deployed?.definition ?? '', preview.definition);
  const action = preview.deployed ? `Update ${preview.deployed.name}` : `Create ${stateMachine} (${request.type})`;
  const detail = [
    preview.equal ? 'The definition is the same as the deployed one.' : preview.deployed ? 'The diff editor shows what changes.' : 'The diff editor shows the definition.',
    request.roleArn && `Role: ${request.roleArn}`,
    request.loggingLevel && `Logging: ${request.loggingLevel}`,
    request.publishVersion && `Then publish a version${request.alias ? ` and point the alias ${request.alias} at it` : ''}.`,
  ].filter(Boolean).join('\n');
  if (await vscode.window.showWarningMessage(`${action} on ${where}?`, { modal: true, detail }, 'Publish') !== 'Publish') return undefined;

  const result = await withProgress(`Publishing ${stateMachine} to ${where}…`, () => context.client.sendRequest(PublishRequest, request));
  if ('refused' in result) return refused(context, documentUriOf(machineUri), result.refused, result.problems);
  if ('failure' in result) return failed(context, 'Publish to AWS failed', result.failure);
  await rememberTarget(context, machineUri, target);
  const published = [`${result.created ? 'Created' : 'Updated'} ${result.stateMachineArn}`, result.versionArn && `version ${result.versionArn.split(':').pop()}`, result.aliasArn && `alias ${request.alias}`];
  context.output.info(`Published: ${published.filter(Boolean).join(', ')}`);
  void vscode.window.showInformationMessage(`${published.filter(Boolean).join(', ')}.`, 'Copy ARN')
    .then((choice) => choice && vscode.env.clipboard.writeText(result.stateMachineArn));
  return result.stateMachineArn;
}

async function downloadFromAws(context: WorkbenchContext): Promise<vscode.Uri | undefined> {
  const target = await pickTarget(context);
  if (!target) return undefined;
  const machines = await withProgress(`Listing the state machines of ${targetLabel(target)}…`, () => context.client.sendRequest(DeployedMachinesRequest, { target }));
  if ('failure' in machines) return failed(context, 'Download from AWS failed', machines.failure);
  const stateMachine = await pickDeployed(target, machines);
  if (!stateMachine) return undefined;
  const format = await vscode.window.showQuickPick([{ label: 'JSON', format: 'json' as const, extension: 'asl.json' }, { label: 'YAML', format: 'yaml' as const, extension: 'asl.yaml' }], { title: 'Download from AWS: format' });
  if (!format) return undefined;
  const result = await withProgress(`Downloading ${stateMachine}…`, () => context.client.sendRequest(DownloadRequest, { target, stateMachine, format: format.format }));
  if ('failure' in result) return failed(context, 'Download from AWS failed', result.failure);
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(os.homedir());
  // The save dialog asks before replacing a file that exists.
  const file = await vscode.window.showSaveDialog({
    title: `Save ${result.name}`, defaultUri: vscode.Uri.joinPath(folder, `${result.name}.${format.extension}`),
    filters: format.format === 'json' ? { 'State machine (JSON)': ['json'] } : { 'State machine (YAML)': ['yaml', 'yml'] },
  });
  if (!file) return undefined;
  await vscode.workspace.fs.writeFile(file, Buffer.from(result.text));
  await vscode.window.showTextDocument(file);
  context.output.info(`Downloaded ${result.stateMachineArn} to ${file.fsPath}`);
  return file;
}

/** A machine of the list, or a name or ARN typed (a version's or an alias's, which the list does not show). */
async function pickDeployed(target: RemoteTarget, machines: DeployedSummary[]): Promise<string | undefined> {
  const typeIt = { label: '$(edit) Type a name or ARN…', description: 'a version\'s or an alias\'s ARN too' };
  const items = [...machines.map((machine) => ({ label: machine.name, description: machine.type, detail: machine.stateMachineArn })), typeIt];
  const chosen = await vscode.window.showQuickPick(items, {
    title: `Download from AWS: ${targetLabel(target)}`, placeHolder: machines.length ? 'The state machine to download' : 'The target has no state machine: type a name or ARN',
    matchOnDetail: true,
  });
  if (!chosen) return undefined;
  if (chosen !== typeIt) return chosen.label;
  const typed = await vscode.window.showInputBox({
    title: `Download from AWS: ${targetLabel(target)}`, prompt: 'The deployed state machine: its name or ARN', ignoreFocusOut: true, validateInput: stateMachineNameProblem,
  });
  return typed?.trim() || undefined;
}

interface TargetItem extends vscode.QuickPickItem {
  target?: RemoteTarget;
  pick?: 'aws' | 'url';
}

/** The target: the one last used for this file first, AWS by profile, the running local endpoint, or a URL. */
async function pickTarget(context: WorkbenchContext, machineUri?: vscode.Uri): Promise<RemoteTarget | undefined> {
  const last = machineUri && context.extension.workspaceState.get<Record<string, RemoteTarget>>(LAST_TARGET_KEY, {})[machineUri.toString()];
  const endpoint = context.localEndpoint.url;
  const items: TargetItem[] = [
    ...(last ? [{ label: `$(history) ${targetLabel(last)}`, description: 'last used for this file', target: last }] : []),
    { label: '$(cloud) AWS…', description: 'a profile of the shared config file and a region', pick: 'aws' },
    // Offered while it runs (ASL: Start Local Endpoint).
    ...(endpoint ? [{ label: '$(radio-tower) Local endpoint', description: endpoint, target: { kind: 'endpoint', url: endpoint } as RemoteTarget }] : []),
    { label: '$(link) Custom endpoint…', description: 'any Step Functions-compatible URL (LocalStack…)', pick: 'url' },
  ];
  const chosen = await vscode.window.showQuickPick(items, { title: 'Where to', placeHolder: 'AWS, the local endpoint or a URL' });
  if (!chosen) return undefined;
  if (chosen.target) return chosen.target;
  if (chosen.pick === 'url') {
    const url = await vscode.window.showInputBox({
      title: 'Custom endpoint', prompt: 'The Step Functions endpoint URL', value: 'http://localhost:4566', ignoreFocusOut: true,
      validateInput: (text) => /^https?:\/\/[^/\s]+/.test(text.trim()) ? undefined : 'An http(s) URL, such as http://localhost:4566',
    });
    return url ? { kind: 'endpoint', url: url.trim() } : undefined;
  }
  const profiles = sharedProfiles();
  const profile = profiles.length === 0 ? { label: 'default', region: process.env.AWS_REGION } : await vscode.window.showQuickPick(
    profiles.map((found) => ({ label: found.name, description: found.region, region: found.region })),
    { title: 'AWS profile', placeHolder: 'A profile of ~/.aws/config or ~/.aws/credentials (credentials from the AWS SDK\'s default chain)' },
  );
  if (!profile) return undefined;
  const region = await vscode.window.showInputBox({
    title: `AWS profile ${profile.label}: region`, value: profile.region ?? process.env.AWS_REGION ?? 'us-east-1', ignoreFocusOut: true,
    validateInput: (text) => /^[a-z]{2}(-[a-z]+)+-\d$/.test(text.trim()) ? undefined : 'A region, such as eu-west-1',
  });
  if (!region) return undefined;
  return { kind: 'aws', ...(profiles.length ? { profile: profile.label } : {}), region: region.trim() };
}

async function rememberTarget(context: WorkbenchContext, machineUri: vscode.Uri, target: RemoteTarget): Promise<void> {
  const targets = context.extension.workspaceState.get<Record<string, RemoteTarget>>(LAST_TARGET_KEY, {});
  await context.extension.workspaceState.update(LAST_TARGET_KEY, { ...targets, [machineUri.toString()]: target });
}

/** The profiles of the shared config and credentials files (as the SDK finds them), with their regions. */
function sharedProfiles(): { name: string; region?: string }[] {
  const profiles = new Map<string, string | undefined>();
  const read = (file: string, prefixed: boolean) => {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch {
      return;
    }
    let current: string | undefined;
    for (const line of text.split(/\r?\n/)) {
      const section = /^\s*\[\s*([^\]]+?)\s*\]/.exec(line);
      if (section) {
        const name = prefixed ? /^profile\s+(.+)$/.exec(section[1])?.[1] ?? (section[1] === 'default' ? 'default' : undefined) : section[1];
        current = name;
        if (name && !profiles.has(name)) profiles.set(name, undefined);
      } else if (current) {
        const region = /^\s*region\s*=\s*(\S+)/.exec(line);
        if (region) profiles.set(current, region[1]);
      }
    }
  };
  read(process.env.AWS_CONFIG_FILE ?? path.join(os.homedir(), '.aws', 'config'), true);
  read(process.env.AWS_SHARED_CREDENTIALS_FILE ?? path.join(os.homedir(), '.aws', 'credentials'), false);
  return [...profiles].map(([name, region]) => ({ name, region }));
}

type PublishOptions = Pick<PublishParams, 'roleArn' | 'type' | 'loggingLevel' | 'logGroupArn' | 'publishVersion' | 'alias'>;

/** The role (for a new machine, or to change it), type, logging level, and whether to publish a version and move an alias. */
async function pickOptions(identity: TargetIdentity, deployed: { roleArn: string; type: 'STANDARD' | 'EXPRESS' } | undefined): Promise<PublishOptions | undefined> {
  const roleArn = await pickRole(identity, deployed?.roleArn);
  if (roleArn === undefined) return undefined;
  let type = deployed?.type;
  if (!type) {
    type = (await vscode.window.showQuickPick([
      { label: 'STANDARD', description: 'durable, up to a year, exactly once' },
      { label: 'EXPRESS', description: 'high volume, up to five minutes, at least once' },
    ], { title: `${TITLE}: type` }))?.label as 'STANDARD' | 'EXPRESS' | undefined;
    if (!type) return undefined;
  }
  const logging = await vscode.window.showQuickPick([
    { label: deployed ? 'Keep' : 'OFF', description: deployed ? 'the deployed logging configuration' : 'no execution logs' },
    ...(['ALL', 'ERROR', 'FATAL', ...(deployed ? ['OFF'] : [])] as LoggingLevel[]).map((level) => ({ label: level, description: level === 'OFF' ? 'no execution logs' : 'to a CloudWatch Logs group' })),
  ], { title: `${TITLE}: logging level` });
  if (!logging) return undefined;
  const loggingLevel = logging.label === 'Keep' ? undefined : logging.label as LoggingLevel;
  let logGroupArn: string | undefined;
  if (loggingLevel && loggingLevel !== 'OFF') {
    logGroupArn = await vscode.window.showInputBox({
      title: `${TITLE}: log group`, prompt: 'The CloudWatch Logs group\'s ARN (arn:aws:logs:region:account:log-group:name:*)', ignoreFocusOut: true,
      validateInput: (text) => text.trim().startsWith('arn:') ? undefined : 'An ARN: arn:aws:logs:…',
    });
    if (!logGroupArn) return undefined;
  }
  const versioning = await vscode.window.showQuickPick([
    { label: deployed ? 'Update only' : 'Create only', publish: false },
    { label: 'Publish a version', publish: true },
    { label: 'Publish a version and move an alias…', publish: true, alias: true },
  ], { title: `${TITLE}: versions` });
  if (!versioning) return undefined;
  let alias: string | undefined;
  if (versioning.alias) {
    alias = await vscode.window.showInputBox({ title: `${TITLE}: alias`, prompt: 'The alias to point at the new version (created when missing)', value: 'live', ignoreFocusOut: true, validateInput: stateMachineNameProblem });
    if (!alias) return undefined;
  }
  return { roleArn: roleArn || undefined, type, loggingLevel, logGroupArn, publishVersion: versioning.publish, alias };
}

/** A role ARN; '' keeps the deployed one; undefined when dismissed. */
async function pickRole(identity: TargetIdentity, deployedRole: string | undefined): Promise<string | undefined> {
  type RoleItem = vscode.QuickPickItem & { arn?: string; type?: boolean };
  const items: RoleItem[] = [
    ...(deployedRole ? [{ label: '$(check) Keep the deployed role', description: deployedRole, arn: '' }] : []),
    ...identity.roles.map((role) => ({ label: role.name, description: role.trustsStepFunctions ? 'Step Functions may assume it' : '', detail: role.arn, arn: role.arn })),
    { label: '$(edit) Type a role ARN…', description: identity.rolesUnavailable, type: true },
  ];
  const chosen = await vscode.window.showQuickPick(items, { title: `${TITLE}: role`, placeHolder: 'The IAM role the state machine runs as', matchOnDetail: true });
  if (!chosen) return undefined;
  if (!chosen.type) return chosen.arn;
  return vscode.window.showInputBox({
    title: `${TITLE}: role`, prompt: 'The IAM role\'s ARN', placeHolder: 'arn:aws:iam::123456789012:role/StepFunctionsRole', ignoreFocusOut: true,
    validateInput: (text) => /^arn:aws[a-z-]*:iam::\d{12}:role\/\S+$/.test(text.trim()) ? undefined : 'A role ARN: arn:aws:iam::<account>:role/<name>',
  }).then((text) => text?.trim());
}

/** Opens the diff editor: the deployed definition (empty when none) against ours, both read-only. */
async function showDiff(context: WorkbenchContext, machineUri: vscode.Uri, stateMachine: string, deployed: string, local: string): Promise<void> {
  if (!diffProvider) {
    diffProvider = vscode.workspace.registerTextDocumentContentProvider(DIFF_SCHEME, { provideTextDocumentContent: (uri) => diffTexts.get(uri.toString()) ?? '' });
    context.extension.subscriptions.push(diffProvider);
  }
  const name = path.basename(documentUriOf(machineUri).path);
  const stamp = Date.now().toString(36);
  const left = vscode.Uri.from({ scheme: DIFF_SCHEME, path: `/deployed/${stateMachine}.json`, query: stamp });
  const right = vscode.Uri.from({ scheme: DIFF_SCHEME, path: `/local/${name}.json`, query: stamp });
  diffTexts.clear();
  diffTexts.set(left.toString(), deployed);
  diffTexts.set(right.toString(), local);
  await vscode.commands.executeCommand('vscode.diff', left, right, `${stateMachine}: deployed ↔ ${name}`, { preview: true });
}

function whereTo(identity: TargetIdentity): string {
  return identity.account ? `${identity.label}, account ${identity.account}` : identity.label;
}

/** AWS's rules for a state machine's (and an alias's) name, or an ARN. */
function stateMachineNameProblem(text: string): string | undefined {
  const name = text.trim();
  if (name.startsWith('arn:')) return undefined;
  if (name.length === 0 || name.length > 80) return 'A name of 1 to 80 characters';
  if (/[\s<>{}[\]?*"#%\\^|~`$&,;:/]/.test(name)) return 'No whitespace nor any of < > { } [ ] ? * " # % \\ ^ | ~ ` $ & , ; : /';
  return undefined;
}

function withProgress<T>(title: string, work: () => Thenable<T>): Thenable<T> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title }, work);
}

function failed(context: WorkbenchContext, what: string, failure: RemoteFailure): undefined {
  context.output.error(`${what}: ${failure.code}: ${failure.message}`);
  void vscode.window.showErrorMessage(`${what}: ${failure.code}: ${failure.message}`);
  return undefined;
}

/** Nothing was sent: the problems go to the output, the first is shown, and the file opens at it. */
function refused(context: WorkbenchContext, file: vscode.Uri, why: 'placeholders' | 'errors', problems: RunProblem[]): undefined {
  const reason = why === 'placeholders' ? `resolve ${problems.length === 1 ? 'this placeholder' : `these ${problems.length} placeholders`} first` : 'the definition has errors';
  for (const { message, range } of problems) context.output.warn(`${file.fsPath}${range ? `:${range.start.line + 1}:${range.start.character + 1}` : ''} ${message}`);
  const list = problems.slice(0, 5).map((problem) => problem.message.replace(/^unresolved placeholder /, '')).join(', ');
  void vscode.window.showErrorMessage(`Nothing published: ${reason} (${list}${problems.length > 5 ? ', …' : ''}).`, 'Go to the First').then(async (choice) => {
    const range = problems[0]?.range;
    if (choice && range) await vscode.window.showTextDocument(file, { selection: new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character) });
  });
  return undefined;
}
