// Diagnostics of a 2,000-line SAM template holding 5 state machines after an edit, once the first
// analysis is done: the template read again, the edited machine validated again, every diagnostic
// placed in the template. Side by side with the anchor: the same 5 definitions as files of their own,
// one of them edited, through the same service (what the template's route adds).
// Run after `npx tsc -p .`: node test/bench/templates.bench.mjs
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';

const require = createRequire(import.meta.url);
const { getLanguageService } = require('../../out/server/src/languageService/index.js');

const TARGET_MS = 30;
const EDITS = 40;
const MACHINES = 5;

/** A machine of `size` states as YAML lines indented by `indent`, Tasks calling the template's functions. */
function machineLines(size, indent, machine) {
  const pad = ' '.repeat(indent);
  const lines = [`${pad}StartAt: Step0`, `${pad}States:`];
  for (let i = 0; i < size; i++) {
    const end = i + 1 === size;
    lines.push(`${pad}  Step${i}:`);
    if (i % 3 === 0) {
      lines.push(`${pad}    Type: Task`, `${pad}    Resource: \${Function${i % 7}Arn}`, `${pad}    Retry:`, `${pad}      - ErrorEquals: [States.TaskFailed]`, `${pad}        MaxAttempts: 2`);
    } else if (i % 3 === 1) {
      lines.push(`${pad}    Type: Pass`, `${pad}    Result: { machine: ${machine}, step: ${i} }`, `${pad}    ResultPath: $.last`);
    } else {
      lines.push(`${pad}    Type: Wait`, `${pad}    Seconds: ${i}`);
    }
    lines.push(end ? `${pad}    End: true` : `${pad}    Next: Step${i + 1}`);
  }
  return lines;
}

function template(statesPerMachine) {
  const lines = ['AWSTemplateFormatVersion: "2010-09-09"', 'Transform: AWS::Serverless-2016-10-31', 'Resources:'];
  for (let f = 0; f < 7; f++) lines.push(`  Function${f}:`, '    Type: AWS::Serverless::Function', '    Properties:', `      Handler: app.handler${f}`, '      Runtime: nodejs20.x');
  const definitions = [];
  for (let m = 0; m < MACHINES; m++) {
    lines.push(`  Machine${m}:`, '    Type: AWS::Serverless::StateMachine', '    Properties:', '      DefinitionSubstitutions:');
    for (let f = 0; f < 7; f++) lines.push(`        Function${f}Arn: !GetAtt Function${f}.Arn`);
    lines.push('      Definition:');
    const machine = machineLines(statesPerMachine, 8, m);
    lines.push(...machine);
    definitions.push(machineLines(statesPerMachine, 0, m).join('\n').replace(/\$\{Function(\d)Arn\}/g, 'arn:aws:lambda:us-east-1:123456789012:function:Function$1'));
  }
  return { text: lines.join('\n') + '\n', definitions };
}

const median = (times) => [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)];

let statesPerMachine = 60;
let built = template(statesPerMachine);
while (built.text.split('\n').length < 2000) built = template(++statesPerMachine);
const { text, definitions } = built;
const lineCount = text.split('\n').length - 1;

/** Edit i: the Pass state of machine i % 5 gets one more field in its Result, as a user types in one machine after another. */
const edit = (source, i) => source.replace(`{ machine: ${i % MACHINES}, step: 1`, `{ machine: ${i % MACHINES}, step: 1, edit${i}: ${i}`);

async function measure(label, analyseAll) {
  const firstStart = performance.now();
  const first = await analyseAll(-1);
  const firstMs = performance.now() - firstStart;
  const times = [];
  let count = 0;
  for (let i = 0; i < EDITS; i++) {
    const start = performance.now();
    count = (await analyseAll(i)).length;
    times.push(performance.now() - start);
  }
  return { label, firstMs, median: median(times), best: Math.min(...times), count, firstCount: first.length };
}

const service = getLanguageService();
const uri = 'file:///bench/template.yaml';
let current = text;
const ours = await measure('template', (i) => {
  if (i >= 0) current = edit(current, i);
  return service.analyzeTemplate(uri, current, () => undefined).diagnostics();
});
// An edit outside every definition (a function's handler) reads the whole template again.
let outside = text;
const rescan = await measure('template read again', (i) => {
  if (i >= 0) outside = outside.replace(`Handler: app.handler${i % 7}`, `Handler: app.handler${i % 7}x`);
  return service.analyzeTemplate('file:///bench/outside.yaml', outside, () => undefined).diagnostics();
});
const anchorService = getLanguageService();
const files = [...definitions];
const anchor = await measure('5 files', async (i) => {
  if (i >= 0) files[i % MACHINES] = edit(files[i % MACHINES], i);
  const all = [];
  for (const [index, definition] of files.entries()) all.push(...await anchorService.analyze({ uri: `file:///bench/machine${index}.asl.yaml`, text: definition }).diagnostics());
  return all;
});

const format = ({ median: middle, best, firstMs }) => `${middle.toFixed(1).padStart(6)} ms median, ${best.toFixed(1)} ms best (first analysis ${firstMs.toFixed(1)} ms)`;
console.log(`SAM template: ${lineCount} lines, ${MACHINES} machines of ${statesPerMachine} states, ${(text.length / 1024).toFixed(0)} KiB; ${EDITS} edits`);
console.log(`  diagnostics after an edit  template ${format(ours)}, ${ours.count} diagnostics`);
console.log(`                             anchor   ${format(anchor)}, ${anchor.count} diagnostics (the 5 definitions as files)`);
console.log(`                             ratio ${(ours.median / anchor.median).toFixed(2)}x of the anchor's median; target <= ${TARGET_MS} ms: ${ours.median <= TARGET_MS ? 'met' : 'MISSED'}`);
console.log(`  an edit outside them       template ${format(rescan)} (the template read again; no target)`);
process.exitCode = ours.median <= TARGET_MS ? 0 : 1;
