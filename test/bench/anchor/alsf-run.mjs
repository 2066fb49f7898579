// Runs one definition on aws-local-stepfunctions (the bench baseline) and prints the output,
// as one whole process like `asl-workbench run`. Usage: node anchor/alsf-run.mjs <definition.json> <input.json>
import * as fs from 'node:fs';

// aws-local-stepfunctions 3 needs Promise.withResolvers (Node 22); Node 20 lacks it.
Promise.withResolvers ??= function withResolvers() {
  let resolve;
  let reject;
  const promise = new Promise((res, rej) => { resolve = res; reject = rej; });
  return { promise, resolve, reject };
};

const { StateMachine } = await import('aws-local-stepfunctions');
const [definitionFile, inputFile] = process.argv.slice(2);
const machine = new StateMachine(JSON.parse(fs.readFileSync(definitionFile, 'utf8')));
const output = await machine.run(JSON.parse(fs.readFileSync(inputFile, 'utf8'))).result;
process.stdout.write(JSON.stringify(output) + '\n');
