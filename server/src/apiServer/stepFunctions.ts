// The Step Functions API on the embedded interpreter: state machines (with versions and aliases),
// executions, task tokens, activities and tags, as the actions of the AWS API model answer them.
// Definitions go through the language service's one analysis (CreateStateMachine refuses what the
// editor marks as an error, with AWS's codes); executions run in this process on the virtual clock
// (a Task waiting for a worker stands virtual time still), so that a StartSyncExecution answers in
// a few milliseconds. With a journal (--data DIR) every change is on disk before it is acknowledged.
import { randomUUID } from 'node:crypto';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import type { AslLanguageService } from '../languageService';
import type { Compiled } from '../languageService/analysis';
import { executionArnOf, statesArn, type Execution, type ExecutionResult, type ExecutionStatus, type HistoryEvent, type RedriveOptions, type TaskResolver } from '../core/interpreter';
import { executionNameProblem, parseExecutionInput } from '../core/apiLimits';
import { mockConfigResolver, type MockConfigFile } from '../core/interpreter/tasks/mockConfig';
import {
  activityDoesNotExist, ApiError, executionDoesNotExist, invalidArn, invalidToken, missingMember, resourceNotFound, stateMachineDoesNotExist, text,
} from './errors';
import type { Journal } from './journal';
import { taskTokenActions, Workers, type TaskTokenAnswers } from './workers';
import type { CallAwsOptions, TaskTokenAnswer } from '../protocol';
import { awsResolver } from '../execution/aws/awsResolver';
import { s3ObjectStore } from '../execution/aws/s3Objects';
import { prepareTestState } from './testState';

type MachineType = 'STANDARD' | 'EXPRESS';
type Input = Record<string, unknown>;
type Tag = { key: string; value: string };

interface Version {
  version: number;
  definition: string;
  roleArn: string;
  description?: string;
  creationDate: number;
  revisionId: string;
}

interface Alias {
  name: string;
  description?: string;
  routingConfiguration: { stateMachineVersionArn: string; weight: number }[];
  creationDate: number;
  updateDate?: number;
}

interface StateMachine {
  name: string;
  type: MachineType;
  definition: string;
  roleArn: string;
  description?: string;
  loggingConfiguration: unknown;
  tracingConfiguration: unknown;
  creationDate: number;
  updateDate?: number;
  revisionId: string;
  versions: Version[];
  nextVersion: number;
  aliases: Alias[];
}

interface Activity {
  name: string;
  creationDate: number;
}

/** An execution as DescribeExecution shows it; `seq` orders the list, newest first. */
interface ExecutionRecord {
  seq: number;
  executionArn: string;
  stateMachineName: string;
  versionArn?: string;
  aliasArn?: string;
  name: string;
  status: ExecutionStatus;
  startDate: number;
  stopDate?: number;
  input: string;
  output?: string;
  error?: string;
  cause?: string;
  /** The state machine as the execution ran it (DescribeStateMachineForExecution). */
  definition: string;
  roleArn: string;
  revisionId: string;
  /** The mock test case it was started with (`#TestCaseName`): a redrive answers from the same mocks. */
  testCase?: string;
  redriveCount: number;
  redriveDate?: number;
  events: HistoryEvent[];
}

/** What the journal holds, one record per line; replaying them in order rebuilds the server's state. */
type JournalRecord =
  | { t: 'machine'; machine: StateMachine }
  | { t: 'deleteMachine'; name: string }
  | { t: 'activity'; activity: Activity }
  | { t: 'deleteActivity'; name: string }
  | { t: 'tags'; arn: string; tags: Tag[] }
  | { t: 'start'; execution: Omit<ExecutionRecord, 'events'> }
  | { t: 'event'; arn: string; event: HistoryEvent }
  | { t: 'end'; arn: string; end: Pick<ExecutionRecord, 'status' | 'stopDate' | 'output' | 'error' | 'cause'> }
  | { t: 'redrive'; arn: string; redrive: Pick<ExecutionRecord, 'redriveCount' | 'redriveDate'> };

export interface ServiceOptions {
  mockConfig?: MockConfigFile;
  /** Local handlers (resolved by the caller) tried after the mocks. */
  handlers?: TaskResolver;
  objectsFolder?: string;
  journal?: Journal;
  /** How long GetActivityTask waits for a task (AWS: 60 s). */
  activityPollMs?: number;
  /**
   * Hybrid executions: the Tasks no mock or handler serves call AWS (a `.waitForTaskToken` one waits for
   * a worker's SendTaskSuccess here), and a Distributed Map reads and writes S3 itself.
   */
  callAws?: CallAwsOptions;
  /** Answers the tokens no Task of this server waits for: the waiting Tasks of VS Code's hybrid runs, reached through the extension. */
  taskTokensElsewhere?: TaskTokenAnswers;
}

type CompiledMachine = Extract<Compiled, { machine: unknown }>['machine'];

/** A redriven execution runs again: its end is forgotten until it ends anew. */
const RESUMED: Partial<ExecutionRecord> = { status: 'RUNNING', output: undefined, error: undefined, cause: undefined, stopDate: undefined };

const DEFAULT_PAGE = 100;
const MAX_PAGE = 1000;
/** What an execution in flight when the server stopped ends with on restart. */
export const INTERRUPTED_CAUSE = 'The local endpoint stopped (it was killed or crashed) while this execution ran; RedriveExecution continues it from its history.';

const seconds = (millis: number) => millis / 1000;

/** AWS's redrive limits (Developer Guide, "Redriving executions"; API reference, RedriveExecution). */
const REDRIVABLE_DAYS = 14;
const MAX_REDRIVES = 1000;
const MAX_REDRIVABLE_EVENTS = 24_999;

export class StepFunctions {
  private readonly machines = new Map<string, StateMachine>();
  private readonly activities = new Map<string, Activity>();
  private readonly executions = new Map<string, ExecutionRecord>();
  private readonly running = new Map<string, { execution: Execution; input: string }>();
  private readonly tags = new Map<string, Tag[]>();
  private readonly workers = new Workers((arn) => this.activityName(arn));
  private readonly objectStore;
  private seq = 0;

  constructor(private readonly analyzer: Pick<AslLanguageService, 'analyze'>, private readonly options: ServiceOptions = {}) {
    this.objectStore = options.callAws && s3ObjectStore(options.callAws);
  }

