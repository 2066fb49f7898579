// Task results from local handler modules: a resource (exact ARN, function name or pattern with
// `*`) mapped to a JS module exporting `handler(event, context)`, called the way Lambda calls it.
// A thrown exception becomes the error Lambda reports: error = its name, cause = the
// {"errorMessage","errorType","stackTrace"} JSON.
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { TaskInvocation, TaskOutcome, TaskResolver } from '../api';

export type Handler = (event: unknown, context: Record<string, unknown>) => unknown;

/** A handlers file: `{ "<resource or pattern>": "./module.js" }` or `{ "<resource>": { "module": "...", "export": "handler" } }`. */
export type HandlerMap = Record<string, string | { module: string; export?: string }>;

/** The function name in a Lambda ARN or `lambda:invoke` parameters (FunctionName). */
function functionName(invocation: TaskInvocation): string | undefined {
  const fromArn = /:function:([^:]+)/.exec(invocation.resource);
  if (fromArn) return fromArn[1];
  const input = invocation.input as { FunctionName?: unknown } | null;
  if (/:lambda:invoke/.test(invocation.resource) && input && typeof input.FunctionName === 'string') {
    const name = /:function:([^:]+)/.exec(input.FunctionName);
    return name ? name[1] : input.FunctionName;
  }
  return undefined;
}

function pattern(text: string): RegExp {
  return new RegExp('^' + text.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*') + '$');
}

/** Loads a CommonJS or ES module. */
async function loadModule(file: string): Promise<unknown> {
  try {
    return require(file);
  } catch (error) {
    if ((error as { code?: string }).code !== 'ERR_REQUIRE_ESM') throw error;
    return import(pathToFileURL(file).href);
  }
}

export function localHandlerResolver(handlers: HandlerMap, baseDir: string, load: (file: string) => Promise<unknown> | unknown = loadModule): TaskResolver {
  const entries = Object.entries(handlers).map(([key, target]) => {
    const spec = typeof target === 'string' ? { module: target } : target;
    return { key, match: pattern(key), file: path.resolve(baseDir, spec.module), exportName: spec.export ?? 'handler' };
  });
  const cache = new Map<string, Handler>();
  const handlerFor = async (file: string, exportName: string): Promise<Handler> => {
    const id = `${file}#${exportName}`;
    let handler = cache.get(id);
    if (!handler) {
      const loaded = (await load(file)) as Record<string, unknown>;
      const candidate = loaded[exportName] ?? (loaded.default as Record<string, unknown> | undefined)?.[exportName];
      if (typeof candidate !== 'function') throw new Error(`The module ${file} does not export a function '${exportName}'`);
      handler = candidate as Handler;
      cache.set(id, handler);
    }
    return handler;
  };
  return {
    async resolve(invocation): Promise<TaskOutcome | undefined> {
      const name = functionName(invocation);
      const entry = entries.find((e) => e.key === invocation.resource || (name !== undefined && e.key === name))
        ?? entries.find((e) => e.match.test(invocation.resource) || (name !== undefined && e.match.test(name)));
      if (!entry) return undefined;
      const handler = await handlerFor(entry.file, entry.exportName);
      const lambdaInvoke = /:lambda:invoke/.test(invocation.resource);
      const event = lambdaInvoke ? (invocation.input as { Payload?: unknown } | null)?.Payload ?? {} : invocation.input;
      const context = { functionName: name ?? invocation.resource, awsRequestId: `local-${invocation.attempt}`, taskToken: invocation.taskToken, stateName: invocation.stateName };
      try {
        const payload = await handler(event, context);
        if (lambdaInvoke) return { result: { ExecutedVersion: '$LATEST', Payload: payload ?? null, StatusCode: 200 } };
        return { result: payload ?? null };
      } catch (error) {
        const e = error instanceof Error ? error : new Error(String(error));
        const errorType = e.name && e.name !== 'Error' ? e.name : 'Error';
        return {
          error: errorType,
          cause: JSON.stringify({ errorType, errorMessage: e.message, trace: (e.stack ?? '').split('\n') }),
        };
      }
    },
  };
}
