// Distributed Map's ItemReader and ResultWriter over local files standing in for S3 objects:
// s3://bucket/key is the file <objects folder>/bucket/key (StartOptions.objectsFolder, default the
// current directory).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fail, located, str } from '../state';
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

function objectFile(ctx: StateContext, bucket: unknown, key: unknown): string {
  if (typeof bucket !== 'string' || typeof key !== 'string') throw runtimeError('The ItemReader needs string Bucket and Key parameters.');
  return path.join(ctx.runtime.objectsFolder, bucket, key);
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
  if (value === null || typeof value !== 'object') fail(at, 'ItemReader must be an object');
  const def = value as Record<string, unknown>;
  const resource = str(def.Resource, at, 'Resource');
  if (!resource) fail(at, "ItemReader needs 'Resource'");
  const config = (def.ReaderConfig ?? {}) as Record<string, unknown>;
  const args = compileArguments(def, at, language);
  const inputType = (config.InputType as string | undefined) ?? 'JSON';
  const maxItems = typeof config.MaxItems === 'number' ? config.MaxItems : undefined;
  return {
    async read(ctx, selected) {
      const params = await args(ctx, selected);
      let items: unknown[];
      if (/s3:listObjectsV2$/.test(resource)) {
        const folder = objectFile(ctx, params.Bucket, '');
        const prefix = typeof params.Prefix === 'string' ? params.Prefix : '';
        items = listFiles(folder).filter((key) => key.startsWith(prefix)).map((key) => {
          const stat = fs.statSync(path.join(folder, key));
          return { Etag: `"${stat.size.toString(16)}"`, Key: key, LastModified: stat.mtime.toISOString(), Size: stat.size, StorageClass: 'STANDARD' };
        });
      } else {
        const file = objectFile(ctx, params.Bucket, params.Key);
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

function listFiles(folder: string, prefix = ''): string[] {
  if (!fs.existsSync(folder)) return [];
  return fs.readdirSync(folder, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? listFiles(path.join(folder, entry.name), `${prefix}${entry.name}/`) : [`${prefix}${entry.name}`]);
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
  if (value === null || typeof value !== 'object') fail(at, 'ResultWriter must be an object');
  const def = value as Record<string, unknown>;
  const args = compileArguments(def, at, language);
  return {
    async write(ctx, results) {
      const params = await args(ctx, ctx.input);
      const bucket = String(params.Bucket ?? '');
      const runId = ctx.runtime.name;
      const prefix = typeof params.Prefix === 'string' && params.Prefix ? `${params.Prefix.replace(/\/$/, '')}/${runId}` : runId;
      const folder = path.join(ctx.runtime.objectsFolder, bucket, prefix);
      fs.mkdirSync(folder, { recursive: true });
      fs.writeFileSync(path.join(folder, 'SUCCEEDED_0.json'), JSON.stringify(results));
      const manifestKey = `${prefix}/manifest.json`;
      fs.writeFileSync(path.join(ctx.runtime.objectsFolder, bucket, manifestKey), JSON.stringify({
        DestinationBucket: bucket, MapRunArn: ctx.runtime.executionArn, ResultFiles: { SUCCEEDED: [{ Key: `${prefix}/SUCCEEDED_0.json`, Size: 0 }] },
      }));
      return { MapRunArn: ctx.runtime.executionArn, ResultWriterDetails: { Bucket: bucket, Key: manifestKey } };
    },
  };
}
