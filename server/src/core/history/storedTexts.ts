// Histories kept small enough to stream and hold: an event's long texts (a state's input and
// output, a task's parameters, a cause) are stored aside, once, in the execution's texts file,
// and the event keeps a reference with the text's beginning. A 25,000-event history with
// 200 KB payloads is 5 GB as AWS's JSON; its compact events are a few megabytes.
import type { HistoryEvent } from '../interpreter/api';

/** Texts longer than this (in UTF-16 units) are stored aside. */
export const STORED_TEXT_THRESHOLD = 1024;
/** How much of a stored text the compact event keeps. */
const PREVIEW_LENGTH = 200;

/** A text stored aside: its bytes in the texts file, its length, and its beginning. */
export interface StoredText {
  storedText: { offset: number; bytes: number; length: number; preview: string };
}

export function isStoredText(value: unknown): value is StoredText {
  return typeof value === 'object' && value !== null && 'storedText' in value;
}

/** Stores a text aside and says where: `offset` and `bytes` in the texts file. */
export type TextSink = (text: string) => { offset: number; bytes: number };

/** The event with its long texts stored aside (any depth of its details). */
export function compactEvent(event: HistoryEvent, store: TextSink): HistoryEvent {
  return compactValue(event, store) as HistoryEvent;
}

function compactValue(value: unknown, store: TextSink): unknown {
  if (typeof value === 'string') {
    if (value.length <= STORED_TEXT_THRESHOLD) return value;
    const stored: StoredText = { storedText: { ...store(value), length: value.length, preview: value.slice(0, PREVIEW_LENGTH) } };
    return stored;
  }
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map((item) => compactValue(item, store));
  const compact: Record<string, unknown> = {};
  for (const key in value) compact[key] = compactValue((value as Record<string, unknown>)[key], store);
  return compact;
}

/** The stored texts an event refers to, in the order `expandEvent` takes their contents. */
export function storedTextsOf(value: unknown, into: StoredText[] = []): StoredText[] {
  if (isStoredText(value)) into.push(value);
  else if (typeof value === 'object' && value !== null) for (const item of Object.values(value)) storedTextsOf(item, into);
  return into;
}

/** The event as AWS records it: each stored text replaced by its contents, given in `storedTextsOf` order. */
export function expandEvent(event: HistoryEvent, contents: readonly string[]): HistoryEvent {
  let next = 0;
  const expand = (value: unknown): unknown => {
    if (isStoredText(value)) return contents[next++];
    if (typeof value !== 'object' || value === null) return value;
    if (Array.isArray(value)) return value.map(expand);
    const expanded: Record<string, unknown> = {};
    for (const key in value) expanded[key] = expand((value as Record<string, unknown>)[key]);
    return expanded;
  };
  return expand(event) as HistoryEvent;
}

/** A text of an event, or the beginning of a stored one marked as cut. */
export function previewText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (!isStoredText(value)) return undefined;
  const { preview, length } = value.storedText;
  return `${preview}… (${length - preview.length} more characters)`;
}
