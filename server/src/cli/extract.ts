// `asl-workbench extract <template> [--state-machine ID] [--output FILE]`: a state machine of a
// template (SAM, CloudFormation, CDK, Terraform, Serverless) as a definition of its own, its
// placeholders filled with the values the editor shows, for other tools or for a `.asl.json`.
import * as fs from 'node:fs';
import { analyzeDefinitionFile, analyzeTemplateFile, formatDiagnostic, isError } from './definitionFile';
import { UsageError } from './execution';
import { stdout, stderr } from './output';

const USAGE = `usage: asl-workbench extract <template> [--state-machine ID] [--output FILE]

  <template>        a SAM, CloudFormation or CDK template (JSON, YAML), a Terraform .tf file or a serverless.yml
  --state-machine   the machine's logical id (Terraform: the resource name; Serverless: its key);
                    default: the template's only machine
  --output FILE     write there instead of to stdout
Prints the template's problems about that machine on stderr (file:line:col).
Exit status: 0 written, 1 the definition has errors (written all the same when it reads), 2 usage or not found.
`;

export async function extract(args: string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    stdout.write(USAGE);
    return 0;
  }
  let file: string | undefined;
  let stateMachine: string | undefined;
  let output: string | undefined;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--state-machine' || args[i] === '--output') {
      if (i + 1 >= args.length) return usageError(`${args[i]} needs a value`);
      if (args[i] === '--state-machine') stateMachine = args[++i];
      else output = args[++i];
    } else if (args[i].startsWith('-')) return usageError(`unknown option ${args[i]}`);
    else if (file === undefined) file = args[i];
    else return usageError(`unexpected argument ${args[i]}`);
  }
  if (file === undefined) return usageError('give a template');
  try {
    if (!analyzeTemplateFile(file)) throw new UsageError(`${file} is not a template holding a state machine`);
    const analysis = analyzeDefinitionFile(file, {}, stateMachine);
    const diagnostics = await analysis.diagnostics();
    stderr.write(diagnostics.map((diagnostic) => formatDiagnostic(file!, diagnostic)).join(''));
    if (analysis.value === undefined) return 1;
    const text = `${JSON.stringify(analysis.value, null, 2)}\n`;
    if (output) fs.writeFileSync(output, text);
    else stdout.write(text);
    return diagnostics.some(isError) ? 1 : 0;
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    stderr.write(`asl-workbench extract: ${error.message}\n`);
    return 2;
  }
}

function usageError(message: string): number {
  stderr.write(`asl-workbench extract: ${message}\n\n${USAGE}`);
  return 2;
}
