// Distributed Map's ItemReader and ResultWriter over the run's S3 objects (StartOptions.objectStore,
// S3 itself in a hybrid run), by default local files standing in for them: s3://bucket/key is the
// file <objects folder>/bucket/key (StartOptions.objectsFolder, default the current directory), and
// nothing outside that folder is ever read or written.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type * as Zlib from 'node:zlib';
import { pointerSegments } from '../../jsonPointer';
import { located } from '../state';
import { compileTemplate, Template } from '../payload';
import { compileJsonataTemplate, JsonataValue } from '../jsonata';
import { FieldError } from '../errors';
import type { StateContext } from '../engine';
import type { ObjectStore, ObjectSummary } from '../api';

/** Unpacks a gzipped object; zlib loads on the first (a run without one starts sooner). */
function gunzip(bytes: Buffer): Buffer {
  return (require('node:zlib') as typeof Zlib).gunzipSync(bytes);
}

export interface ItemReader {
  read(ctx: StateContext, selected: unknown): Promise<unknown[]>;
}

export interface ResultWriter {
  /** The Map's result: the transformed results, or where they were written. */
  write(ctx: StateContext, runs: ChildRuns): Promise<unknown>;
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

/** A failure to read the items or write the results: AWS's States.ItemReaderFailed and States.ResultWriterFailed. */
const objectsFailed = (user: ObjectUser, detail: string): FieldError => new FieldError(`States.${user}Failed`, detail);
const readerFailed = (detail: string): FieldError => objectsFailed('ItemReader', detail);

/** The bucket a Bucket parameter names; a name S3 refuses that would name another folder is refused. */
function bucketName(bucket: unknown, user: ObjectUser): string {
  if (typeof bucket !== 'string') throw objectsFailed(user, `The ${user} needs a string Bucket parameter.`);
  if (bucket === '' || DOT_SEGMENT.test(bucket) || /[/\\\0]/.test(bucket)) {
    throw objectsFailed(user, `The ${user} Bucket '${bucket}' is not a bucket name: it must not be empty, '.' or '..', nor contain '/', '\\' or NUL.`);
  }
  return bucket;
}

/** The file standing in for s3://bucket/key, inside the bucket's folder. */
function objectFile(folder: string, key: string): string {
  return path.join(folder, ...key.split('/').map(localName));
}

/**
 * Characters gathered before a write: the file is written as it is made (a million entries exceed a
 * string's limit), and the thread pauses between writes (the watchdog ends a thread busy for long).
 */
const WRITE_CHUNK = 1 << 20;

/** S3 objects as the files of a folder: s3://bucket/key is <folder>/bucket/key. */
export function localObjectStore(objectsFolder: string): ObjectStore {
  return {
    async read(bucket, key) {
      const file = objectFile(path.join(objectsFolder, bucket), key);
      try {
        return fs.readFileSync(file);
      } catch {
        throw new Error(`(looked for the local file ${file})`);
      }
    },
    async write(bucket, key, texts) {
      const file = objectFile(path.join(objectsFolder, bucket), key);
      let descriptor: number | undefined;
      let size = 0;
      let pending = '';
      try {
        fs.mkdirSync(path.dirname(file), { recursive: true });
        descriptor = fs.openSync(file, 'w');
        for (const text of texts) {
          pending += text;
          if (pending.length < WRITE_CHUNK) continue;
          size += fs.writeSync(descriptor, pending);
          pending = '';
          await new Promise((resolve) => setImmediate(resolve));
        }
        size += fs.writeSync(descriptor, pending);
      } catch (error) {
        throw new Error(`(the local file ${file}): ${(error as Error).message}`);
      } finally {
        if (descriptor !== undefined) fs.closeSync(descriptor);
      }
      return size;
    },
    async list(bucket, prefix) {
      return listObjects(path.join(objectsFolder, bucket)).filter(({ key }) => key.startsWith(prefix)).map(({ key, file }) => {
        const stat = fs.statSync(file);
        return { Etag: `"${stat.size.toString(16)}"`, Key: key, LastModified: stat.mtime.toISOString(), Size: stat.size, StorageClass: 'STANDARD' };
      });
    },
  };
}

/** ReaderConfig's CSVDelimiter names (the Distributed Map launch of 2025 added all but COMMA). */
const DELIMITERS: Record<string, string> = { COMMA: ',', PIPE: '|', SEMICOLON: ';', SPACE: ' ', TAB: '\t' };

/** Splits delimited text into rows (quoted fields, doubled quotes, CRLF). */
export function parseCsv(text: string, delimiter = ','): string[][] {
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
    else if (ch === delimiter) { row.push(field); field = ''; }
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field); rows.push(row); row = []; field = '';
    } else field += ch;
  }
  if (field !== '' || row.length) { row.push(field); rows.push(row); }
  return rows;
}

