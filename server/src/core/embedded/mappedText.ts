// A definition's text built from pieces of a template, with where every character came from: the
// template's characters copied, escapes decoded, placeholders replaced by their values. Offsets map
// both ways, so a diagnostic in the definition lands on the template's text, and an edit of the
// definition becomes an edit of the template (its text escaped as the template writes it).

/** Writes text the way the template's source of a piece writes it (JSON string escapes, YAML block indentation...). */
export type Encode = (text: string) => string;

export const verbatim: Encode = (text) => text;

export interface MappedText {
  readonly text: string;
  /** The template offset where the definition's character at `offset` starts (or where the text ends). */
  startInTemplate(offset: number): number;
  /** The template offset where the definition's character before `offset` ends. */
  endInTemplate(offset: number): number;
  /** The definition offset of a template offset: the character there, or the nearest before it. Undefined outside the definition. */
  toDefinition(templateOffset: number): number | undefined;
  /**
   * A definition range as a template range, with the text an edit there writes; undefined when the
   * range holds a replaced placeholder or synthetic text (the edit would not land on the template's own text).
   */
  editInTemplate(start: number, end: number, newText: string): { start: number; end: number; newText: string } | undefined;
  /**
   * The text after the template's `[start, end)` became `newText`, when that lies among characters copied
   * one for one (not at either end, not in a replaced placeholder); undefined otherwise. The caller
   * checks that the edit cannot change how the template reads (no line break, quote or tag).
   */
  afterEdit(start: number, end: number, newText: string): MappedText | undefined;
  /** The same text, its template offsets moved by `delta` (an edit before it in the template). */
  shifted(delta: number): MappedText;
}

/** Appends pieces in definition order; template offsets may jump forward between pieces (the parts of an Fn::Join). */
export class MappedTextBuilder {
  private readonly parts: string[] = [];
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];
  /** Per character: 0 for template text, else the replacement it belongs to (an edit may not cut it). */
  private readonly replacement: number[] = [];
  private readonly encoders: Encode[] = [];
  private replacements = 0;

  /** Template text taken as it is, starting at `templateOffset`. */
  copy(text: string, templateOffset: number, encode: Encode = verbatim): this {
    this.parts.push(text);
    for (let i = 0; i < text.length; i++) this.push(templateOffset + i, templateOffset + i + 1, 0, encode);
    return this;
  }

  /** One decoded character (an escape sequence) from the template's `[start, end)`. */
  decoded(char: string, start: number, end: number, encode: Encode): this {
    this.parts.push(char);
    for (let i = 0; i < char.length; i++) this.push(i === 0 ? start : end, end, 0, encode);
    return this;
  }

  /** Text standing for the template's `[start, end)` as a whole: a placeholder's value, a synthetic separator. */
  replace(text: string, start: number, end: number): this {
    if (!text) return this;
    this.parts.push(text);
    const id = ++this.replacements;
    for (let i = 0; i < text.length; i++) this.push(start, end, id, verbatim);
    return this;
  }

  get length(): number {
    return this.starts.length;
  }

  build(): MappedText {
    return mappedText(this.parts.join(''), this.starts, this.ends, this.replacement, this.encoders);
  }

  private push(start: number, end: number, replacement: number, encode: Encode): void {
    this.starts.push(start);
    this.ends.push(end);
    this.replacement.push(replacement);
    this.encoders.push(encode);
  }
}

function mappedText(text: string, starts: number[], ends: number[], replacement: number[], encoders: Encode[]): MappedText {
  const length = text.length;
  const last = length ? ends[length - 1] : 0;
  const startInTemplate = (offset: number) => offset < length ? starts[Math.max(0, offset)] : last;
  const endInTemplate = (offset: number) => offset <= 0 ? (length ? starts[0] : 0) : ends[Math.min(offset, length) - 1];
  const cuts = (offset: number) => offset > 0 && offset < length && replacement[offset] !== 0 && replacement[offset] === replacement[offset - 1];
  const copied = (index: number) => replacement[index] === 0 && ends[index] - starts[index] === 1;
  /** The first character starting at or after the template offset. */
  const firstFrom = (templateOffset: number) => {
    let low = 0;
    let high = length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (starts[middle] < templateOffset) low = middle + 1;
      else high = middle;
    }
    return low;
  };
  return {
    text,
    startInTemplate,
    endInTemplate,
    toDefinition(templateOffset) {
      if (!length || templateOffset < starts[0] || templateOffset > last) return undefined;
      // The last character starting at or before the offset (starts never decrease).
      let low = 0;
      let high = length - 1;
      while (low < high) {
        const middle = (low + high + 1) >> 1;
        if (starts[middle] <= templateOffset) low = middle;
        else high = middle - 1;
      }
      // Inside a replaced span: its first character, so the whole value is what the offset points at.
      while (low > 0 && replacement[low] !== 0 && replacement[low] === replacement[low - 1]) low--;
      return templateOffset >= ends[low] && low + 1 <= length && replacement[low] === 0 ? low + 1 : low;
    },
    editInTemplate(start, end, newText) {
      // An edit over a placeholder's value would write the value over the placeholder.
      if (cuts(start) || cuts(end) || replacement.slice(start, end).some((id) => id !== 0)) return undefined;
      const encode = encoders[Math.min(start, length - 1)] ?? verbatim;
      const from = startInTemplate(start);
      return { start: from, end: end === start ? from : endInTemplate(end), newText: encode(newText) };
    },
    afterEdit(start, end, newText) {
      const first = firstFrom(start);
      const after = firstFrom(end);
      if (first === 0 || after >= length || starts[after] !== end || ends[first - 1] !== start || !copied(first - 1) || !copied(after)) return undefined;
      for (let index = first; index < after; index++) if (!copied(index)) return undefined;
      const delta = newText.length - (end - start);
      const inserted = Array.from({ length: newText.length }, (_, index) => start + index);
      const encode = encoders[first - 1];
      return mappedText(
        text.slice(0, first) + newText + text.slice(after),
        [...starts.slice(0, first), ...inserted, ...starts.slice(after).map((offset) => offset + delta)],
        [...ends.slice(0, first), ...inserted.map((offset) => offset + 1), ...ends.slice(after).map((offset) => offset + delta)],
        [...replacement.slice(0, first), ...inserted.map(() => 0), ...replacement.slice(after)],
        [...encoders.slice(0, first), ...inserted.map(() => encode), ...encoders.slice(after)],
      );
    },
    shifted(delta) {
      return mappedText(text, starts.map((offset) => offset + delta), ends.map((offset) => offset + delta), replacement, encoders);
    },
  };
}
