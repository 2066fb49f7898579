// The state machines a target holds, found by name or ARN: what Publish compares against and
// updates, and what Download reads.
import type { SFNClient } from '@aws-sdk/client-sfn';
import type { DeployedMachine } from '../../protocol';
import { canonicalJson } from './definitionDiff';
import { remoteClients } from './target';

/** `arn:aws:states:...:stateMachine:Name` (a version's or an alias's too) rather than a name. */
export function isArn(stateMachine: string): boolean {
  return stateMachine.startsWith('arn:');
}

/** The name an ARN gives (`...:stateMachine:Name[:qualifier]`), or the name itself. */
export function machineName(stateMachine: string): string {
  return isArn(stateMachine) ? stateMachine.split(':')[6] ?? stateMachine : stateMachine;
}

/** The ARN of the machine of that name (ListStateMachines, every page), or of that ARN; undefined when the target has none. */
export async function findStateMachineArn(client: SFNClient, stateMachine: string): Promise<string | undefined> {
  if (isArn(stateMachine)) return stateMachine;
  const { ListStateMachinesCommand } = remoteClients().sfn;
  let nextToken: string | undefined;
  do {
    const page = await client.send(new ListStateMachinesCommand({ nextToken, maxResults: 1000 }));
    const found = page.stateMachines?.find((machine) => machine.name === stateMachine);
    if (found?.stateMachineArn) return found.stateMachineArn;
    nextToken = page.nextToken;
  } while (nextToken);
  return undefined;
}

/** The machine as deployed (its definition as AWS holds it, and in canonical form); undefined when it does not exist. */
export async function describeDeployed(client: SFNClient, stateMachine: string): Promise<(DeployedMachine & { text: string }) | undefined> {
  const stateMachineArn = await findStateMachineArn(client, stateMachine);
  if (!stateMachineArn) return undefined;
  try {
    const described = await client.send(new (remoteClients().sfn.DescribeStateMachineCommand)({ stateMachineArn }));
    const text = described.definition ?? '';
    return {
      stateMachineArn: described.stateMachineArn ?? stateMachineArn, name: described.name ?? machineName(stateMachineArn),
      type: described.type === 'EXPRESS' ? 'EXPRESS' : 'STANDARD', roleArn: described.roleArn ?? '', definition: canonical(text), text,
    };
  } catch (error) {
    if ((error as Error).name === 'StateMachineDoesNotExist') return undefined;
    throw error;
  }
}

/** A deployed definition's canonical form; AWS holds valid JSON, but a text that is not shows as it is. */
function canonical(text: string): string {
  try {
    return canonicalJson(JSON.parse(text));
  } catch {
    return text.endsWith('\n') ? text : `${text}\n`;
  }
}