  // ------------------------------------------------------------------ dispatch

  /** The actions by name, as X-Amz-Target names them (`AWSStepFunctions.<Action>`). */
  readonly actions: Record<string, (input: Input) => Promise<unknown> | unknown> = {
    CreateStateMachine: (input) => this.createStateMachine(input),
    UpdateStateMachine: (input) => this.updateStateMachine(input),
    DescribeStateMachine: (input) => this.describeStateMachine(input),
    ListStateMachines: (input) => this.page(input, [...this.machines.values()].sort(byName), (machine) => machine.name,
      (machine) => ({ stateMachineArn: statesArn('stateMachine', machine.name), name: machine.name, type: machine.type, creationDate: seconds(machine.creationDate) }), 'stateMachines'),
    DeleteStateMachine: (input) => this.deleteStateMachine(input),
    DescribeStateMachineForExecution: (input) => this.describeStateMachineForExecution(input),
    ValidateStateMachineDefinition: (input) => this.validateStateMachineDefinition(input),
    StartExecution: (input) => this.startExecution(input, false),
    StartSyncExecution: (input) => this.startExecution(input, true),
    StopExecution: (input) => this.stopExecution(input),
    RedriveExecution: (input) => this.redriveExecution(input),
    DescribeExecution: (input) => this.describeExecution(input),
    ListExecutions: (input) => this.listExecutions(input),
    GetExecutionHistory: (input) => this.getExecutionHistory(input),
    ...taskTokenActions({ answer: (taskToken, answer) => this.answerTask(taskToken, answer) }),
    CreateActivity: (input) => this.createActivity(input),
    DescribeActivity: (input) => {
      const { name, activity } = this.activity(text(input, 'activityArn', true));
      return { activityArn: statesArn('activity', name), name, creationDate: seconds(activity.creationDate) };
    },
    ListActivities: (input) => this.page(input, [...this.activities.values()].sort(byName), (activity) => activity.name,
      (activity) => ({ activityArn: statesArn('activity', activity.name), name: activity.name, creationDate: seconds(activity.creationDate) }), 'activities'),
    DeleteActivity: (input) => this.deleteActivity(input),
    GetActivityTask: (input) => this.getActivityTask(input),
    PublishStateMachineVersion: (input) => this.publishVersion(input),
    ListStateMachineVersions: (input) => {
      const machine = this.machine(text(input, 'stateMachineArn', true)).machine;
      const versions = [...machine.versions].reverse();
      return this.page(input, versions, (version) => String(version.version),
        (version) => ({ stateMachineVersionArn: statesArn('stateMachine', machine.name, String(version.version)), creationDate: seconds(version.creationDate) }), 'stateMachineVersions');
    },
    DeleteStateMachineVersion: (input) => this.deleteVersion(input),
    CreateStateMachineAlias: (input) => this.createAlias(input),
    DescribeStateMachineAlias: (input) => {
      const { machine, alias } = this.alias(text(input, 'stateMachineAliasArn', true));
      return {
        stateMachineAliasArn: statesArn('stateMachine', machine.name, alias.name), name: alias.name, description: alias.description,
        routingConfiguration: alias.routingConfiguration, creationDate: seconds(alias.creationDate), updateDate: seconds(alias.updateDate ?? alias.creationDate),
      };
    },
    UpdateStateMachineAlias: (input) => this.updateAlias(input),
    DeleteStateMachineAlias: (input) => this.deleteAlias(input),
    ListStateMachineAliases: (input) => {
      const machine = this.machine(text(input, 'stateMachineArn', true)).machine;
      return this.page(input, [...machine.aliases].sort(byName), (alias) => alias.name,
        (alias) => ({ stateMachineAliasArn: statesArn('stateMachine', machine.name, alias.name), creationDate: seconds(alias.creationDate) }), 'stateMachineAliases');
    },
    TestState: (input) => this.testState(input),
    TagResource: (input) => this.tagResource(input),
    UntagResource: (input) => this.untagResource(input),
    ListTagsForResource: (input) => ({ tags: this.taggedResource(text(input, 'resourceArn', true)) }),
  };

  // ------------------------------------------------------------------ state machines

  private async createStateMachine(input: Input) {
    const name = text(input, 'name', true);
    checkName(name);
    const definition = text(input, 'definition', true);
    const roleArn = text(input, 'roleArn', true);
    const type = machineType(input.type);
    await this.compile(name, definition, type);
    const arn = statesArn('stateMachine', name);
    const existing = this.machines.get(name);
    if (existing) {
      // AWS answers the same state machine again when everything matches, and refuses a different one by that name.
      if (existing.definition === definition && existing.roleArn === roleArn && existing.type === type) {
        return { stateMachineArn: arn, creationDate: seconds(existing.creationDate) };
      }
      throw new ApiError('StateMachineAlreadyExists', `State Machine Already Exists: '${arn}'`);
    }
    const machine: StateMachine = {
      name, type, definition, roleArn, creationDate: Date.now(), revisionId: randomUUID(), versions: [], nextVersion: 1, aliases: [],
      description: text(input, 'versionDescription'),
      loggingConfiguration: input.loggingConfiguration ?? { level: 'OFF', includeExecutionData: false },
      tracingConfiguration: input.tracingConfiguration ?? { enabled: false },
    };
    const version = input.publish === true ? this.addVersion(machine, text(input, 'versionDescription')) : undefined;
    this.machines.set(name, machine);
    this.journal({ t: 'machine', machine });
    const tags = tagList(input.tags);
    if (tags.length) this.setTags(arn, tags);
    await this.commit();
    return { stateMachineArn: arn, creationDate: seconds(machine.creationDate), ...(version ? { stateMachineVersionArn: version } : {}) };
  }

