// The conformance cases through the Step Functions API of `serve`, driven by the AWS SDK: each case's
// definition becomes the state machine `Case` (CreateStateMachine, then UpdateStateMachine), its mocks
// one test case of a combined MockConfigFile (`Case#c<n>`), and the execution is started, polled and
// its history read as a user's code would; an EXPRESS case runs as `ExpressCase` through
// StartSyncExecution. Answers the lines `run-cases --jsonl` prints.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  CreateStateMachineCommand, DescribeExecutionCommand, GetExecutionHistoryCommand, SFNClient, StartExecutionCommand, StartSyncExecutionCommand,
  StopExecutionCommand, UpdateStateMachineCommand, ValidateStateMachineDefinitionCommand,
} from '@aws-sdk/client-sfn';

const ROLE = 'arn:aws:iam::123456789012:role/StepFunctionsLocalRole';
/** A case still running after this much real time waits for a worker nothing provides (run-cases fails it at once). */
const STUCK_MS = 2000;

/** One MockConfigFile for every case: case n's test case `c<n>`, its responses renamed `c<n>.<name>`. */
function combinedMockConfig(entries) {
  const testCases = {};
  const responses = {};
  entries.forEach(({ testCase }, n) => {
    const config = testCase.mockConfig;
    if (!config) return;
    const mapping = config.StateMachines?.Case?.TestCases?.Default ?? {};
    testCases[`c${n}`] = Object.fromEntries(Object.entries(mapping).map(([state, mock]) => [state, `c${n}.${mock}`]));
    for (const [mock, response] of Object.entries(config.MockedResponses ?? {})) responses[`c${n}.${mock}`] = response;
  });
  return { StateMachines: { Case: { TestCases: testCases }, ExpressCase: { TestCases: testCases } }, MockedResponses: responses };
}

function startServer(cli, mockConfigFile) {
  const child = spawn(process.execPath, [cli, 'serve', '--port', '0', '--mock-config', mockConfigFile], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk) => {
      output += chunk;
      const listening = /listening on (http:\/\/\S+)/.exec(output);
      if (listening) resolve({ child, url: listening[1] });
    });
    child.on('exit', (code) => reject(new Error(`serve exited (${code}): ${output}`)));
  });
}

const historyTimestamp = (event) => ({ ...event, timestamp: new Date(event.timestamp).toISOString() });

/** What each Task state was invoked with, read from the history: its scheduled event under the state's entered event. */
function taskInputsOf(events) {
  const byId = new Map(events.map((event) => [event.id, event]));
  const inputs = {};
  for (const event of events) {
    const scheduled = event.taskScheduledEventDetails?.parameters ?? event.lambdaFunctionScheduledEventDetails?.input ?? event.activityScheduledEventDetails?.input;
    if (scheduled === undefined) continue;
    let entered = byId.get(event.previousEventId);
    while (entered && !entered.type.endsWith('StateEntered')) entered = byId.get(entered.previousEventId);
    if (entered) (inputs[entered.stateEnteredEventDetails.name] ??= []).push(JSON.parse(scheduled));
  }
  return inputs;
}

/** Runs `entries` ({ testCase, file }) through a server started from `cli`; returns run-cases lines. */
export async function runThroughServer(cli, entries, isExpress) {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'asl-conformance-api-'));
  const mockConfigFile = path.join(work, 'mocks.json');
  fs.writeFileSync(mockConfigFile, JSON.stringify(combinedMockConfig(entries)));
  const { child, url } = await startServer(cli, mockConfigFile);
  // disableHostPrefix: StartSyncExecution's `sync-` host does not resolve on loopback.
  const sfn = new SFNClient({ endpoint: url, region: 'us-east-1', maxAttempts: 1, disableHostPrefix: true, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  const lines = [];
  const machines = {};
  try {
    for (const [n, { testCase, file }] of entries.entries()) {
      const name = testCase.name ?? path.basename(file, '.json');
      const definition = JSON.stringify(testCase.definition);
      const type = isExpress(name) ? 'EXPRESS' : 'STANDARD';
      if (testCase.validation?.api === 'ValidateStateMachineDefinition') {
        const { result } = await sfn.send(new ValidateStateMachineDefinitionCommand({ definition, type }));
        lines.push(JSON.stringify({ name, valid: result === 'OK' }));
        continue;
      }
      try {
        if (machines[type]) await sfn.send(new UpdateStateMachineCommand({ stateMachineArn: machines[type], definition }));
        else machines[type] = (await sfn.send(new CreateStateMachineCommand({ name: type === 'EXPRESS' ? 'ExpressCase' : 'Case', type, definition, roleArn: ROLE }))).stateMachineArn;
      } catch (error) {
        if (error.name !== 'InvalidDefinition') throw error;
        lines.push(JSON.stringify({ name, valid: false, error: error.name, message: error.message }));
        continue;
      }
      if (testCase.expected === undefined) {
        lines.push(JSON.stringify({ name, valid: true }));
        continue;
      }
      const start = { stateMachineArn: testCase.mockConfig ? `${machines[type]}#c${n}` : machines[type], input: JSON.stringify(testCase.input ?? {}) };
      if (type === 'EXPRESS') {
        // AWS keeps no history of an express execution: the answer is all there is.
        const ended = await sfn.send(new StartSyncExecutionCommand(start));
        lines.push(JSON.stringify({ name, status: ended.status, output: ended.output === undefined ? undefined : JSON.parse(ended.output), error: ended.error, cause: ended.cause }));
        continue;
      }
      const { executionArn } = await sfn.send(new StartExecutionCommand(start));
      const started = Date.now();
      let described = await sfn.send(new DescribeExecutionCommand({ executionArn }));
      while (described.status === 'RUNNING') {
        if (Date.now() - started > STUCK_MS) await sfn.send(new StopExecutionCommand({ executionArn, error: 'Stuck', cause: 'waited for a worker' }));
        await new Promise((resolve) => setTimeout(resolve, 2));
        described = await sfn.send(new DescribeExecutionCommand({ executionArn }));
      }
      const events = [];
      let nextToken;
      do {
        const page = await sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 1000, nextToken }));
        events.push(...page.events.map(historyTimestamp));
        nextToken = page.nextToken;
      } while (nextToken);
      lines.push(JSON.stringify({
        name, status: described.status, output: described.output === undefined ? undefined : JSON.parse(described.output),
        error: described.error, cause: described.cause, events, taskInputs: taskInputsOf(events),
      }));
    }
  } finally {
    sfn.destroy();
    child.kill('SIGTERM');
  }
  return lines;
}
