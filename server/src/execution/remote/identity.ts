// Who a target's credentials are: the start form shows the account and region a run on AWS goes to
// before it starts, so that a wrong profile is seen before anything runs there.
import type { RemoteTarget, TargetIdentity } from '../../protocol';
import { clientConfig, remoteClients } from './target';
import { remoteProblem } from './remoteRun';

/** STS GetCallerIdentity with the target's profile and region; the error as the SDK names it. */
export async function targetIdentity(target: RemoteTarget): Promise<TargetIdentity> {
  const { sts } = remoteClients();
  const client = new sts.STSClient(clientConfig(target));
  try {
    const identity = await client.send(new sts.GetCallerIdentityCommand({}));
    return { account: identity.Account!, arn: identity.Arn!, region: await client.config.region() };
  } catch (error) {
    return { error: remoteProblem(target, error) };
  } finally {
    client.destroy();
  }
}
