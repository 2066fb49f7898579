// The asl-workbench command line: one module per command, dispatched here.
import { version } from '../../../package.json';
import { stdout, stderr } from './output';

const USAGE = `usage: asl-workbench <command> [options]

commands:
  run <definition>      run a state machine on the embedded interpreter
  run-cases <path>...   run conformance case files and print one JSON line per case
  validate <file>...    report the diagnostics of definitions
  serve                 serve the AWS Step Functions API on localhost (port 8083)
  test [file|dir]...    run the tests of state machines (*.asl.test.json|yaml)
  import-execution <history.json> --state-machine <definition>
                        turn an AWS execution's history into a test that replays it
  extract <template>    write a state machine of a template as a definition, placeholders filled
  publish <file> --target aws|endpoint ...
                        create or update the state machine on AWS (or an endpoint), after its diff
  download <name|arn> --target aws|endpoint ...
                        write a deployed state machine's definition to a file

  asl-workbench <command> --help   the options of a command
  asl-workbench --version          the version
`;

type Command = (args: string[]) => Promise<number>;

/** Each command module registers one line here. */
const commands: Record<string, () => Promise<Command>> = {
  run: async () => (await import('./run.js')).run,
  'run-cases': async () => (await import('./runCases.js')).runCases,
  validate: async () => (await import('./validate.js')).validate,
  serve: async () => (await import('./serve.js')).serve,
  test: async () => (await import('./test.js')).test,
  'import-execution': async () => (await import('./importExecution.js')).importExecution,
  extract: async () => (await import('./extract.js')).extract,
  publish: async () => (await import('./publish.js')).publish,
  download: async () => (await import('./download.js')).download,
};

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (name === '--help' || name === '-h' || name === 'help') {
    stdout.write(USAGE);
    return 0;
  }
  if (name === '--version' || name === '-v') {
    stdout.write(`${version}\n`);
    return 0;
  }
  const load = name === undefined ? undefined : commands[name];
  if (!load) {
    stderr.write(`${name === undefined ? '' : `asl-workbench: unknown ${name.startsWith('-') ? 'option' : 'command'} '${name}'\n\n`}${USAGE}`);
    return 2;
  }
  return (await load())(args);
}

/**
 * Ends the process once a command's output is written: a command returns its status when its work is
 * done, and waiting for the event loop to empty would only let the garbage collector finish a collection
 * of a heap about to go (after a 20,000-event run, a full one: 5-8 ms of CPU). A process of its own still
 * ending (an execution's, stopped by force) is waited for, as the end of the event loop waits for it.
 */
function exitOnceWritten(code: number): void {
  process.exitCode = code;
  let unwritten = 2;
  const written = () => {
    if (--unwritten === 0 && !process.getActiveResourcesInfo().includes('ProcessWrap')) process.exit(code);
  };
  stdout.flushed(written);
  stderr.flushed(written);
}

main(process.argv.slice(2)).then(exitOnceWritten, (error) => {
  stderr.write(`asl-workbench: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 2;
});
