// Small helpers for reading a definition that may be broken anywhere.

/** A value as short readable text: strings as they are, the rest as compact JSON. */
export function shortText(value: unknown, limit = 60): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
  return text.length > limit ? `${text.slice(0, limit - 1)}…` : text;
}