/** What ReaderConfig says about the objects' format. */
interface Format {
  inputType: string;
  delimiter: string;
  headers?: string[];
  itemsPointer?: string;
}

/** Reads one object's items by its format. */
async function parseObject(data: Uint8Array, format: Format, where: string): Promise<unknown[]> {
  const bytes = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  switch (format.inputType) {
    case 'JSON': {
      let value = parseJson(bytes.toString('utf8'), where);
      if (format.itemsPointer !== undefined) value = atPointer(value, format.itemsPointer, where);
      if (!Array.isArray(value)) throw readerFailed(`The JSON in ${where}${format.itemsPointer ? ` at ItemsPointer '${format.itemsPointer}'` : ''} is not an array.`);
      return value;
    }
    case 'JSONL':
      return parseJsonLines(bytes.toString('utf8'), where);
    case 'CSV': {
      const rows = parseCsv(bytes.toString('utf8'), format.delimiter);
      const headers = format.headers ?? rows.shift() ?? [];
      return rows.map((row) => Object.fromEntries(headers.map((header, i) => [header, row[i] ?? ''])));
    }
    case 'PARQUET':
      return readParquet(bytes, where);
    default:
      throw readerFailed(`The ItemReader cannot read ${where} as InputType '${format.inputType}'.`);
  }
}

/** One item per non-blank line, read line by line (no array of a million line texts beside the items). */
function parseJsonLines(text: string, where: string): unknown[] {
  const items: unknown[] = [];
  let line = 0;
  for (let start = 0; start < text.length; line++) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const content = text.slice(start, end > start && text[end - 1] === '\r' ? end - 1 : end);
    if (content.trim() !== '') items.push(parseJson(content, `line ${line + 1} of ${where}`));
    start = end + 1;
  }
  return items;
}

function parseJson(text: string, where: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw readerFailed(`${where} is not valid JSON: ${(error as Error).message}`);
  }
}

/** The value at an RFC 6901 JSON Pointer (ReaderConfig's ItemsPointer). */
function atPointer(value: unknown, pointer: string, where: string): unknown {
  if (pointer !== '' && !pointer.startsWith('/')) throw readerFailed(`The ItemsPointer '${pointer}' is not a JSON Pointer (it starts with '/').`);
  let node = value;
  for (const segment of pointerSegments(pointer)) {
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, segment)) {
      throw readerFailed(`The ItemsPointer '${pointer}' selects nothing in ${where}.`);
    }
    node = (node as Record<string, unknown>)[segment];
  }
  return node;
}

/** Parquet rows as JSON objects (hyparquet, pure JavaScript; an ES module, hence the dynamic import). */
async function readParquet(bytes: Buffer, where: string): Promise<unknown[]> {
  const { parquetReadObjects } = await import('hyparquet');
  const file = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  let rows: Record<string, unknown>[];
  try {
    rows = await parquetReadObjects({ file });
  } catch (error) {
    throw readerFailed(`${where} is not a Parquet file: ${(error as Error).message}`);
  }
  return rows.map((row) => JSON.parse(JSON.stringify(row, (_, value) => (typeof value === 'bigint' ? Number(value) : value))));
}

/** With InputType MANIFEST, an Athena data file's format is told by its name (UNLOAD's extensions, .gz aside). */
function athenaFormat(key: string, uri: string): string {
  const extension = /\.(csv|jsonl|json|parquet)(\.gz)?$/i.exec(key)?.[1].toLowerCase();
  if (!extension) throw readerFailed(`The format of the Athena data file ${uri} is not known from its name: give 'InputType' CSV, JSONL or PARQUET.`);
  return extension === 'json' ? 'JSONL' : extension.toUpperCase();
}

/** An `s3://bucket/key` URI, as Athena's and S3 inventory's manifests list objects. */
function parseS3Uri(uri: string, where: string): { bucket: string; key: string } {
  const match = /^s3:\/\/([^/]+)\/(.+)$/.exec(uri.trim());
  if (!match) throw readerFailed(`'${uri}' in ${where} is not an s3://bucket/key URI.`);
  return { bucket: match[1], key: match[2] };
}