  private async updateStateMachine(input: Input) {
    const { machine, qualifier } = this.machine(text(input, 'stateMachineArn', true));
    if (qualifier !== undefined) throw invalidArn(`Invalid ARN: a state machine version or alias cannot be updated`);
    const definition = text(input, 'definition');
    const roleArn = text(input, 'roleArn');
    if (definition === undefined && roleArn === undefined && input.loggingConfiguration === undefined && input.tracingConfiguration === undefined) {
      throw new ApiError('MissingRequiredParameter', 'Either the definition, the role ARN, the LoggingConfiguration, or the TracingConfiguration must be specified');
    }
    if (definition !== undefined) await this.compile(machine.name, definition, machine.type);
    const changed = (definition !== undefined && definition !== machine.definition) || (roleArn !== undefined && roleArn !== machine.roleArn);
    if (definition !== undefined) machine.definition = definition;
    if (roleArn !== undefined) machine.roleArn = roleArn;
    if (input.loggingConfiguration !== undefined) machine.loggingConfiguration = input.loggingConfiguration;
    if (input.tracingConfiguration !== undefined) machine.tracingConfiguration = input.tracingConfiguration;
    machine.updateDate = Date.now();
    if (changed) machine.revisionId = randomUUID();
    const version = input.publish === true ? this.addVersion(machine, text(input, 'versionDescription')) : undefined;
    this.journal({ t: 'machine', machine });
    await this.commit();
    return { updateDate: seconds(machine.updateDate), revisionId: machine.revisionId, ...(version ? { stateMachineVersionArn: version } : {}) };
  }

  private describeStateMachine(input: Input) {
    const arn = text(input, 'stateMachineArn', true);
    const { machine, version } = this.machine(arn);
    const base = {
      stateMachineArn: version ? statesArn('stateMachine', machine.name, String(version.version)) : statesArn('stateMachine', machine.name),
      name: machine.name, status: 'ACTIVE', type: machine.type,
      loggingConfiguration: machine.loggingConfiguration, tracingConfiguration: machine.tracingConfiguration,
    };
    if (version) {
      return { ...base, definition: version.definition, roleArn: version.roleArn, creationDate: seconds(version.creationDate), revisionId: version.revisionId, description: version.description };
    }
    return { ...base, definition: machine.definition, roleArn: machine.roleArn, creationDate: seconds(machine.creationDate), revisionId: machine.revisionId };
  }

  private async deleteStateMachine(input: Input) {
    const arn = text(input, 'stateMachineArn', true);
    const { name, qualifier } = parseArn(arn, 'stateMachine');
    if (qualifier !== undefined) return this.deleteVersionOrAlias(arn);
    // Deleting is idempotent: a state machine that does not exist is already deleted.
    if (!this.machines.delete(name)) return {};
    this.tags.delete(statesArn('stateMachine', name));
    this.journal({ t: 'deleteMachine', name });
    await this.commit();
    return {};
  }

  private deleteVersionOrAlias(arn: string) {
    const { qualifier } = parseArn(arn, 'stateMachine');
    return /^\d+$/.test(qualifier!) ? this.deleteVersion({ stateMachineVersionArn: arn }) : this.deleteAlias({ stateMachineAliasArn: arn });
  }

  private async validateStateMachineDefinition(input: Input) {
    const definition = text(input, 'definition', true);
    const type = machineType(input.type);
    const analysis = this.analyzer.analyze({ uri: 'stepfunctions:/validate.asl.json', text: definition }, { machineType: type });
    const all = await analysis.diagnostics();
    const severity = input.severity === 'WARNING' ? 'WARNING' : 'ERROR';
    const maxResults = typeof input.maxResults === 'number' && input.maxResults > 0 ? input.maxResults : DEFAULT_PAGE;
    const diagnostics = all
      .filter((diagnostic) => severity === 'WARNING' ? diagnostic.severity !== DiagnosticSeverity.Information && diagnostic.severity !== DiagnosticSeverity.Hint : isError(diagnostic))
      .map((diagnostic) => ({ severity: isError(diagnostic) ? 'ERROR' : 'WARNING', ...awsDiagnostic(diagnostic) }));
    const compiled = await analysis.compiled();
    return {
      result: compiled.errors.length ? 'FAIL' : 'OK',
      diagnostics: diagnostics.slice(0, maxResults),
      truncated: diagnostics.length > maxResults,
    };
  }

  private async compile(name: string, definition: string, type: MachineType): Promise<CompiledMachine> {
    const analysis = this.analyzer.analyze({ uri: `stepfunctions:/${encodeURIComponent(name)}.asl.json`, text: definition }, { machineType: type });
    const compiled = await analysis.compiled();
    if (!('machine' in compiled)) {
      const messages = compiled.errors.map((diagnostic) => awsMessage(diagnostic));
      throw new ApiError('InvalidDefinition', `Invalid State Machine Definition: '${messages.join(', ')}'`);
    }
    return compiled.machine;
  }

  // ------------------------------------------------------------------ versions and aliases

  private addVersion(machine: StateMachine, description: string | undefined): string {
    const latest = machine.versions[machine.versions.length - 1];
    // Publishing an unchanged revision answers the version it already has.
    if (latest && latest.revisionId === machine.revisionId) return statesArn('stateMachine', machine.name, String(latest.version));
    const version: Version = {
      version: machine.nextVersion++, definition: machine.definition, roleArn: machine.roleArn, description,
      creationDate: Date.now(), revisionId: machine.revisionId,
    };
    machine.versions.push(version);
    return statesArn('stateMachine', machine.name, String(version.version));
  }

  private async publishVersion(input: Input) {
    const { machine, qualifier } = this.machine(text(input, 'stateMachineArn', true));
    if (qualifier !== undefined) throw invalidArn('Invalid ARN: only an unqualified state machine ARN can publish a version');
    const revisionId = text(input, 'revisionId');
    if (revisionId !== undefined && revisionId !== machine.revisionId) {
      throw new ApiError('ConflictException', `Failed to publish the State Machine version for revision ${revisionId}. The current State Machine revision is ${machine.revisionId}.`);
    }
    const arn = this.addVersion(machine, text(input, 'description'));
    this.journal({ t: 'machine', machine });
    await this.commit();
    const version = machine.versions[machine.versions.length - 1];
    return { stateMachineVersionArn: arn, creationDate: seconds(version.creationDate) };
  }

