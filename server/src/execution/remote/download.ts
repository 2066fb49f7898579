// "Download from AWS": a deployed machine's definition (DescribeStateMachine) as the text of a file,
// pretty JSON in its own key order, or YAML. Writing it is the caller's, which asks before overwriting.
import { stringify as stringifyYaml } from 'yaml';
import type { DownloadParams, DownloadResult } from '../../protocol';
import { describeDeployed } from './deployedMachines';
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
