// Where in-host test output goes. code-server shows the extension host's stdout nowhere, so the
// harness passes a file in E2E_RESULTS_FILE (the extension host inherits code-server's environment);
// under @vscode/test-electron there is none and stdout reaches the terminal.
import * as fs from 'fs';

export function report(line: string): void {
  const file = process.env.E2E_RESULTS_FILE;
  if (file) fs.appendFileSync(file, line + '\n');
  else console.log(line);
}
