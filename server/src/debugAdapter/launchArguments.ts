// The `asl` debug type's launch arguments, read into what an execution starts with. Relative paths
// start at the definition's folder; every problem is told in words naming the argument.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { parseExecutionInput } from '../core/apiLimits';
import type { StateMachineType, TaskResolver } from '../core/interpreter/api';
import { mockConfigResolver, type MockConfigFile } from '../core/interpreter/tasks/mockConfig';
import { localHandlerResolver, type HandlerMap } from '../core/interpreter/tasks/localHandlers';
import { stateMachineNameOf } from '../protocol';

export interface AslLaunchArguments extends DebugProtocol.LaunchRequestArguments {
  /** The definition file, JSON or YAML; or a template (SAM, CloudFormation...), with `#LogicalId` naming its machine. */
  program: string;
  /** A test file (`*.asl.test.json|yaml`) whose test `test` is debugged: its definition, input, mocks and handlers replace those arguments. */
  testFile?: string;
  test?: string;
  /** The execution input, a JSON value. */
  input?: unknown;
  /** Or a file holding it. */
  inputFile?: string;
  /** A MockConfigFile (AWS Step Functions Local's format) serving Task states. */
  mockConfig?: string;
  /** Its test case; the only one when absent. */
  testCase?: string;
  /** A template's machine (its logical id) and the mock config's; by default the template's only one, the mock config's named like the definition. */
  stateMachine?: string;
  /** Local handler modules by resource (ARN, function name or pattern with `*`), or a JSON file holding that map. */
  handlers?: Record<string, string> | string;
  handlerTimeoutSeconds?: number;
  /** Opens the Node inspector of the process running the local handlers, so that a JavaScript debugger stops in them. */
  debugHandlers?: boolean;
  stopOnEntry?: boolean;
  /** 'virtual' (default): waits and retries take no time, timestamps advance as if they did. */
  clock?: 'virtual' | 'real';
  /** EXPRESS checks the definition with its rules and runs it as StartSyncExecution does; STANDARD by default. */
  stateMachineType?: StateMachineType;
}

export class LaunchProblem extends Error {}

export interface ExecutionSetup {
  input: unknown;
  stateMachineName: string;
  taskResolvers: TaskResolver[];
  startTime?: number;
  executionName?: string;
}

function readFile(file: string, what: string): string {
  try {
    return fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  } catch (error) {
    throw new LaunchProblem(`Cannot read the ${what} ${file}: ${(error as Error).message}`);
  }
}

function readJson(file: string, what: string): unknown {
  const text = readFile(file, what);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new LaunchProblem(`The ${what} ${file} is not valid JSON: ${(error as Error).message}`);
  }
}

/** The program's file and text, and the machine a `#LogicalId` after a template's name picks. */
export function readProgram(args: AslLaunchArguments): { file: string; text: string; stateMachine?: string } {
  if (typeof args.program !== 'string' || args.program.trim() === '') throw new LaunchProblem("The launch configuration needs 'program': the state machine's definition file.");
  const hash = args.program.lastIndexOf('#');
  const file = path.resolve(hash < 0 ? args.program : args.program.slice(0, hash));
  return { file, text: readFile(file, 'definition'), stateMachine: hash < 0 ? undefined : args.program.slice(hash + 1) };
}

/** What the execution starts with; `stateMachineName` is a template machine's logical id, else the definition's file name. */
export function executionSetup(args: AslLaunchArguments, program: string, stateMachineName = stateMachineNameOf(program)): ExecutionSetup {
  const folder = path.dirname(program);
  const inputText = args.inputFile !== undefined ? readFile(path.resolve(folder, args.inputFile), "input file ('inputFile')")
    : JSON.stringify(args.input ?? {});
  const parsed = parseExecutionInput(inputText);
  if ('error' in parsed) throw new LaunchProblem(`The input: ${parsed.error}: ${parsed.message}`);
  const taskResolvers: TaskResolver[] = [];
  if (args.mockConfig) taskResolvers.push(mockResolver(args, path.resolve(folder, args.mockConfig), stateMachineName));
  if (args.handlers !== undefined) {
    const handlersFile = typeof args.handlers === 'string' ? path.resolve(folder, args.handlers) : undefined;
    const handlers = (handlersFile ? readJson(handlersFile, "handlers file ('handlers')") : args.handlers) as HandlerMap;
    taskResolvers.push(localHandlerResolver(handlers, handlersFile ? path.dirname(handlersFile) : folder));
  }
  return { input: parsed.value, stateMachineName, taskResolvers };
}

function mockResolver(args: AslLaunchArguments, file: string, definitionName: string): TaskResolver {
  const config = readJson(file, "mock config ('mockConfig')") as MockConfigFile;
  const machines = Object.keys(config?.StateMachines ?? {});
  const stateMachine = args.stateMachine ?? (machines.includes(definitionName) ? definitionName : machines.length === 1 ? machines[0] : undefined);
  if (!stateMachine) throw new LaunchProblem(`Set 'stateMachine': the mock config ${file} defines ${machines.length} state machines (${machines.join(', ')}).`);
  const cases = Object.keys(config.StateMachines?.[stateMachine]?.TestCases ?? {});
  const testCase = args.testCase ?? (cases.length === 1 ? cases[0] : undefined);
  if (!testCase) throw new LaunchProblem(`Set 'testCase': the state machine '${stateMachine}' of ${file} has ${cases.length} test cases (${cases.join(', ')}).`);
  try {
    return mockConfigResolver(config, stateMachine, testCase);
  } catch (error) {
    throw new LaunchProblem(`${file}: ${(error as Error).message}`);
  }
}
