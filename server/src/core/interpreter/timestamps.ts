// Timestamps as AWS reads them: ISO-8601 extended offset date-times (2016-03-14T01:59:00Z,
// 2016-03-14T01:59:00.123+01:00), checked strictly; anything else is not a timestamp.

const FORMAT = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;

/** An instant: whole seconds since the epoch and nanoseconds. */
export interface Instant { seconds: number; nanos: number }

export function parseTimestamp(text: unknown): Instant | undefined {
  if (typeof text !== 'string') return undefined;
  const m = FORMAT.exec(text);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number);
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return undefined;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > daysInMonth) return undefined;
  let offset = 0;
  if (!m[8]) {
    const [oh, om] = [Number(m[10]), Number(m[11])];
    if (oh > 18 || om > 59) return undefined;
    offset = (oh * 60 + om) * 60 * (m[9] === '-' ? -1 : 1);
  }
  const base = Date.UTC(year, month - 1, day, hour, minute, second);
  const date = new Date(base);
  date.setUTCFullYear(year);
  return { seconds: Math.floor(date.getTime() / 1000) - offset, nanos: Number((m[7] ?? '').padEnd(9, '0')) };
}

export function compareInstants(a: Instant, b: Instant): number {
  return a.seconds !== b.seconds ? a.seconds - b.seconds : a.nanos - b.nanos;
}

export function instantToMillis(instant: Instant): number {
  return instant.seconds * 1000 + Math.floor(instant.nanos / 1e6);
}

/** '000Z' to '999Z': a timestamp's end, from its milliseconds (one string joined to its second's text, not two). */
const MILLIS = Array.from({ length: 1000 }, (_, ms) => `${String(ms).padStart(3, '0')}Z`);
/**
 * The texts of the two seconds last written, up to their milliseconds: an execution's events fall in few seconds,
 * and a virtual Wait's jump makes an execution's events alternate between two (its start and after the wait).
 */
const seconds = [NaN, NaN];
const secondTexts = ['', ''];
let older = 0;

/**
 * `new Date(ms).toISOString()`, made from the text of its second: Date's own formatting cost about a
 * microsecond per event (profile of issue 16).
 */
export function isoTimestamp(ms: number): string {
  const millis = Math.trunc(ms);
  const second = Math.floor(millis / 1000);
  let slot = seconds[0] === second ? 0 : seconds[1] === second ? 1 : -1;
  if (slot < 0) {
    slot = older;
    seconds[slot] = second;
    secondTexts[slot] = new Date(second * 1000).toISOString().slice(0, -4);
  }
  older = 1 - slot;
  return secondTexts[slot] + MILLIS[millis - second * 1000];
}
