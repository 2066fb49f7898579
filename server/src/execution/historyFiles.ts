// An execution's history on disk, in its own folder: `events.jsonl`, one compact event a line
// (see core/history/storedTexts.ts), and `texts.bin`, the long texts those events refer to by
// byte offset. The execution's thread writes it as events are recorded; the extension reads the
// compact events to show the history and pages stored texts in when an event is opened.
import { closeSync, fstatSync, mkdirSync, openSync, promises as fsPromises, writeSync } from 'node:fs';
import * as path from 'node:path';
import type { HistoryEvent } from '../core/interpreter/api';
import { compactEvent, expandEvent, storedTextsOf, type StoredText } from '../core/history/storedTexts';

const EVENTS_FILE = 'events.jsonl';
const TEXTS_FILE = 'texts.bin';
/** Compact events are written in blocks of about this many characters. */
const EVENT_BLOCK_CHARS = 1 << 20;
/** Recent texts written, so that a state's output that is the next state's input is stored once. */
const RECENT_TEXTS = 8;

export class HistoryWriter {
  private eventsFile = -1;
  private textsFile = -1;
  private textsSize = 0;
  private lines: string[] = [];
  private lineChars = 0;
  private readonly recent = new Map<string, { offset: number; bytes: number }>();
  /** The first write that failed: from then on nothing more is written. */
  private failure: string | undefined;

  /** `append`: the history goes on from what the folder holds (a redriven execution's). */
  constructor(folder: string, append = false) {
    this.attempt(() => {
      mkdirSync(folder, { recursive: true });
      this.eventsFile = openSync(path.join(folder, EVENTS_FILE), append ? 'a' : 'w');
      this.textsFile = openSync(path.join(folder, TEXTS_FILE), append ? 'a' : 'w');
      this.textsSize = fstatSync(this.textsFile).size;
    });
  }

  /** Records an event; returns its compact form, the one to stream. */
  write(event: HistoryEvent): HistoryEvent {
    const compact = compactEvent(event, (text) => this.storeText(text));
    const line = `${JSON.stringify(compact)}\n`;
    this.lines.push(line);
    this.lineChars += line.length;
    if (this.lineChars >= EVENT_BLOCK_CHARS) this.flush();
    return compact;
  }

  /** Writes the events received so far. */
  flush(): void {
    const block = this.lines.join('');
    this.lines = [];
    this.lineChars = 0;
    if (block) this.attempt(() => writeAll(this.eventsFile, Buffer.from(block, 'utf8')));
  }

  /** Writes what is left and closes the files; answers why the history is incomplete, if it is. */
  close(): string | undefined {
    this.flush();
    for (const file of [this.eventsFile, this.textsFile]) if (file >= 0) this.attempt(() => closeSync(file));
    this.eventsFile = this.textsFile = -1;
    return this.failure;
  }

  private storeText(text: string): { offset: number; bytes: number } {
    const known = this.recent.get(text);
    if (known) return known;
    const buffer = Buffer.from(text, 'utf8');
    const stored = { offset: this.textsSize, bytes: buffer.length };
    this.attempt(() => writeAll(this.textsFile, buffer));
    this.textsSize += buffer.length;
    this.recent.set(text, stored);
    if (this.recent.size > RECENT_TEXTS) this.recent.delete(this.recent.keys().next().value!);
    return stored;
  }

  private attempt(write: () => void): void {
    if (this.failure !== undefined) return;
    try {
      write();
    } catch (error) {
      this.failure = error instanceof Error ? error.message : String(error);
    }
  }
}

function writeAll(file: number, buffer: Buffer): void {
  for (let written = 0; written < buffer.length;) written += writeSync(file, buffer, written);
}

/** The compact events of a stored history; a line cut short by a crash ends it. */
export async function readHistoryEvents(folder: string): Promise<HistoryEvent[]> {
  const text = await fsPromises.readFile(path.join(folder, EVENTS_FILE), 'utf8');
  const events: HistoryEvent[] = [];
  for (const line of text.split('\n')) {
    if (!line) continue;
    try {
      events.push(JSON.parse(line) as HistoryEvent);
    } catch {
      break;
    }
  }
  return events;
}

/** The contents of stored texts of a history, in the order asked. */
export async function readStoredTexts(folder: string, texts: readonly StoredText[]): Promise<string[]> {
  const file = await fsPromises.open(path.join(folder, TEXTS_FILE), 'r');
  try {
    return await Promise.all(texts.map(async ({ storedText: { offset, bytes } }) => {
      const buffer = Buffer.alloc(bytes);
      const { bytesRead } = await file.read(buffer, 0, bytes, offset);
      if (bytesRead < bytes) throw new Error(`The stored history is cut short (${bytesRead} of ${bytes} bytes at ${offset}).`);
      return buffer.toString('utf8');
    }));
  } finally {
    await file.close();
  }
}

/** A stored history as AWS records it, its long texts read back in: what a comparison of runs reads. */
export async function readWholeHistory(folder: string): Promise<HistoryEvent[]> {
  const events = await readHistoryEvents(folder);
  const texts = events.map((event) => storedTextsOf(event));
  const contents = await readStoredTexts(folder, texts.flat());
  let next = 0;
  return events.map((event, index) => expandEvent(event, contents.slice(next, next += texts[index].length)));
}