  private async deleteVersion(input: Input) {
    const arn = text(input, 'stateMachineVersionArn', true);
    const { name, qualifier } = parseArn(arn, 'stateMachine');
    if (qualifier === undefined || !/^\d+$/.test(qualifier)) throw invalidArn(`Invalid ARN: not a state machine version ARN: ${arn}`);
    const machine = this.machines.get(name);
    if (!machine) return {};
    const referencing = machine.aliases.find((alias) => alias.routingConfiguration.some((route) => parseArn(route.stateMachineVersionArn, 'stateMachine').qualifier === qualifier));
    if (referencing) {
      throw new ApiError('ConflictException', `Version to be deleted must not be referenced by an alias. Current list of aliases referencing this version: [${statesArn('stateMachine', name, referencing.name)}]`);
    }
    machine.versions = machine.versions.filter((version) => String(version.version) !== qualifier);
    this.journal({ t: 'machine', machine });
    await this.commit();
    return {};
  }

  private routing(machine: StateMachine, value: unknown): Alias['routingConfiguration'] {
    if (!Array.isArray(value) || value.length < 1 || value.length > 2) throw validation("Value at 'routingConfiguration' failed to satisfy constraint: Member must have length between 1 and 2");
    const routes = value.map((route: Record<string, unknown>) => ({ stateMachineVersionArn: String(route?.stateMachineVersionArn), weight: Number(route?.weight) }));
    for (const route of routes) {
      const { version } = this.machine(route.stateMachineVersionArn);
      if (!version || !machine.versions.includes(version)) throw validation(`Routing configuration must contain state machine version ARNs of ${machine.name}`);
    }
    if (routes.reduce((sum, route) => sum + route.weight, 0) !== 100) throw validation('Sum of routing configuration weights must be equal to 100');
    return routes;
  }

  private async createAlias(input: Input) {
    const name = text(input, 'name', true);
    checkName(name);
    if (/^\d+$/.test(name)) throw new ApiError('InvalidName', `Invalid Name: '${name}'`);
    const routes = input.routingConfiguration;
    const first = Array.isArray(routes) ? (routes[0] as Record<string, unknown>)?.stateMachineVersionArn : undefined;
    if (typeof first !== 'string') throw missingMember('routingConfiguration');
    const machine = this.machine(first).machine;
    const routingConfiguration = this.routing(machine, routes);
    const arn = statesArn('stateMachine', machine.name, name);
    if (machine.aliases.some((alias) => alias.name === name)) throw new ApiError('ConflictException', `An alias with the name ${name} already exists: ${arn}`);
    const alias: Alias = { name, description: text(input, 'description'), routingConfiguration, creationDate: Date.now() };
    machine.aliases.push(alias);
    this.journal({ t: 'machine', machine });
    await this.commit();
    return { stateMachineAliasArn: arn, creationDate: seconds(alias.creationDate) };
  }

  private async updateAlias(input: Input) {
    const { machine, alias } = this.alias(text(input, 'stateMachineAliasArn', true));
    if (input.routingConfiguration !== undefined) alias.routingConfiguration = this.routing(machine, input.routingConfiguration);
    const description = text(input, 'description');
    if (description !== undefined) alias.description = description;
    alias.updateDate = Date.now();
    this.journal({ t: 'machine', machine });
    await this.commit();
    return { updateDate: seconds(alias.updateDate) };
  }

  private async deleteAlias(input: Input) {
    const arn = text(input, 'stateMachineAliasArn', true);
    const { name, qualifier } = parseArn(arn, 'stateMachine');
    const machine = this.machines.get(name);
    if (!machine || qualifier === undefined) return {};
    machine.aliases = machine.aliases.filter((alias) => alias.name !== qualifier);
    this.journal({ t: 'machine', machine });
    await this.commit();
    return {};
  }

  private alias(arn: string): { machine: StateMachine; alias: Alias } {
    const { machine, alias } = this.machine(arn);
    if (!alias) throw invalidArn(`Invalid ARN: not a state machine alias ARN: ${arn}`);
    return { machine, alias };
  }

  /** The state machine an ARN names, with its version or alias when qualified. */
  private machine(arn: string): { machine: StateMachine; qualifier?: string; version?: Version; alias?: Alias } {
    const { name, qualifier } = parseArn(arn, 'stateMachine');
    const machine = this.machines.get(name);
    if (!machine) throw stateMachineDoesNotExist(arn);
    if (qualifier === undefined) return { machine };
    if (/^\d+$/.test(qualifier)) {
      const version = machine.versions.find((candidate) => String(candidate.version) === qualifier);
      if (!version) throw stateMachineDoesNotExist(arn);
      return { machine, qualifier, version };
    }
    const alias = machine.aliases.find((candidate) => candidate.name === qualifier);
    if (!alias) throw resourceNotFound(arn);
    return { machine, qualifier, alias };
  }

  // ------------------------------------------------------------------ executions

