// `--target local|aws|endpoint [--profile P] [--region R] [--endpoint-url URL]`: where a command
// sends its work, read alike by every command that reaches a target (publish, download, run).
import type { RunTarget } from '../protocol';
import { endpointUrl, UsageError } from './execution';

export const TARGET_USAGE = `  --target T        aws: AWS, credentials from the AWS SDK's default chain (environment, shared
                    config and credentials files, SSO); endpoint: a Step Functions-compatible URL
                    (asl-workbench serve, LocalStack)
  --profile P       the shared config file's profile (--target aws)
  --region R        the region (--target aws: default the profile's; endpoint: us-east-1)
  --endpoint-url U  the endpoint's URL (--target endpoint; implies it)
`;

const TARGET_OPTIONS = new Set(['--target', '--profile', '--region', '--endpoint-url']);

/**
 * Takes the target's options out of `args`: the target they name (undefined when none is given) and the
 * arguments left for the command. `kinds` lists the targets the command accepts.
 */
export function takeTargetOptions(args: string[], kinds: RunTarget['kind'][]): { target?: RunTarget; rest: string[] } {
  const values: Record<string, string> = {};
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (!TARGET_OPTIONS.has(args[i])) {
      rest.push(args[i]);
      continue;
    }
    if (i + 1 >= args.length || args[i + 1].startsWith('--')) throw new UsageError(`${args[i]} needs a value`);
    values[args[i]] = args[++i];
  }
  const kind = values['--target'] ?? (values['--endpoint-url'] !== undefined ? 'endpoint' : values['--profile'] !== undefined ? 'aws' : undefined);
  if (kind === undefined) {
    if (values['--region'] !== undefined) throw new UsageError('--region needs --target aws or --target endpoint');
    return { rest };
  }
  if (!(kinds as string[]).includes(kind)) throw new UsageError(`--target is ${kinds.join(', ')}, not ${kind}`);
  const { '--profile': profile, '--region': region, '--endpoint-url': url } = values;
  if (kind === 'local') {
    if (profile ?? region ?? url) throw new UsageError('--profile, --region and --endpoint-url are for --target aws or endpoint');
    return { target: { kind: 'local' }, rest };
  }
  if (kind === 'aws') {
    if (url !== undefined) throw new UsageError('--endpoint-url is for --target endpoint');
    return { target: { kind: 'aws', ...(profile ? { profile } : {}), ...(region ? { region } : {}) }, rest };
  }
  if (url === undefined) throw new UsageError('--target endpoint needs --endpoint-url URL');
  if (profile !== undefined) throw new UsageError('--profile is for --target aws');
  return { target: { kind: 'endpoint', url: endpointUrl('--endpoint-url', url), ...(region ? { region } : {}) }, rest };
}
