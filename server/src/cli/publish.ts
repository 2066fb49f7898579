// `asl-workbench publish <file> --target aws|endpoint ...`: creates or updates a state machine from a
// definition (or a template's machine), printing the diff against what is deployed and asking first.
import { stateMachineNameOf, targetLabel, type LoggingLevel, type PublishParams, type RunProblem } from '../protocol';
import { previewPublish, publish as publishMachine, targetIdentity } from '../execution/remote/publish';
import { analyzeDefinitionFile } from './definitionFile';
import { parseMachineType, UsageError } from './execution';
import { confirmed, failed, remoteCommand } from './remoteCommand';
import { TARGET_USAGE } from './targetOptions';
import { stdout, stderr } from './output';

const USAGE = `usage: asl-workbench publish <file> --target aws|endpoint [--profile P --region R | --endpoint-url URL]
         [--name NAME|ARN] [--state-machine ID] [--role-arn ARN] [--type STANDARD|EXPRESS]
         [--logging-level OFF|ALL|ERROR|FATAL [--log-group-arn ARN]]
         [--publish-version [--version-description TEXT] [--alias NAME]] [--yes]

  <file>            a state machine definition (JSON, YAML) or a template holding state machines
${TARGET_USAGE}  --name NAME|ARN   the deployed machine: updated when it exists, else created (default: the
                    file's name without .asl.json, or the template machine's id)
  --state-machine   the machine of a template (its logical id); default: its only one
  --role-arn ARN    the role the machine runs as: needed to create it; an update changes it when given
  --type TYPE       STANDARD (default) or EXPRESS, for a machine created (a deployed one keeps its type)
  --logging-level   the machine's logging level; other than OFF needs --log-group-arn (CloudWatch Logs)
  --publish-version publish a version of the machine (--version-description describes it)
  --alias NAME      point that alias (all its traffic) at the new version, creating it when needed
  --yes             publish without asking (needed without a terminal)
Nothing is sent while the definition has errors or unresolved placeholders (\${Name}, Ref, Fn::...).
Prints the diff of the deployed definition against this one, then asks.
Exit status: 0 published or already up to date, 1 refused (by the definition, by you or by AWS), 2 usage.
`;

const VALUED = new Set(['--name', '--state-machine', '--role-arn', '--type', '--logging-level', '--log-group-arn', '--version-description', '--alias']);
const LOGGING_LEVELS: LoggingLevel[] = ['OFF', 'ALL', 'ERROR', 'FATAL'];

export function publish(args: string[]): Promise<number> {
  return remoteCommand('publish', USAGE, args, async (target, rest, argumentsRead) => {
    const values: Record<string, string> = {};
    const flags = new Set<string>();
    let file: string | undefined;
    for (let i = 0; i < rest.length; i++) {
      if (VALUED.has(rest[i])) {
        if (i + 1 >= rest.length) throw new UsageError(`${rest[i]} needs a value`);
        values[rest[i]] = rest[++i];
      } else if (rest[i] === '--publish-version' || rest[i] === '--yes') flags.add(rest[i]);
      else if (rest[i].startsWith('-')) throw new UsageError(`unknown option ${rest[i]}`);
      else if (file === undefined) file = rest[i];
      else throw new UsageError(`unexpected argument ${rest[i]}`);
    }
    if (file === undefined) throw new UsageError('give the definition to publish');
    const type = values['--type'] === undefined ? undefined : parseMachineType(values['--type']);
    const loggingLevel = values['--logging-level']?.toUpperCase() as LoggingLevel | undefined;
    if (loggingLevel && !LOGGING_LEVELS.includes(loggingLevel)) throw new UsageError(`--logging-level is ${LOGGING_LEVELS.join(', ')}, not ${values['--logging-level']}`);
    // AWS refuses a level other than OFF without a destination; said before anything is sent.
    if (loggingLevel && loggingLevel !== 'OFF' && values['--log-group-arn'] === undefined) throw new UsageError(`--logging-level ${loggingLevel} needs --log-group-arn (the CloudWatch Logs group the machine logs to)`);
    if (values['--alias'] !== undefined && !flags.has('--publish-version')) throw new UsageError('--alias points at the version published: give --publish-version');
    if (values['--version-description'] !== undefined && !flags.has('--publish-version')) throw new UsageError('--version-description describes the version published: give --publish-version');
    argumentsRead();

    const analyzeAs = (machineType: 'STANDARD' | 'EXPRESS') => analyzeDefinitionFile(file!, { machineType }, values['--state-machine']);
    const analysis = analyzeAs(type ?? 'STANDARD');
    const params: PublishParams = {
      definition: { uri: file, text: analysis.document.textDocument.getText() },
      target,
      stateMachine: values['--name'] ?? stateMachineNameOf(analysis.machineId === undefined ? file : `${file}#${analysis.machineId}`),
      roleArn: values['--role-arn'], type, loggingLevel, logGroupArn: values['--log-group-arn'],
      publishVersion: flags.has('--publish-version'), versionDescription: values['--version-description'], alias: values['--alias'],
    };
    if (target.kind === 'aws') {
      const identity = await targetIdentity(target, false);
      if ('failure' in identity) return failed(identity.failure);
      stdout.write(`target: ${identity.label}, account ${identity.account}, region ${identity.region ?? '(none)'}\n`);
    }
    const preview = await previewPublish(analyzeAs, params);
    if ('refused' in preview) return refused(file, preview.refused, preview.problems);
    if ('failure' in preview) return failed(preview.failure);
    if (!preview.deployed && !params.roleArn) throw new UsageError(`${params.stateMachine} is not deployed on ${targetLabel(target)}: creating it needs --role-arn`);
    const changesOtherThanDefinition = params.roleArn !== undefined || loggingLevel !== undefined || params.publishVersion;
    if (preview.deployed && preview.equal && !changesOtherThanDefinition) {
      stdout.write(`${preview.deployed.stateMachineArn} is up to date: its definition is this one.\n`);
      return 0;
    }
    if (preview.deployed && type && type !== preview.deployed.type) {
      stderr.write(`asl-workbench publish: ${preview.deployed.name} is ${preview.deployed.type}: a deployed machine keeps its type (--type ${type} is for one created)\n`);
    }
    stdout.write(preview.deployed ? `update ${preview.deployed.stateMachineArn}\n` : `create ${params.stateMachine} (${type ?? 'STANDARD'})\n`);
    stdout.write(preview.equal ? 'the definition is unchanged\n' : preview.diff);
    if (!flags.has('--yes') && !await confirmed(preview.deployed ? 'Update it?' : 'Create it?', '--yes')) {
      stderr.write('asl-workbench publish: nothing published\n');
      return 1;
    }
    const result = await publishMachine(analyzeAs, params);
    if ('refused' in result) return refused(file, result.refused, result.problems);
    if ('failure' in result) return failed(result.failure);
    stdout.write(`${result.created ? 'created' : 'updated'} ${result.stateMachineArn}\n`);
    if (result.versionArn) stdout.write(`version ${result.versionArn}\n`);
    if (result.aliasArn) stdout.write(`alias ${result.aliasArn} -> ${result.versionArn}\n`);
    return 0;
  });
}

function refused(file: string, why: 'placeholders' | 'errors', problems: RunProblem[]): number {
  stderr.write(`asl-workbench publish: nothing published: ${why === 'placeholders' ? 'resolve these placeholders first' : 'the definition has errors'}\n`);
  for (const { message, range } of problems) stderr.write(`${file}${range ? `:${range.start.line + 1}:${range.start.character + 1}` : ''} ${message}\n`);
  return 1;
}
