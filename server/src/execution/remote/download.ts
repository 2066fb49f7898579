// "Download from AWS": a deployed machine's definition (DescribeStateMachine) as the text of a file,
// pretty JSON in its own key order, or YAML. Writing it is the caller's, which asks before overwriting.
import { stringify as stringifyYaml } from '../../core/yaml';
import type { DeployedSummary, DownloadParams, DownloadResult, RemoteFailure, RemoteTarget } from '../../protocol';
import { describeDeployed, listStateMachines } from './deployedMachines';
import { remoteFailure, stepFunctionsClient, targetLabel } from './target';

export async function downloadDefinition(params: DownloadParams): Promise<DownloadResult> {
  const client = stepFunctionsClient(params.target);
  try {
    const deployed = await describeDeployed(client, params.stateMachine);
    if (!deployed) {
      return { failure: { code: 'StateMachineDoesNotExist', message: `State Machine Does Not Exist: '${params.stateMachine}' on ${targetLabel(params.target)}` } };
    }
    return { name: deployed.name, stateMachineArn: deployed.stateMachineArn, text: definitionText(deployed.text, params.format) };
  } catch (error) {
    return { failure: remoteFailure(error) };
  } finally {
    client.destroy();
  }
}

/** The machines to download from, by name. */
export async function deployedMachines(target: RemoteTarget): Promise<DeployedSummary[] | { failure: RemoteFailure }> {
  const client = stepFunctionsClient(target);
  try {
    return (await listStateMachines(client)).sort((a, b) => a.name.localeCompare(b.name));
  } catch (error) {
    return { failure: remoteFailure(error) };
  } finally {
    client.destroy();
  }
}

/** The definition AWS holds, laid out for a file; a text that is not JSON is kept as it is. */
function definitionText(text: string, format: DownloadParams['format']): string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return text;
  }
  return format === 'yaml' ? stringifyYaml(value, { lineWidth: 0 }) : `${JSON.stringify(value, null, 2)}\n`;
}