export function compileItemReader(value: unknown, at: string, language: string, maxItems: (ctx: StateContext, selected: unknown) => Promise<number | undefined> | number | undefined): ItemReader {
  const def = value as Record<string, unknown>;
  const resource = def.Resource as string;
  const config = (def.ReaderConfig ?? {}) as Record<string, unknown>;
  const args = compileArguments(def, at, language);
  const listing = /s3:listObjectsV2$/.test(resource);
  const manifestType = config.ManifestType as string | undefined;
  // InputType MANIFEST reads an S3 inventory unless ManifestType says the manifest is Athena's.
  const inventory = manifestType === 'S3_INVENTORY' || (config.InputType === 'MANIFEST' && manifestType !== 'ATHENA_DATA');
  const format: Format = {
    inputType: (config.InputType as string | undefined) ?? 'JSON',
    delimiter: DELIMITERS[(config.CSVDelimiter as string | undefined) ?? 'COMMA'] ?? ',',
    headers: config.CSVHeaderLocation === 'GIVEN' ? (config.CSVHeaders as string[]) : undefined,
    itemsPointer: config.ItemsPointer as string | undefined,
  };

  /** The bytes of s3://bucket/key. */
  async function readObject(ctx: StateContext, bucket: unknown, key: unknown): Promise<Buffer> {
    const name = bucketName(bucket, 'ItemReader');
    if (typeof key !== 'string') throw readerFailed('The ItemReader needs string Bucket and Key parameters.');
    try {
      const data = await ctx.runtime.objects.read(name, key);
      return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    } catch (error) {
      throw readerFailed(`The ItemReader could not read s3://${bucket}/${key} ${(error as Error).message}.`);
    }
  }

  /** S3 inventory: manifest.json lists gzipped CSV files whose columns its fileSchema names. */
  async function readInventory(ctx: StateContext, bucket: unknown, key: string): Promise<unknown[]> {
    const where = `s3://${bucket}/${key}`;
    const manifest = parseJson((await readObject(ctx, bucket, key)).toString('utf8'), where) as Record<string, unknown>;
    if (manifest?.fileFormat !== 'CSV') throw readerFailed(`The S3 inventory ${where} has fileFormat '${String(manifest?.fileFormat)}': only CSV inventories can be read.`);
    const headers = String(manifest.fileSchema ?? '').split(',').map((name) => name.trim());
    const files = Array.isArray(manifest.files) ? (manifest.files as { key?: unknown }[]) : [];
    const destination = String(manifest.destinationBucket ?? '').replace(/^arn:aws:s3:::/, '');
    const lists = await Promise.all(files.map(async (file) => {
      const bytes = await readObject(ctx, destination, file.key);
      const text = (String(file.key).endsWith('.gz') ? gunzip(bytes) : bytes).toString('utf8');
      return parseCsv(text).map((row) => Object.fromEntries(headers.map((header, i) => [header, row[i] ?? ''])));
    }));
    return lists.flat();
  }

  async function readItems(ctx: StateContext, params: Record<string, unknown>): Promise<unknown[]> {
    if (listing) {
      const bucket = bucketName(params.Bucket, 'ItemReader');
      const prefix = typeof params.Prefix === 'string' ? params.Prefix : '';
      let objects: ObjectSummary[];
      try {
        objects = await ctx.runtime.objects.list(bucket, prefix);
      } catch (error) {
        throw readerFailed(`The ItemReader could not list s3://${bucket}/${prefix} ${(error as Error).message}.`);
      }
      if (config.Transformation === 'LOAD_AND_FLATTEN') {
        // Each listed object read by InputType, their items one list.
        const lists = await Promise.all(objects.map(async ({ Key }) => parseObject(await readObject(ctx, bucket, Key), format, `s3://${bucket}/${Key}`)));
        return lists.flat();
      }
      return objects;
    }
    const where = `s3://${params.Bucket}/${params.Key}`;
    if (inventory) return readInventory(ctx, params.Bucket, params.Key as string);
    const bytes = await readObject(ctx, params.Bucket, params.Key);
    if (manifestType === 'ATHENA_DATA') {
      // An Athena UNLOAD manifest: one data file URI per line, each read by InputType.
      const uris = bytes.toString('utf8').split(/\r?\n/).filter((line) => line.trim() !== '');
      const lists = await Promise.all(uris.map(async (uri) => {
        const { bucket, key } = parseS3Uri(uri, where);
        const data = await readObject(ctx, bucket, key);
        const unpacked = key.endsWith('.gz') ? gunzip(data) : data;
        return parseObject(unpacked, format.inputType === 'MANIFEST' ? { ...format, inputType: athenaFormat(key, uri) } : format, uri.trim());
      }));
      return lists.flat();
    }
    return parseObject(bytes, format, where);
  }

  return {
    async read(ctx, selected) {
      const limit = await maxItems(ctx, selected);
      const items = await readItems(ctx, await args(ctx, selected));
      // MaxItems 0 (or absent) reads every item, as AWS does.
      return limit ? items.slice(0, limit) : items;
    },
  };
}

/** The objects under a bucket's folder: each file with its key. */
function listObjects(folder: string, keyPrefix = ''): { key: string; file: string }[] {
  if (!fs.existsSync(folder)) return [];
  return fs.readdirSync(folder, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)).flatMap((entry) => {
    const file = path.join(folder, entry.name);
    const key = `${keyPrefix}${keySegment(entry.name)}`;
    return entry.isDirectory() ? listObjects(file, `${key}/`) : [{ key, file }];
  });
}