  private async startExecution(input: Input, sync: boolean) {
    const requested = text(input, 'stateMachineArn', true);
    // Step Functions Local's mocks: `<state machine ARN>#<test case>`.
    const hash = requested.indexOf('#');
    const arn = hash < 0 ? requested : requested.slice(0, hash);
    const testCase = hash < 0 ? undefined : requested.slice(hash + 1);
    const target = this.machine(arn);
    const { machine } = target;
    if (sync && machine.type !== 'EXPRESS') throw new ApiError('StateMachineTypeNotSupported', 'This operation is not supported by this type of state machine');
    const version = target.version ?? (target.alias ? this.routedVersion(machine, target.alias) : undefined);
    const name = text(input, 'name') ?? randomUUID();
    const nameProblem = executionNameProblem(name);
    if (nameProblem) throw new ApiError(nameProblem.error, nameProblem.message);
    const inputText = text(input, 'input') ?? '{}';
    const parsed = parseExecutionInput(inputText);
    if ('error' in parsed) throw new ApiError(parsed.error, parsed.message);
    const resolvers = this.resolvers(machine.name, testCase);
    const definition = version?.definition ?? machine.definition;
    const compiled = await this.compile(version ? `${machine.name}:${version.version}` : machine.name, definition, machine.type);

    if (machine.type === 'EXPRESS') {
      // Express executions keep no history on AWS (it goes to CloudWatch Logs): nothing is stored.
      const execution = compiled.start({ input: parsed.value, name, stateMachineName: machine.name, type: 'EXPRESS', roleArn: version?.roleArn ?? machine.roleArn, taskResolvers: resolvers, host: 'api', keepHistory: false, objectsFolder: this.options.objectsFolder, objectStore: this.objectStore });
      const { executionArn } = execution;
      if (!sync) return { executionArn, startDate: seconds(Date.now()) };
      const result = await execution.done;
      return {
        executionArn, stateMachineArn: statesArn('stateMachine', machine.name), name, startDate: seconds(Date.parse(result.startDate)), stopDate: seconds(Date.parse(result.stopDate)),
        status: result.status, input: inputText, inputDetails: { included: true },
        ...(result.status === 'SUCCEEDED' ? { output: JSON.stringify(result.output), outputDetails: { included: true } } : { error: result.error, cause: result.cause }),
        billingDetails: { billedMemoryUsedInMB: 64, billedDurationInMilliseconds: Math.max(100, Math.ceil((Date.parse(result.stopDate) - Date.parse(result.startDate)) / 100) * 100) },
      };
    }

    const executionArn = executionArnOf(machine.name, name);
    const existing = this.executions.get(executionArn);
    if (existing) {
      // StartExecution is idempotent for a running execution started with the same input.
      if (this.running.get(executionArn)?.input === inputText) return { executionArn, startDate: seconds(existing.startDate) };
      throw new ApiError('ExecutionAlreadyExists', `Execution Already Exists: '${executionArn}'`);
    }
    const record: ExecutionRecord = {
      seq: ++this.seq, executionArn, stateMachineName: machine.name, name, status: 'RUNNING', startDate: Date.now(), input: inputText,
      definition, roleArn: version?.roleArn ?? machine.roleArn, revisionId: version?.revisionId ?? machine.revisionId, events: [], redriveCount: 0,
      ...(testCase !== undefined ? { testCase } : {}),
      ...(version ? { versionArn: statesArn('stateMachine', machine.name, String(version.version)) } : {}),
      ...(target.alias ? { aliasArn: arn } : {}),
    };
    this.executions.set(executionArn, record);
    this.run(record, compiled, resolvers, parsed.value);
    record.startDate = Date.parse(record.events[0]?.timestamp ?? new Date(record.startDate).toISOString());
    const { events, ...started } = record;
    this.journal({ t: 'start', execution: started });
    // The ExecutionStarted event was journaled before the start record: it is replayed after it.
    await this.commit();
    return { executionArn, startDate: seconds(record.startDate) };
  }

  /** Runs a Standard execution of the record (from its history when `redrive` is given), journaling its events and its end. */
  private run(record: ExecutionRecord, compiled: CompiledMachine, resolvers: TaskResolver[], input: unknown, redrive?: RedriveOptions): void {
    const { executionArn } = record;
    const execution = compiled.start({
      input, name: record.name, stateMachineName: record.stateMachineName, roleArn: record.roleArn, taskResolvers: resolvers, host: 'api', keepHistory: false,
      objectsFolder: this.options.objectsFolder, objectStore: this.objectStore, redrive,
      onEvent: (event) => {
        record.events.push(event);
        this.journal({ t: 'event', arn: executionArn, event });
      },
    });
    this.running.set(executionArn, { execution, input: record.input });
    void execution.done.then((result) => this.finish(record, result), (error) => this.finish(record, {
      status: 'FAILED', error: 'States.Runtime', cause: `Internal interpreter error: ${error instanceof Error ? error.message : String(error)}`, stopDate: new Date().toISOString(),
    }));
  }

  /** Why AWS would refuse to redrive the execution (DescribeExecution's redriveStatusReason), or undefined when it can be. */
  private notRedrivable(record: ExecutionRecord): string | undefined {
    if (record.status === 'RUNNING' || record.status === 'SUCCEEDED') return `Execution is ${record.status} and cannot be redriven.`;
    if (!this.machines.has(record.stateMachineName)) return 'State machine is in DELETING status.';
    if (record.events.length > MAX_REDRIVABLE_EVENTS) return 'Execution history event limit exceeded.';
    if (record.redriveCount >= MAX_REDRIVES) return `Execution has been redriven the maximum number of times (${MAX_REDRIVES}).`;
    if (Date.now() - (record.stopDate ?? 0) > REDRIVABLE_DAYS * 24 * 3600 * 1000) return 'Execution redrivable period exceeded.';
    return undefined;
  }

  private async redriveExecution(input: Input) {
    const arn = text(input, 'executionArn', true);
    const record = this.execution(arn);
    const reason = this.notRedrivable(record);
    if (reason) throw new ApiError('ExecutionNotRedrivable', `Execution cannot be redriven: '${record.executionArn}'. ${reason}`);
    const resolvers = this.resolvers(record.stateMachineName, record.testCase);
    // The definition the execution ran with, whatever the state machine has become since.
    const compiled = await this.compile(record.versionArn ? `${record.stateMachineName}:${parseArn(record.versionArn, 'stateMachine').qualifier}` : record.stateMachineName,
      record.definition, 'STANDARD');
    const history = [...record.events];
    const redrive = { redriveCount: record.redriveCount + 1, redriveDate: Date.now() };
    this.journal({ t: 'redrive', arn: record.executionArn, redrive });
    Object.assign(record, RESUMED, redrive);
    this.run(record, compiled, resolvers, JSON.parse(record.input), { history, redriveCount: redrive.redriveCount });
    await this.commit();
    return { redriveDate: seconds(redrive.redriveDate) };
  }

  private routedVersion(machine: StateMachine, alias: Alias): Version {
    let pick = Math.random() * 100;
    const route = alias.routingConfiguration.find((candidate) => (pick -= candidate.weight) < 0) ?? alias.routingConfiguration[0];
    return this.machine(route.stateMachineVersionArn).version ?? (() => { throw stateMachineDoesNotExist(route.stateMachineVersionArn); })();
  }

  /** Mocks of the test case (if one is named), then local handlers, then the workers that SendTask*. */
  private resolvers(stateMachineName: string, testCase: string | undefined): TaskResolver[] {
    const resolvers: TaskResolver[] = [];
    if (testCase !== undefined) {
      const config = this.options.mockConfig;
      if (!config) throw validation(`The test case '${testCase}' was asked for, but the server has no mock config (serve --mock-config FILE, or SFN_MOCK_CONFIG)`);
      try {
        resolvers.push(mockConfigResolver(config, stateMachineName, testCase));
      } catch (error) {
        throw validation((error as Error).message);
      }
    }
    if (this.options.handlers) resolvers.push(this.options.handlers);
    if (this.options.callAws) resolvers.push(awsResolver(this.options.callAws, this.workers));
    resolvers.push(this.workers.resolver);
    return resolvers;
  }

