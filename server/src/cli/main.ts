// The asl-workbench command line.
const USAGE = `usage: asl-workbench <command> [options]

commands:
  run <definition>      run a state machine on the embedded interpreter
  validate <file>...    report the diagnostics of definitions
`;

function main(argv: string[]): number {
  process.stderr.write(USAGE);
  return argv.length === 0 ? 0 : 2;
}

process.exitCode = main(process.argv.slice(2));
