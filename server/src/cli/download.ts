// `asl-workbench download <name|arn> --target aws|endpoint ... [-o FILE]`: a deployed machine's
// definition written to a file (pretty JSON, or YAML), never over an existing file without asking.
import * as fs from 'node:fs';
import { downloadDefinition } from '../execution/remote/download';
import { UsageError } from './execution';
import { confirmed, failed, remoteCommand } from './remoteCommand';
import { TARGET_USAGE } from './targetOptions';
import { stdout, stderr } from './output';

const USAGE = `usage: asl-workbench download <name|arn> --target aws|endpoint [--profile P --region R | --endpoint-url URL]
         [-o FILE] [--format json|yaml] [--force]

  <name|arn>        the deployed state machine: its name, or its ARN (a version's or an alias's too)
${TARGET_USAGE}  -o, --output FILE write the definition there (default: stdout)
  --format F        json (default) or yaml (default for a FILE ending in .yaml or .yml)
  --force           overwrite FILE when it exists (otherwise asked on a terminal, refused without one)
Exit status: 0 written, 1 not found, refused by AWS or not written, 2 usage.
`;

export function download(args: string[]): Promise<number> {
  return remoteCommand('download', USAGE, args, async (target, rest, argumentsRead) => {
    let stateMachine: string | undefined;
    let output: string | undefined;
    let format: string | undefined;
    let force = false;
    for (let i = 0; i < rest.length; i++) {
      if (rest[i] === '-o' || rest[i] === '--output' || rest[i] === '--format') {
        if (i + 1 >= rest.length) throw new UsageError(`${rest[i]} needs a value`);
        if (rest[i] === '--format') format = rest[++i];
        else output = rest[++i];
      } else if (rest[i] === '--force') force = true;
      else if (rest[i].startsWith('-')) throw new UsageError(`unknown option ${rest[i]}`);
      else if (stateMachine === undefined) stateMachine = rest[i];
      else throw new UsageError(`unexpected argument ${rest[i]}`);
    }
    if (stateMachine === undefined) throw new UsageError('give the state machine to download (its name or ARN)');
    format ??= output && /\.ya?ml$/i.test(output) ? 'yaml' : 'json';
    if (format !== 'json' && format !== 'yaml') throw new UsageError(`--format is json or yaml, not ${format}`);
    argumentsRead();
    if (output && fs.existsSync(output) && !force && !await confirmed(`${output} exists. Overwrite it?`, '--force')) {
      stderr.write(`asl-workbench download: ${output} left as it was\n`);
      return 1;
    }
    const result = await downloadDefinition({ target, stateMachine, format });
    if ('failure' in result) return failed(result.failure);
    if (!output) {
      stdout.write(result.text);
      return 0;
    }
    try {
      fs.writeFileSync(output, result.text);
    } catch (error) {
      stderr.write(`asl-workbench download: cannot write ${output}: ${(error as Error).message}\n`);
      return 1;
    }
    stderr.write(`${result.stateMachineArn} -> ${output}\n`);
    return 0;
  });
}