/** What the iterations of a Distributed Map gave: per child execution its input and its output or failure. */
export interface ChildRuns {
  mapRunArn: string;
  inputs: unknown[];
  /** An output, or `{ Error, Cause }` for a child that failed. */
  results: unknown[];
  /** The indexes of the children that failed. */
  failed: ReadonlySet<number>;
}

/**
 * WriterConfig's Transformation of the results (the 2025 launch): NONE keeps each child execution's
 * description. One entry at a time (a million need not be held as one array); `failed`: only the children
 * that failed (true) or succeeded (false), all when undefined.
 */
function* transform(ctx: StateContext, runs: ChildRuns, transformation: string, failed?: boolean): Generator<unknown> {
  const stamp = ctx.runtime.timestamp();
  for (let i = 0; i < runs.results.length; i++) {
    if (failed !== undefined && runs.failed.has(i) !== failed) continue;
    if (transformation === 'COMPACT') {
      yield runs.results[i];
      continue;
    }
    if (transformation === 'FLATTEN') {
      if (Array.isArray(runs.results[i])) yield* runs.results[i] as unknown[];
      else yield runs.results[i];
      continue;
    }
    const name = `${ctx.runtime.name}-${i}`;
    const failure = runs.failed.has(i) ? runs.results[i] as { Error?: string; Cause?: string } : undefined;
    yield {
      ExecutionArn: runs.mapRunArn.replace(':mapRun:', ':execution:').replace(/:[^:]*$/, `:${name}`),
      Input: JSON.stringify(runs.inputs[i]), InputDetails: { Included: true }, Name: name,
      ...(failure ? { Error: failure.Error, Cause: failure.Cause } : { Output: JSON.stringify(runs.results[i]), OutputDetails: { Included: true } }),
      RedriveCount: 0, RedriveStatus: 'NOT_REDRIVABLE', RedriveStatusReason: `Execution is ${failure ? 'FAILED' : 'SUCCEEDED'} and cannot be redriven`,
      StartDate: stamp, StateMachineArn: ctx.runtime.stateMachineArn, Status: failure ? 'FAILED' : 'SUCCEEDED', StopDate: stamp,
    };
  }
}

/** A results file's text in pieces: a JSON array, or JSON Lines. */
function* entryTexts(entries: Iterable<unknown>, jsonLines: boolean): Generator<string> {
  if (jsonLines) {
    for (const entry of entries) yield JSON.stringify(entry) + '\n';
    return;
  }
  let separator = '[';
  for (const entry of entries) {
    yield separator + JSON.stringify(entry);
    separator = ',';
  }
  yield separator === '[' ? '[]' : ']';
}

export function compileResultWriter(value: unknown, at: string, language: string): ResultWriter {
  const def = value as Record<string, unknown>;
  const config = (def.WriterConfig ?? {}) as Record<string, unknown>;
  const transformation = (config.Transformation as string | undefined) ?? 'NONE';
  const jsonLines = config.OutputType === 'JSONL';
  // A WriterConfig without Resource transforms the state's result and writes nothing.
  const exports = def.Resource !== undefined;
  const args = compileArguments(def, at, language);
  return {
    async write(ctx, runs) {
      if (!exports) return [...transform(ctx, runs, transformation)];
      const params = await args(ctx, ctx.input);
      const bucket = bucketName(params.Bucket, 'ResultWriter');
      const runId = ctx.runtime.name;
      const prefix = typeof params.Prefix === 'string' && params.Prefix ? `${params.Prefix.replace(/\/$/, '')}/${runId}` : runId;
      const write = async (key: string, texts: Iterable<string>): Promise<number> => {
        try {
          return await ctx.runtime.objects.write(bucket, key, texts);
        } catch (error) {
          throw objectsFailed('ResultWriter', `The ResultWriter could not write s3://${bucket}/${key} ${(error as Error).message}`);
        }
      };
      const resultFiles: Record<string, { Key: string; Size: number }[]> = { FAILED: [], PENDING: [], SUCCEEDED: [] };
      for (const status of ['SUCCEEDED', 'FAILED'] as const) {
        if (status === 'FAILED' && runs.failed.size === 0) continue;
        const key = `${prefix}/${status}_0.${jsonLines ? 'jsonl' : 'json'}`;
        resultFiles[status].push({ Key: key, Size: await write(key, entryTexts(transform(ctx, runs, transformation, status === 'FAILED'), jsonLines)) });
      }
      const manifestKey = `${prefix}/manifest.json`;
      await write(manifestKey, [JSON.stringify({ DestinationBucket: bucket, MapRunArn: runs.mapRunArn, ResultFiles: resultFiles })]);
      return { MapRunArn: runs.mapRunArn, ResultWriterDetails: { Bucket: bucket, Key: manifestKey } };
    },
  };
}