  private async finish(record: ExecutionRecord, result: Pick<ExecutionResult, 'status' | 'output' | 'error' | 'cause' | 'stopDate'>): Promise<void> {
    const end = {
      status: result.status, stopDate: Date.parse(result.stopDate),
      ...(result.status === 'SUCCEEDED' ? { output: JSON.stringify(result.output) } : {}),
      ...(result.error !== undefined ? { error: result.error } : {}), ...(result.cause !== undefined ? { cause: result.cause } : {}),
    };
    this.journal({ t: 'end', arn: record.executionArn, end });
    // Shown ended once on disk: a status read after it survives a kill.
    await this.commit().catch(() => undefined);
    Object.assign(record, end);
    this.running.delete(record.executionArn);
  }

  private async stopExecution(input: Input) {
    const arn = text(input, 'executionArn', true);
    const record = this.execution(arn);
    const running = this.running.get(record.executionArn);
    // An execution that has ended can no longer be stopped: the one error AWS documents for it.
    if (!running) throw executionDoesNotExist(arn);
    running.execution.stop(text(input, 'error'), text(input, 'cause'));
    await running.execution.done;
    // Answered once the abort is journaled.
    while (this.running.has(record.executionArn)) await new Promise((resolve) => setImmediate(resolve));
    return { stopDate: seconds(record.stopDate!) };
  }

  private execution(arn: string): ExecutionRecord {
    const { resourceType } = parseArn(arn, 'execution', 'express');
    if (resourceType === 'express') throw invalidArn('Resource type not valid in this context: express');
    const record = this.executions.get(normalizeArn(arn));
    if (!record) throw executionDoesNotExist(arn);
    return record;
  }

  private describeExecution(input: Input) {
    const record = this.execution(text(input, 'executionArn', true));
    return {
      executionArn: record.executionArn, stateMachineArn: statesArn('stateMachine', record.stateMachineName), name: record.name, status: record.status,
      startDate: seconds(record.startDate), ...(record.stopDate !== undefined ? { stopDate: seconds(record.stopDate) } : {}),
      input: record.input, inputDetails: { included: true },
      ...(record.output !== undefined ? { output: record.output, outputDetails: { included: true } } : {}),
      ...(record.error !== undefined ? { error: record.error } : {}), ...(record.cause !== undefined ? { cause: record.cause } : {}),
      ...(record.versionArn ? { stateMachineVersionArn: record.versionArn } : {}), ...(record.aliasArn ? { stateMachineAliasArn: record.aliasArn } : {}),
      redriveCount: record.redriveCount, ...(record.redriveDate !== undefined ? { redriveDate: seconds(record.redriveDate) } : {}),
      ...redriveStatus(this.notRedrivable(record)),
    };
  }

  private describeStateMachineForExecution(input: Input) {
    const record = this.execution(text(input, 'executionArn', true));
    const machine = this.machines.get(record.stateMachineName);
    return {
      stateMachineArn: record.versionArn ?? statesArn('stateMachine', record.stateMachineName), name: record.stateMachineName,
      definition: record.definition, roleArn: record.roleArn, updateDate: seconds(machine?.updateDate ?? machine?.creationDate ?? record.startDate),
      loggingConfiguration: machine?.loggingConfiguration ?? { level: 'OFF', includeExecutionData: false },
      tracingConfiguration: machine?.tracingConfiguration ?? { enabled: false }, revisionId: record.revisionId,
    };
  }

  private listExecutions(input: Input) {
    const arn = text(input, 'stateMachineArn');
    if (arn === undefined) throw missingMember('stateMachineArn');
    const target = this.machine(arn);
    if (target.machine.type === 'EXPRESS') throw new ApiError('StateMachineTypeNotSupported', 'This operation is not supported by this type of state machine');
    const status = text(input, 'statusFilter');
    if (status !== undefined && !['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED', 'PENDING_REDRIVE'].includes(status)) {
      throw validation(`1 validation error detected: Value '${status}' at 'statusFilter' failed to satisfy constraint: Member must satisfy enum value set: [SUCCEEDED, TIMED_OUT, PENDING_REDRIVE, ABORTED, FAILED, RUNNING]`);
    }
    const qualified = target.qualifier === undefined ? undefined : normalizeArn(arn);
    const matching: ExecutionRecord[] = [];
    for (const record of this.executions.values()) {
      if (record.stateMachineName !== target.machine.name) continue;
      if (status !== undefined && record.status !== status) continue;
      if (qualified !== undefined && record.versionArn !== qualified && record.aliasArn !== qualified) continue;
      matching.push(record);
    }
    matching.reverse();
    return this.page(input, matching, (record) => String(record.seq), (record) => ({
      executionArn: record.executionArn, stateMachineArn: statesArn('stateMachine', record.stateMachineName), name: record.name, status: record.status,
      startDate: seconds(record.startDate), ...(record.stopDate !== undefined ? { stopDate: seconds(record.stopDate) } : {}),
      ...(record.versionArn ? { stateMachineVersionArn: record.versionArn } : {}), ...(record.aliasArn ? { stateMachineAliasArn: record.aliasArn } : {}),
      redriveCount: record.redriveCount, ...(record.redriveDate !== undefined ? { redriveDate: seconds(record.redriveDate) } : {}),
    }), 'executions');
  }

  private getExecutionHistory(input: Input) {
    const record = this.execution(text(input, 'executionArn', true));
    const includeData = input.includeExecutionData !== false;
    const events = input.reverseOrder === true ? [...record.events].reverse() : record.events;
    return this.page(input, events, (event) => String(event.id), (event) => apiEvent(event, includeData), 'events');
  }

  /** A token no Task of this server waits for may be one of the runs `taskTokensElsewhere` reaches (VS Code's). */
  private async answerTask(taskToken: string, answer: TaskTokenAnswer): Promise<void> {
    try {
      this.workers.answer(taskToken, answer);
    } catch (error) {
      const elsewhere = this.options.taskTokensElsewhere;
      if (!(error instanceof ApiError && error.type === 'TaskDoesNotExist' && elsewhere)) throw error;
      await elsewhere.answer(taskToken, answer);
    }
  }

