// "Publish to AWS": a definition's one analysis (a file, or a template's machine) created or updated
// as a state machine on a target, after the diff against what is deployed; a version published and
// an alias moved to it on request. Nothing is sent while the definition has errors or unresolved
// placeholders; every refusal of AWS's comes back with its code and message, never as success.
import type { IAMClient } from '@aws-sdk/client-iam';
import type { SFNClient } from '@aws-sdk/client-sfn';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import type { Analysis } from '../../languageService/analysis';
import { findPlaceholders } from '../../core/validation/payloadTemplates';
import type { PublishParams, PublishPreview, PublishResult, RemoteFailure, RemoteTarget, RoleChoice, RunProblem, TargetIdentity } from '../../protocol';
import { canonicalJson, unifiedDiff } from './definitionDiff';
import { describeDeployed, machineName } from './deployedMachines';
import { answered, clientConfig, remoteClients, remoteFailure, stepFunctionsClient, targetLabel } from './target';

type Checked = { value: unknown } | { refused: 'placeholders' | 'errors'; problems: RunProblem[] };

/** The definition a publish sends, or why none is: its errors, else the placeholders only a deployment would fill. */
export async function checkedForPublish(analysis: Analysis): Promise<Checked> {
  const diagnostics = await analysis.diagnostics();
  const errors = diagnostics.filter((diagnostic) => (diagnostic.severity ?? DiagnosticSeverity.Error) === DiagnosticSeverity.Error);
  if (errors.length || analysis.value === undefined) return { refused: 'errors', problems: errors.map(problem) };
  const placeholders = findPlaceholders(analysis.value);
  if (placeholders.length) {
    return {
      refused: 'placeholders',
      problems: placeholders.map(({ path, value }) => ({ message: `unresolved placeholder ${typeof value === 'string' ? value : JSON.stringify(value)}`, range: analysis.locate(path) })),
    };
  }
  return { value: analysis.value };
}

function problem({ message, range }: Diagnostic): RunProblem {
  return { message: typeof message === 'string' ? message : (message as { value: string }).value, range };
}

/** The definition's one analysis, checked by the rules of a machine type (EXPRESS has rules of its own). */
export type AnalyzeAs = (type: 'STANDARD' | 'EXPRESS') => Analysis;

/** What publishing would do: create, or update with this diff of the deployed definition against ours. */
export async function previewPublish(analyzeAs: AnalyzeAs, params: PublishParams): Promise<PublishPreview> {
  let checked = await checkedForPublish(analyzeAs(params.type ?? 'STANDARD'));
  if ('refused' in checked) return checked;
  const client = stepFunctionsClient(params.target);
  try {
    const deployed = await describeDeployed(client, params.stateMachine);
    checked = await checkedAsDeployed(analyzeAs, params, deployed, checked);
    if ('refused' in checked) return checked;
    const definition = canonicalJson(checked.value);
    const before = deployed?.definition ?? '';
    const diff = unifiedDiff(before, definition, deployed ? `deployed ${deployed.stateMachineArn}` : 'not deployed', `local ${params.definition.uri}`);
    return { definition, ...(deployed ? { deployed: withoutText(deployed) } : {}), diff, equal: before === definition };
  } catch (error) {
    return { failure: remoteFailure(error) };
  } finally {
    client.destroy();
  }
}

function withoutText<T extends { text: string }>({ text: _text, ...rest }: T): Omit<T, 'text'> {
  return rest;
}

/** A deployed machine keeps its type: the definition is checked again by that type's rules when it differs. */
async function checkedAsDeployed(analyzeAs: AnalyzeAs, params: PublishParams, deployed: { type: 'STANDARD' | 'EXPRESS' } | undefined, checked: Checked): Promise<Checked> {
  return deployed && deployed.type !== (params.type ?? 'STANDARD') ? checkedForPublish(analyzeAs(deployed.type)) : checked;
}

/** Creates or updates the machine, then publishes a version and points the alias at it when asked. */
export async function publish(analyzeAs: AnalyzeAs, params: PublishParams): Promise<PublishResult> {
  let checked = await checkedForPublish(analyzeAs(params.type ?? 'STANDARD'));
  if ('refused' in checked) return checked;
  const { sfn } = remoteClients();
  const client = stepFunctionsClient(params.target);
  const publishVersion = params.publishVersion === true || params.alias !== undefined;
  const loggingConfiguration = params.loggingLevel && {
    level: params.loggingLevel,
    ...(params.logGroupArn ? { includeExecutionData: true, destinations: [{ cloudWatchLogsLogGroup: { logGroupArn: params.logGroupArn } }] } : {}),
  };
  try {
    const deployed = await describeDeployed(client, params.stateMachine);
    checked = await checkedAsDeployed(analyzeAs, params, deployed, checked);
    if ('refused' in checked) return checked;
    // AWS shows the definition as it was sent: readable, in the author's key order.
    const definition = JSON.stringify(checked.value, null, 2);
    let stateMachineArn: string;
    let versionArn: string | undefined;
    if (deployed) {
      stateMachineArn = deployed.stateMachineArn;
      const updated = await client.send(new sfn.UpdateStateMachineCommand({
        stateMachineArn, definition, roleArn: params.roleArn, loggingConfiguration, publish: publishVersion || undefined, versionDescription: publishVersion ? params.versionDescription : undefined,
      }));
      versionArn = updated.stateMachineVersionArn;
    } else {
      const created = await client.send(new sfn.CreateStateMachineCommand({
        name: machineName(params.stateMachine), definition, roleArn: params.roleArn, type: params.type ?? 'STANDARD', loggingConfiguration,
        publish: publishVersion || undefined, versionDescription: publishVersion ? params.versionDescription : undefined,
      }));
      stateMachineArn = answered(created.stateMachineArn, 'CreateStateMachine', 'stateMachineArn');
      versionArn = created.stateMachineVersionArn;
    }
    if (publishVersion && !versionArn) {
      // An update that changed nothing publishes no version: the latest one is asked for (AWS answers it again when nothing changed).
      const published = await client.send(new sfn.PublishStateMachineVersionCommand({ stateMachineArn, description: params.versionDescription }));
      versionArn = answered(published.stateMachineVersionArn, 'PublishStateMachineVersion', 'stateMachineVersionArn');
    }
    const aliasArn = params.alias && versionArn ? await pointAlias(client, stateMachineArn, params.alias, versionArn) : undefined;
    return { stateMachineArn, created: !deployed, ...(versionArn ? { versionArn } : {}), ...(aliasArn ? { aliasArn } : {}) };
  } catch (error) {
    return { failure: remoteFailure(error) };
  } finally {
    client.destroy();
  }
}

