// `serve`: the AWS Step Functions API on localhost, on the embedded interpreter (see server/src/apiServer).
import * as path from 'node:path';
import { localHandlerResolver, type HandlerMap } from '../core/interpreter/tasks/localHandlers';
import type { MockConfigFile } from '../core/interpreter/tasks/mockConfig';
import { createApiServer } from '../apiServer/http';
import { extensionTaskTokens } from '../apiServer/extensionTaskTokens';
import { Journal } from '../apiServer/journal';
import { StepFunctions } from '../apiServer/stepFunctions';
import { callAwsOf, readJsonFile, takeHybridArg, UsageError, type HybridArgs } from './execution';
import type { CallAwsOptions } from '../protocol';
import { sharedLanguageService } from './definitionFile';
import { createTemplateMachines } from './serveTemplates';
import { stdout, stderr } from './output';

const USAGE = `usage: asl-workbench serve [--port 8083] [--host 127.0.0.1] [--mock-config FILE] [--handlers FILE]
         [--objects DIR] [--data DIR] [--template FILE]... [--call-aws [--region R] [--endpoint-url-<service> URL]...]

  --port N            the port (default 8083, as Step Functions Local; 0: any free port)
  --host ADDRESS      the address to listen on (default 127.0.0.1, loopback only)
  --mock-config FILE  a MockConfigFile (AWS Step Functions Local format); default: $SFN_MOCK_CONFIG.
                      StartExecution picks a test case with the ARN suffix #<test case>
  --handlers FILE     JSON mapping resources (ARN, function name or pattern with *) to JS modules
                      exporting handler(event, context), relative to the file
  --objects DIR       the folder standing in for S3 (ItemReader/ResultWriter): s3://b/k is DIR/b/k
  --data DIR          keep state machines, executions and histories in DIR (an fsynced journal);
                      default: memory only
  --template FILE     create the state machines of a SAM, CloudFormation, CDK, Terraform or Serverless
                      template at start, named by their logical ids, their placeholders filled with the
                      template's values (and asl-workbench.values.json's); repeatable
  --call-aws          hybrid executions: the Tasks no mock or handler serves call the real service (as
                      run --call-aws does); a .waitForTaskToken Task sends its token and waits for a
                      worker's SendTaskSuccess, SendTaskFailure or SendTaskHeartbeat on this endpoint;
                      a Distributed Map reads and writes S3. Credentials: the AWS SDK's default chain
  --region R, --endpoint-url-<service> URL
                      the region and a service's endpoint of those calls (as for run)
Prints the endpoint, then serves until SIGINT or SIGTERM.
`;

const VALUED = ['--port', '--host', '--mock-config', '--handlers', '--objects', '--data'] as const;
type Options = Partial<Record<(typeof VALUED)[number], string>> & { templates: string[]; hybrid: HybridArgs };

function parseArgs(args: string[]): Options {
  const options: Options = { templates: [], hybrid: { callAws: false, endpoints: {} } };
  for (let i = 0; i < args.length; i++) {
    const hybridEnd = takeHybridArg(args, i, options.hybrid);
    if (hybridEnd !== undefined) {
      i = hybridEnd;
      continue;
    }
    if (args[i] === '--template') {
      if (i + 1 >= args.length) throw new UsageError('--template needs a value');
      options.templates.push(args[++i]);
      continue;
    }
    const arg = args[i] as (typeof VALUED)[number];
    if (!VALUED.includes(arg)) throw new UsageError(arg.startsWith('--') ? `unknown option ${arg}` : `unexpected argument ${arg}`);
    if (i + 1 >= args.length) throw new UsageError(`${arg} needs a value`);
    options[arg] = args[++i];
  }
  const port = options['--port'];
  if (port !== undefined && !(/^\d+$/.test(port) && Number(port) <= 65535)) throw new UsageError(`--port needs a port number (0 to 65535), not '${port}'`);
  return options;
}

export async function serve(args: string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    stdout.write(USAGE);
    return 0;
  }
  let options: Options;
  let mockConfig: MockConfigFile | undefined;
  let handlers: HandlerMap | undefined;
  let callAws: CallAwsOptions | undefined;
  try {
    options = parseArgs(args);
    callAws = callAwsOf(options.hybrid);
    const mockFile = options['--mock-config'] ?? (process.env.SFN_MOCK_CONFIG || undefined);
    mockConfig = mockFile === undefined ? undefined : readJsonFile(mockFile, 'mock config') as MockConfigFile;
    handlers = options['--handlers'] === undefined ? undefined : readJsonFile(options['--handlers'], 'handlers file') as HandlerMap;
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    stderr.write(`asl-workbench serve: ${error.message}\n\n${USAGE}`);
    return 2;
  }
  const dataDir = options['--data'];
  const restoring = Date.now();
  const opened = dataDir === undefined ? undefined : Journal.open(path.resolve(dataDir));
  const service = new StepFunctions(sharedLanguageService(), {
    mockConfig,
    handlers: handlers && localHandlerResolver(handlers, path.dirname(path.resolve(options['--handlers']!))),
    objectsFolder: options['--objects'] === undefined ? undefined : path.resolve(options['--objects']),
    journal: opened?.journal,
    callAws,
    taskTokensElsewhere: extensionTaskTokens(),
  });
  if (opened) {
    const { interrupted } = await service.restore(opened.records);
    stdout.write(`Restored ${opened.records.length} journal records from ${dataDir} in ${Date.now() - restoring} ms` +
      (interrupted ? `; ${interrupted} executions in flight when the server stopped ended FAILED` : '') + '\n');
  }
  try {
    await createTemplateMachines(service, options.templates, (line) => stdout.write(line));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    stderr.write(`asl-workbench serve: ${error.message}\n`);
    service.close();
    await opened?.journal.close();
    return 1;
  }
  const server = createApiServer(service.actions, (line) => stderr.write(`asl-workbench serve: ${line}\n`));
  const host = options['--host'] ?? '127.0.0.1';
  const listening = await new Promise<Error | undefined>((resolve) => {
    server.once('error', resolve);
    server.listen(Number(options['--port'] ?? 8083), host, () => resolve(undefined));
  });
  if (listening) {
    stderr.write(`asl-workbench serve: cannot listen on ${host}:${options['--port'] ?? 8083}: ${listening.message}\n`);
    await opened?.journal.close();
    return 1;
  }
  const address = server.address() as { address: string; port: number };
  const shown = address.address.includes(':') ? `[${address.address}]` : address.address;
  stdout.write(`Step Functions API listening on http://${shown}:${address.port}\n`);
  return new Promise<number>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      service.close();
      server.close(() => void (opened?.journal.close() ?? Promise.resolve()).then(() => {
        stdout.write('Stopped.\n');
        resolve(0);
        // Executions still running are abandoned (with --data, a restart ends them FAILED).
        process.exit(0);
      }));
      server.closeAllConnections();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
