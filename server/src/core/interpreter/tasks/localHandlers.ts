// Task results from local handler modules: a resource (exact ARN, function name or pattern with
// `*`) mapped to a JS module exporting `handler(event, context)`, called the way Lambda calls it.
// A thrown exception becomes the error Lambda reports: error = its name, cause = the
// {"errorMessage","errorType","stackTrace"} JSON.
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { TaskOutcome, TaskResolver } from '../api';

export type Handler = (event: unknown, context: Record<string, unknown>) => unknown;

/** A handlers file: `{ "<resource or pattern>": "./module.js" }` or `{ "<resource>": { "module": "...", "export": "handler" } }`. */
export type HandlerMap = Record<string, string | { module: string; export?: string }>;

/**
 * The Lambda function a Task calls: the name in a Lambda ARN resource, else for `lambda:invoke` the
 * FunctionName parameter (a name or an ARN).
 */
export function lambdaFunctionName(resource: string, functionNameParameter: unknown): string | undefined {
  const fromArn = /:function:([^:]+)/.exec(resource);
  if (fromArn) return fromArn[1];
  if (/:lambda:invoke/.test(resource) && typeof functionNameParameter === 'string') {
    return /:function:([^:]+)/.exec(functionNameParameter)?.[1] ?? functionNameParameter;
  }
  return undefined;
}

export interface HandlerKey {
  key: string;
  match: RegExp;
}

/** A handlers-file key: an exact resource or function name, or a pattern where `*` matches anything. */
export function handlerKey(key: string): HandlerKey {
  return { key, match: new RegExp('^' + key.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*') + '$') };
}

/** The key serving a Task: an exact match of the resource or function name first, then a pattern. */
export function findHandlerKey<T extends HandlerKey>(keys: readonly T[], resource: string, name: string | undefined): T | undefined {
  return keys.find((k) => k.key === resource || (name !== undefined && k.key === name))
    ?? keys.find((k) => k.match.test(resource) || (name !== undefined && k.match.test(name)));
}

/**
 * import(), or the one a bundle's starter lends (server/src/startup/codeCache.ts): on Node 20 the
 * import() of code compiled from V8's code cache cannot reach Node's module loader.
 */
function importModule(url: string): Promise<unknown> {
  const lent = (globalThis as { [key: symbol]: ((url: string) => Promise<unknown>) | undefined })[Symbol.for('aslWorkbench.importModule')];
  return lent ? lent(url) : import(url);
}

/** Loads a CommonJS or ES module. */
async function loadModule(file: string): Promise<unknown> {
  try {
    return require(file);
  } catch (error) {
    if ((error as { code?: string }).code !== 'ERR_REQUIRE_ESM') throw error;
    return importModule(pathToFileURL(file).href);
  }
}

/** The same map with its module paths absolute, resolved against `baseDir`. */
export function resolveHandlerPaths(handlers: HandlerMap, baseDir: string): Record<string, { module: string; export?: string }> {
  return Object.fromEntries(Object.entries(handlers).map(([key, target]) => {
    const spec = typeof target === 'string' ? { module: target } : target;
    return [key, { ...spec, module: path.resolve(baseDir, spec.module) }];
  }));
}

export function localHandlerResolver(handlers: HandlerMap, baseDir: string, load: (file: string) => Promise<unknown> | unknown = loadModule): TaskResolver {
  const entries = Object.entries(resolveHandlerPaths(handlers, baseDir)).map(([key, spec]) => (
    { ...handlerKey(key), file: spec.module, exportName: spec.export ?? 'handler' }
  ));
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
      const name = lambdaFunctionName(invocation.resource, (invocation.input as { FunctionName?: unknown } | null)?.FunctionName);
      const entry = findHandlerKey(entries, invocation.resource, name);
      if (!entry) return undefined;
      const handler = await handlerFor(entry.file, entry.exportName);
      const lambdaInvoke = /:lambda:invoke/.test(invocation.resource);
      const event = lambdaInvoke ? (invocation.input as { Payload?: unknown } | null)?.Payload ?? {} : invocation.input;
      const context = { functionName: name ?? invocation.resource, awsRequestId: `local-${invocation.attempt}`, taskToken: invocation.taskToken, stateName: invocation.stateName };
      try {
        invocation.onWork?.(`The local handler ${entry.file}`);
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
