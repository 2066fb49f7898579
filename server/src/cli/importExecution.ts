// `import-execution <history.json> --state-machine <definition>`: turns an execution recorded by AWS
// (`aws stepfunctions get-execution-history --output json`) into a test that replays it offline:
// its input, each Task's answers as mocks, and how it ended as the expectation.
import * as path from 'node:path';
import { saveTest } from '../testing/saveTest';
import { analyzeDefinitionFile } from './definitionFile';
import { readJsonFile, UsageError } from './execution';
import { stdout, stderr } from './output';

const USAGE = `usage: asl-workbench import-execution <history.json> --state-machine <definition>
         [--describe <describe.json>] [--name NAME] [--test-file FILE]

  <history.json>      the output of: aws stepfunctions get-execution-history --execution-arn ARN --output json
                      (all its pages: --no-paginate off, the default)
  --state-machine     the definition the execution ran (JSON or YAML)
  --describe FILE     the output of: aws stepfunctions describe-execution --execution-arn ARN (its name)
  --name NAME         the test's name (default: the execution's name, else "imported execution")
  --test-file FILE    the test file to add the test to (default: <definition>.asl.test.json beside it)
Exit status: 0 written, 2 usage or a history that cannot become a test.
`;

export async function importExecution(args: string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    stdout.write(USAGE);
    return 0;
  }
  try {
    const options: Record<string, string> = {};
    let historyFile: string | undefined;
    for (let i = 0; i < args.length; i++) {
      const arg = args[i];
      if (['--state-machine', '--describe', '--name', '--test-file'].includes(arg)) {
        if (i + 1 >= args.length) throw new UsageError(`${arg} needs a value`);
        options[arg] = args[++i];
      } else if (arg.startsWith('-')) throw new UsageError(`unknown option ${arg}`);
      else if (historyFile === undefined) historyFile = arg;
      else throw new UsageError(`unexpected argument ${arg}`);
    }
    if (!historyFile || !options['--state-machine']) throw new UsageError('give the history file and --state-machine');
    const definition = path.resolve(options['--state-machine']);
    const analysis = analyzeDefinitionFile(definition);
    const history = readJsonFile(historyFile, 'history');
    const described = options['--describe'] ? readJsonFile(options['--describe'], 'describe-execution output') as { name?: string } : undefined;
    const states = (analysis.value as { States?: object } | undefined)?.States;
    const saved = await saveTest({
      definition, definitionText: analysis.document.textDocument.getText(), history, described,
      name: options['--name'] ?? described?.name ?? 'imported execution',
      testFile: options['--test-file'] === undefined ? undefined : path.resolve(options['--test-file']),
    }, states && typeof states === 'object' ? Object.keys(states) : undefined);
    if ('error' in saved) throw new UsageError(saved.error);
    stdout.write(`Added the test '${saved.name}' to ${path.relative(process.cwd(), saved.testFile)}\n`);
    return 0;
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    stderr.write(`asl-workbench import-execution: ${error.message}\n\n${USAGE}`);
    return 2;
  }
}
