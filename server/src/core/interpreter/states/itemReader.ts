// Distributed Map's ItemReader and ResultWriter over local files standing in for S3 objects:
// s3://bucket/key is the file <objects folder>/bucket/key (StartOptions.objectsFolder, default the
// current directory), and nothing outside that folder is ever read or written.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { located } from '../state';
import { compileTemplate, Template } from '../payload';
import { compileJsonataTemplate, JsonataValue } from '../jsonata';
import { runtimeError } from '../errors';
import type { StateContext } from '../engine';

export interface ItemReader {
  read(ctx: StateContext, selected: unknown): Promise<unknown[]>;
}

export interface ResultWriter {
  write(ctx: StateContext, results: unknown[]): Promise<unknown>;
}

type Arguments = (ctx: StateContext, selected: unknown) => Promise<Record<string, unknown>>;

function compileArguments(def: Record<string, unknown>, at: string, language: string): Arguments {
  if (language === 'JSONata') {
    const value: JsonataValue = located(`${at}/Arguments`, () => compileJsonataTemplate(def.Arguments ?? {}, 'Arguments'));
    return async (ctx) => (await value(ctx.jsonataScope())) as Record<string, unknown>;
  }
  const template: Template = compileTemplate(def.Parameters ?? {}, `${at}/Parameters`);
  return async (ctx, selected) => template(ctx.pathScope(selected)) as Record<string, unknown>;
}

type ObjectUser = 'ItemReader' | 'ResultWriter';

// An S3 key may have `.` and `..` segments, which as path segments would leave the bucket's folder: they are the
// folders `%2E` and `%2E%2E`, and listing a bucket maps those names back.
const DOT_SEGMENT = /^\.\.?$/;
const ENCODED_DOT_SEGMENT = /^(%2E){1,2}$/;
const localName = (segment: string) => (DOT_SEGMENT.test(segment) ? segment.replace(/\./g, '%2E') : segment);
const keySegment = (name: string) => (ENCODED_DOT_SEGMENT.test(name) ? name.replace(/%2E/g, '.') : name);

/** The folder standing in for a bucket; a name S3 refuses that would name another folder is refused. */
function bucketFolder(ctx: StateContext, bucket: unknown, user: ObjectUser): string {
  if (typeof bucket !== 'string') throw runtimeError(`The ${user} needs a string Bucket parameter.`);
  if (bucket === '' || DOT_SEGMENT.test(bucket) || /[/\\\0]/.test(bucket)) {
    throw runtimeError(`The ${user} Bucket '${bucket}' is not a bucket name: it must not be empty, '.' or '..', nor contain '/', '\\' or NUL.`);
  }
  return path.join(ctx.runtime.objectsFolder, bucket);
}

/** The file standing in for s3://bucket/key, inside the bucket's folder. */
function objectFile(folder: string, key: string): string {
  return path.join(folder, ...key.split('/').map(localName));
}

/** Splits CSV text into rows (quoted fields, doubled quotes, CRLF). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { row.push(field); field = ''; }
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field); rows.push(row); row = []; field = '';
    } else field += ch;
  }
  if (field !== '' || row.length) { row.push(field); rows.push(row); }
  return rows;
}

export function compileItemReader(value: unknown, at: string, language: string): ItemReader {
  const def = value as Record<string, unknown>;
  const resource = def.Resource as string;
  const config = (def.ReaderConfig ?? {}) as Record<string, unknown>;
  const args = compileArguments(def, at, language);
  const inputType = (config.InputType as string | undefined) ?? 'JSON';
  const maxItems = typeof config.MaxItems === 'number' ? config.MaxItems : undefined;
  return {
    async read(ctx, selected) {
      const params = await args(ctx, selected);
      let items: unknown[];
      const folder = bucketFolder(ctx, params.Bucket, 'ItemReader');
      if (/s3:listObjectsV2$/.test(resource)) {
        const prefix = typeof params.Prefix === 'string' ? params.Prefix : '';
        items = listObjects(folder).filter(({ key }) => key.startsWith(prefix)).map(({ key, file }) => {
          const stat = fs.statSync(file);
          return { Etag: `"${stat.size.toString(16)}"`, Key: key, LastModified: stat.mtime.toISOString(), Size: stat.size, StorageClass: 'STANDARD' };
        });
      } else {
        if (typeof params.Key !== 'string') throw runtimeError('The ItemReader needs string Bucket and Key parameters.');
        const file = objectFile(folder, params.Key);
        let text: string;
        try {
          text = fs.readFileSync(file, 'utf8');
        } catch {
          throw runtimeError(`The ItemReader could not read s3://${params.Bucket}/${params.Key} (looked for the local file ${file}).`);
        }
        items = parseItems(text, inputType, config);
      }
      return maxItems !== undefined ? items.slice(0, maxItems) : items;
    },
  };
}

/** The objects under a bucket's folder: each file with its key. */
function listObjects(folder: string, keyPrefix = ''): { key: string; file: string }[] {
  if (!fs.existsSync(folder)) return [];
  return fs.readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(folder, entry.name);
    const key = `${keyPrefix}${keySegment(entry.name)}`;
    return entry.isDirectory() ? listObjects(file, `${key}/`) : [{ key, file }];
  });
}

function parseItems(text: string, inputType: string, config: Record<string, unknown>): unknown[] {
  switch (inputType) {
    case 'JSON': {
      const value = JSON.parse(text);
      if (!Array.isArray(value)) throw runtimeError('The ItemReader JSON object is not an array.');
      return value;
    }
    case 'JSONL':
      return text.split(/\r?\n/).filter((line) => line.trim() !== '').map((line) => JSON.parse(line));
    case 'CSV': {
      const rows = parseCsv(text);
      const headers = config.CSVHeaderLocation === 'GIVEN' ? (config.CSVHeaders as string[]) : rows.shift() ?? [];
      return rows.map((row) => Object.fromEntries(headers.map((header, i) => [header, row[i] ?? ''])));
    }
    default:
      throw runtimeError(`The ItemReader InputType '${inputType}' is not supported locally.`);
  }
}

export function compileResultWriter(value: unknown, at: string, language: string): ResultWriter {
  const def = value as Record<string, unknown>;
  const args = compileArguments(def, at, language);
  return {
    async write(ctx, results) {
      const params = await args(ctx, ctx.input);
      const folder = bucketFolder(ctx, params.Bucket, 'ResultWriter');
      const bucket = params.Bucket as string;
      const runId = ctx.runtime.name;
      const prefix = typeof params.Prefix === 'string' && params.Prefix ? `${params.Prefix.replace(/\/$/, '')}/${runId}` : runId;
      const write = (key: string, text: string) => {
        const file = objectFile(folder, key);
        try {
          fs.mkdirSync(path.dirname(file), { recursive: true });
          fs.writeFileSync(file, text);
        } catch (error) {
          throw runtimeError(`The ResultWriter could not write s3://${bucket}/${key} (the local file ${file}): ${(error as Error).message}`);
        }
      };
      const resultsKey = `${prefix}/SUCCEEDED_0.json`;
      const manifestKey = `${prefix}/manifest.json`;
      write(resultsKey, JSON.stringify(results));
      write(manifestKey, JSON.stringify({
        DestinationBucket: bucket, MapRunArn: ctx.runtime.executionArn, ResultFiles: { SUCCEEDED: [{ Key: resultsKey, Size: 0 }] },
      }));
      return { MapRunArn: ctx.runtime.executionArn, ResultWriterDetails: { Bucket: bucket, Key: manifestKey } };
    },
  };
}
