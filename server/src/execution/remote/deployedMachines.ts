// The state machines a target holds, found by name or ARN: what Publish compares against and
// updates, and what Download reads.
import type { SFNClient } from '@aws-sdk/client-sfn';
import type { DeployedMachine, DeployedSummary } from '../../protocol';
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

/** Every state machine of the target (ListStateMachines, every page), or until `stop` returns true for one. */
export async function listStateMachines(client: SFNClient, stop: (machine: DeployedSummary) => boolean = () => false): Promise<DeployedSummary[]> {
  const { ListStateMachinesCommand } = remoteClients().sfn;
  const machines: DeployedSummary[] = [];
  let nextToken: string | undefined;
  do {
    const page = await client.send(new ListStateMachinesCommand({ nextToken, maxResults: 1000 }));
    for (const { name, stateMachineArn, type } of page.stateMachines ?? []) {
      if (!name || !stateMachineArn) continue;
      const machine: DeployedSummary = { name, stateMachineArn, type: type === 'EXPRESS' ? 'EXPRESS' : 'STANDARD' };
      machines.push(machine);
      if (stop(machine)) return machines;
    }
    nextToken = page.nextToken;
  } while (nextToken);
  return machines;
}

/** The ARN of the machine of that name, or of that ARN; undefined when the target has none. */
export async function findStateMachineArn(client: SFNClient, stateMachine: string): Promise<string | undefined> {
  if (isArn(stateMachine)) return stateMachine;
  const machines = await listStateMachines(client, (machine) => machine.name === stateMachine);
  return machines.find((machine) => machine.name === stateMachine)?.stateMachineArn;
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