  private async testState(input: Input) {
    const definition = text(input, 'definition', true);
    const analysis = this.analyzer.analyze({ uri: 'stepfunctions:/TestState.asl.json', text: definition });
    // A whole state machine is checked whole; a state alone, inside the machine that runs it.
    if (analysis.value === undefined || (analysis.value !== null && typeof analysis.value === 'object' && 'States' in analysis.value)) {
      await this.compile('TestState', definition, 'STANDARD');
    }
    const run = prepareTestState(input, analysis.value);
    const machine = await this.compile('TestState', run.definition, 'STANDARD');
    const parsed = parseExecutionInput(text(input, 'input') ?? '{}');
    if ('error' in parsed) throw new ApiError(parsed.error, parsed.message);
    // No worker answers a TestState: a callback or an activity needs the mock, as on AWS.
    const resolvers = [run.mock, this.options.handlers].filter((resolver): resolver is TaskResolver => resolver !== undefined);
    return run.finish((onEvent) => machine.start({
      input: parsed.value, stateMachineName: 'TestState', roleArn: text(input, 'roleArn'), taskResolvers: resolvers, host: 'api', keepHistory: false,
      objectsFolder: this.options.objectsFolder, onEvent,
    }));
  }

  // ------------------------------------------------------------------ activities

  private activityName(arn: string): string {
    return parseArn(arn, 'activity').name;
  }

  private activity(arn: string): { name: string; activity: Activity } {
    const name = this.activityName(arn);
    const activity = this.activities.get(name);
    if (!activity) throw activityDoesNotExist(arn);
    return { name, activity };
  }

  private async createActivity(input: Input) {
    const name = text(input, 'name', true);
    checkName(name);
    const arn = statesArn('activity', name);
    let activity = this.activities.get(name);
    if (!activity) {
      activity = { name, creationDate: Date.now() };
      this.activities.set(name, activity);
      this.journal({ t: 'activity', activity });
    }
    const tags = tagList(input.tags);
    if (tags.length) this.setTags(arn, tags);
    await this.commit();
    return { activityArn: arn, creationDate: seconds(activity.creationDate) };
  }

  private async deleteActivity(input: Input) {
    const name = this.activityName(text(input, 'activityArn', true));
    if (this.activities.delete(name)) {
      this.tags.delete(statesArn('activity', name));
      this.journal({ t: 'deleteActivity', name });
      await this.commit();
    }
    return {};
  }

  private async getActivityTask(input: Input) {
    const arn = text(input, 'activityArn', true);
    this.activity(arn);
    const task = await this.workers.poll(arn, this.options.activityPollMs ?? 60_000);
    return task ? { taskToken: task.taskToken, input: task.input } : {};
  }

  // ------------------------------------------------------------------ tags

  private taggedResource(arn: string): Tag[] {
    const { resourceType, name, qualifier } = parseArn(arn, 'stateMachine', 'activity');
    const exists = resourceType === 'activity' ? this.activities.has(name) : qualifier === undefined && this.machines.has(name);
    if (!exists) throw resourceNotFound(arn);
    return this.tags.get(statesArn(resourceType, name)) ?? [];
  }

  private setTags(arn: string, tags: Tag[]): void {
    const key = normalizeArn(arn);
    if (tags.length) this.tags.set(key, tags);
    else this.tags.delete(key);
    this.journal({ t: 'tags', arn: key, tags });
  }

  private async tagResource(input: Input) {
    const arn = text(input, 'resourceArn', true);
    const tags = new Map(this.taggedResource(arn).map((tag) => [tag.key, tag.value]));
    for (const tag of tagList(input.tags)) tags.set(tag.key, tag.value);
    if (tags.size > 50) throw new ApiError('TooManyTags', 'Too many tags: a resource has at most 50', 400);
    this.setTags(arn, [...tags].map(([key, value]) => ({ key, value })));
    await this.commit();
    return {};
  }

  private async untagResource(input: Input) {
    const arn = text(input, 'resourceArn', true);
    const keys = Array.isArray(input.tagKeys) ? input.tagKeys : [];
    this.setTags(arn, this.taggedResource(arn).filter((tag) => !keys.includes(tag.key)));
    await this.commit();
    return {};
  }

  // ------------------------------------------------------------------ paging, journal

  /** A page of `items` after the `nextToken` (the key of the last item of the previous page). */
  private page<T>(input: Input, items: readonly T[], key: (item: T) => string, shape: (item: T) => unknown, member: string) {
    const maxResults = input.maxResults === undefined || input.maxResults === 0 ? DEFAULT_PAGE : input.maxResults;
    if (typeof maxResults !== 'number' || !Number.isInteger(maxResults) || maxResults < 0 || maxResults > MAX_PAGE) {
      throw validation(`1 validation error detected: Value '${String(maxResults)}' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to ${MAX_PAGE}`);
    }
    let start = 0;
    const token = text(input, 'nextToken');
    if (token !== undefined) {
      const after = Buffer.from(token, 'base64url').toString();
      start = items.findIndex((item) => key(item) === after) + 1;
      if (start === 0) throw invalidToken(token);
    }
    const page = items.slice(start, start + maxResults);
    const more = start + maxResults < items.length;
    return { [member]: page.map(shape), ...(more ? { nextToken: Buffer.from(key(page[page.length - 1])).toString('base64url') } : {}) };
  }

  private journal(record: JournalRecord): void {
    this.options.journal?.append(record);
  }

  private commit(): Promise<void> {
    return this.options.journal ? this.options.journal.commit() : Promise.resolve();
  }