/** Moves the alias (all its traffic) to the version, creating it when the machine has none of that name. */
async function pointAlias(client: SFNClient, stateMachineArn: string, alias: string, stateMachineVersionArn: string): Promise<string> {
  const { sfn } = remoteClients();
  const routingConfiguration = [{ stateMachineVersionArn, weight: 100 }];
  const stateMachineAliasArn = `${stateMachineArn}:${alias}`;
  try {
    await client.send(new sfn.DescribeStateMachineAliasCommand({ stateMachineAliasArn }));
  } catch (error) {
    if ((error as Error).name !== 'ResourceNotFound') throw error;
    const created = await client.send(new sfn.CreateStateMachineAliasCommand({ name: alias, routingConfiguration }));
    return answered(created.stateMachineAliasArn, 'CreateStateMachineAlias', 'stateMachineAliasArn');
  }
  await client.send(new sfn.UpdateStateMachineAliasCommand({ stateMachineAliasArn, routingConfiguration }));
  return stateMachineAliasArn;
}

/** The account and region (STS) and the roles to choose from (IAM); an endpoint that serves neither is `local endpoint`, its role typed. */
export async function targetIdentity(target: RemoteTarget, withRoles = true): Promise<TargetIdentity | { failure: RemoteFailure }> {
  const { sts, iam } = remoteClients();
  // One attempt: an endpoint that serves no STS or IAM answers at once, and is not asked again.
  const config = { ...clientConfig(target), maxAttempts: 1 };
  const stsClient = new sts.STSClient(config);
  const iamClient = new iam.IAMClient(config);
  try {
    let account: string | undefined;
    let arn: string | undefined;
    try {
      ({ Account: account, Arn: arn } = await stsClient.send(new sts.GetCallerIdentityCommand({})));
    } catch (error) {
      // On AWS, who the caller is comes first: no credentials, no publish.
      if (target.kind === 'aws') throw error;
    }
    const region = target.kind === 'aws' ? await stsClient.config.region() : target.region;
    const label = target.kind === 'endpoint' ? `local endpoint ${target.url}` : targetLabel(target);
    try {
      return { label, account, arn, region, roles: withRoles ? await listRoles(iamClient) : [] };
    } catch (error) {
      const { code, message } = remoteFailure(error);
      const why = target.kind === 'endpoint' ? `${target.url} serves no IAM` : `${code}: ${message}`;
      return { label, account, arn, region, roles: [], rolesUnavailable: why };
    }
  } catch (error) {
    return { failure: remoteFailure(error) };
  } finally {
    stsClient.destroy();
    iamClient.destroy();
  }
}

/** Every role of the account (ListRoles, every page), those Step Functions may assume first. */
async function listRoles(client: IAMClient): Promise<RoleChoice[]> {
  const { iam } = remoteClients();
  const roles: RoleChoice[] = [];
  let marker: string | undefined;
  do {
    const page = await client.send(new iam.ListRolesCommand({ Marker: marker }));
    for (const role of page.Roles ?? []) {
      if (!role.Arn || !role.RoleName) continue;
      roles.push({ arn: role.Arn, name: role.RoleName, trustsStepFunctions: trustsStepFunctions(role.AssumeRolePolicyDocument) });
    }
    marker = page.IsTruncated ? page.Marker : undefined;
  } while (marker);
  return roles.sort((a, b) => Number(b.trustsStepFunctions) - Number(a.trustsStepFunctions) || a.name.localeCompare(b.name));
}

/** Whether a trust policy (URL-encoded JSON, as ListRoles answers it) names states.amazonaws.com. */
function trustsStepFunctions(policy: string | undefined): boolean {
  if (!policy) return false;
  let text = policy;
  try {
    text = decodeURIComponent(policy);
  } catch {
    // Not encoded: read as it is.
  }
  return /states(\.[a-z0-9-]+)?\.amazonaws\.com/.test(text);
}