  /**
   * Rebuilds the state from the journal's records; an execution that was running when the server
   * stopped ends FAILED, its history closed by an ExecutionFailed event that says why.
   */
  async restore(records: unknown[]): Promise<{ interrupted: number }> {
    for (const record of records as JournalRecord[]) {
      switch (record.t) {
        case 'machine': this.machines.set(record.machine.name, record.machine); break;
        case 'deleteMachine': this.machines.delete(record.name); break;
        case 'activity': this.activities.set(record.activity.name, record.activity); break;
        case 'deleteActivity': this.activities.delete(record.name); break;
        case 'tags': if (record.tags.length) this.tags.set(record.arn, record.tags); else this.tags.delete(record.arn); break;
        case 'start': {
          const pending = this.executions.get(record.execution.executionArn);
          // Journals written before redrive have no redriveCount.
          this.executions.set(record.execution.executionArn, { ...record.execution, redriveCount: record.execution.redriveCount ?? 0, events: pending?.events ?? [] });
          this.seq = Math.max(this.seq, record.execution.seq);
          break;
        }
        case 'event': {
          let execution = this.executions.get(record.arn);
          // Events the execution recorded before its start record reached the journal.
          if (!execution) this.executions.set(record.arn, execution = { events: [] } as unknown as ExecutionRecord);
          execution.events.push(record.event);
          break;
        }
        case 'end': Object.assign(this.executions.get(record.arn) ?? {}, record.end); break;
        case 'redrive': Object.assign(this.executions.get(record.arn) ?? {}, RESUMED, record.redrive); break;
      }
    }
    let interrupted = 0;
    for (const [arn, execution] of this.executions) {
      if (execution.executionArn === undefined) {
        // Never acknowledged (its start record was not committed): it did not start.
        this.executions.delete(arn);
        continue;
      }
      if (execution.status !== 'RUNNING') continue;
      interrupted++;
      const last = execution.events[execution.events.length - 1];
      const stopDate = Date.now();
      const event: HistoryEvent = {
        id: (last?.id ?? 0) + 1, previousEventId: last?.id ?? 0, timestamp: new Date(Math.max(stopDate, Date.parse(last?.timestamp ?? '') || 0)).toISOString(),
        type: 'ExecutionFailed', executionFailedEventDetails: { error: 'States.Runtime', cause: INTERRUPTED_CAUSE },
      };
      execution.events.push(event);
      this.journal({ t: 'event', arn, event });
      const end = { status: 'FAILED' as const, stopDate: Date.parse(event.timestamp), error: 'States.Runtime', cause: INTERRUPTED_CAUSE };
      Object.assign(execution, end);
      this.journal({ t: 'end', arn, end });
    }
    if (interrupted) await this.commit();
    return { interrupted };
  }

  /** Stops what waits: long polls answer with no task. */
  close(): void {
    this.workers.close();
  }
}

// ------------------------------------------------------------------ helpers

function byName(a: { name: string }, b: { name: string }): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

function redriveStatus(reason: string | undefined) {
  return reason === undefined ? { redriveStatus: 'REDRIVABLE' } : { redriveStatus: 'NOT_REDRIVABLE', redriveStatusReason: reason };
}

function validation(message: string): ApiError {
  return new ApiError('ValidationException', message);
}

/** A string member of the request; `required` ones missing are refused as AWS refuses them. */
function machineType(value: unknown): MachineType {
  if (value === undefined || value === 'STANDARD') return 'STANDARD';
  if (value === 'EXPRESS') return 'EXPRESS';
  throw validation(`1 validation error detected: Value '${String(value)}' at 'type' failed to satisfy constraint: Member must satisfy enum value set: [STANDARD, EXPRESS]`);
}

function checkName(name: string): void {
  const problem = executionNameProblem(name);
  if (problem) throw new ApiError(problem.error, problem.message);
}

function tagList(value: unknown): Tag[] {
  if (!Array.isArray(value)) return [];
  return value.map((tag: Record<string, unknown>) => ({ key: String(tag?.key ?? ''), value: String(tag?.value ?? '') }));
}

const ARN = /^arn:[^:]+:states:[^:]*:[^:]*:([^:]+):([^:]+)(?::(.+))?$/;

/** An ARN of one of the resource types expected here: its type, name and qualifier (version, alias or execution name). */
function parseArn(arn: string, ...resourceTypes: string[]): { resourceType: string; name: string; qualifier?: string } {
  const match = ARN.exec(arn);
  if (!match) throw invalidArn(arn.startsWith('arn:') ? `Invalid ARN: ${arn}` : `Invalid ARN prefix: ${arn}`);
  const [, resourceType, name, qualifier] = match;
  if (!resourceTypes.includes(resourceType)) throw invalidArn(`Resource type not valid in this context: ${resourceType}`);
  return { resourceType, name, qualifier };
}

/** The ARN in this server's region and account: clients configured for any region name the same resources. */
function normalizeArn(arn: string): string {
  const { resourceType, name, qualifier } = parseArn(arn, 'stateMachine', 'execution', 'express', 'activity');
  return qualifier === undefined ? statesArn(resourceType, name) : statesArn(resourceType, name, qualifier);
}

function isError(diagnostic: Diagnostic): boolean {
  return (diagnostic.severity ?? DiagnosticSeverity.Error) === DiagnosticSeverity.Error;
}

/** AWS's message of a diagnostic: the editor's own help ("did you mean ...") is left out. */
function awsMessage(diagnostic: Diagnostic): string {
  const message = typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value;
  return message.replace(/ \(did you mean '[^']*'\?\)/, '');
}

/** ValidateStateMachineDefinition's diagnostic: `CODE: message at /location` split into its parts. */
function awsDiagnostic(diagnostic: Diagnostic): { code: string; message: string; location?: string } {
  const message = awsMessage(diagnostic);
  const parts = /^([A-Z][A-Z_]+): (.*?)(?: at (\/\S*))?$/s.exec(message);
  if (!parts) return { code: 'SCHEMA_VALIDATION_FAILED', message };
  return { code: parts[1], message: parts[2], ...(parts[3] ? { location: parts[3] } : {}) };
}

/** A history event as GetExecutionHistory answers it: epoch seconds, and the data left out when asked. */
function apiEvent(event: HistoryEvent, includeData: boolean): unknown {
  const shaped: Record<string, unknown> = { ...event, timestamp: seconds(Date.parse(event.timestamp)) };
  if (!includeData) {
    for (const [key, details] of Object.entries(shaped)) {
      if (!key.endsWith('EventDetails') || details === null || typeof details !== 'object') continue;
      const { input, output, inputDetails, outputDetails, ...rest } = details as Record<string, unknown>;
      shaped[key] = rest;
    }
  }
  return shaped;
}
