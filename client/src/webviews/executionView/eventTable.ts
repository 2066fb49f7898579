// The Events tab's table, virtualised: only the rows in view exist in the DOM, so 25,000 events
// scroll as smoothly as 20. A row expands to its event's JSON in a fixed-height panel, which
// keeps every row's offset a simple sum.
import { h } from '../dom';
import { expandEvent, storedTextsOf, type StoredText } from '../../../../server/src/core/history/storedTexts';
import { eventDetails, formatDuration, formatTimestamp, type EventRow } from '../../../../server/src/core/history/viewModel';
import type { HistoryEvent } from '../../../../server/src/protocol';

const ROW_HEIGHT = 26;
const DETAIL_HEIGHT = 280;
const OVERSCAN = 8;

export class EventTable {
  readonly element: HTMLElement;
  private readonly viewport: HTMLElement;
  private readonly canvas: HTMLElement;
  private rows: readonly EventRow[] = [];
  private readonly expanded = new Set<number>();
  /** offsets[i] is the top of row i; offsets[rows.length] is the total height. */
  private offsets: number[] = [0];
  private focusedId: number | undefined;
  private frame = 0;
  /** The rows in the DOM by event id: kept while they stay in view, so scrolling only adds and removes at the edges. */
  private readonly rendered = new Map<number, HTMLElement>();
  /** Opened events with their stored texts paged in, by event id. */
  private readonly whole = new Map<number, Promise<HistoryEvent>>();

  /** `loadTexts` pages in the long texts an event refers to (see storedTexts.ts). */
  constructor(private readonly loadTexts: (texts: StoredText[]) => Promise<string[]>) {
    this.canvas = h('div', { class: 'canvas', role: 'rowgroup' });
    // The header scrolls sideways with the rows (a narrow view scrolls the table, the columns keep their width) and sticks on top.
    const header = h('div', { class: 'event-row header', role: 'row' },
      ...['ID', 'Type', 'Step', 'Resource', 'Started After', 'Timestamp'].map((title) => h('div', { role: 'columnheader' }, title)));
    this.viewport = h('div', { class: 'event-viewport', tabindex: -1 }, header, this.canvas);
    this.element = h('div', { class: 'event-table', role: 'table', 'aria-label': 'Events' }, this.viewport);
    this.viewport.addEventListener('scroll', () => this.schedule());
    new ResizeObserver(() => this.schedule()).observe(this.viewport);
    this.viewport.addEventListener('keydown', (event) => this.onKey(event));
  }

  /** A hybrid run's states whose Task called AWS: their Task events carry an "AWS" mark. */
  private calledAws: ReadonlySet<string> = new Set();

  setCalledAws(states: readonly string[]): void {
    if (states.length === this.calledAws.size && states.every((state) => this.calledAws.has(state))) return;
    this.calledAws = new Set(states);
    this.forget();
    this.render();
  }

  setRows(rows: readonly EventRow[]): void {
    this.rows = rows;
    this.forget();
    this.layout();
  }

  /** Drops the rendered rows, so the next render builds them afresh. */
  private forget(): void {
    for (const element of this.rendered.values()) element.remove();
    this.rendered.clear();
  }

  private layout(): void {
    const offsets = new Array<number>(this.rows.length + 1);
    let top = 0;
    for (let i = 0; i < this.rows.length; i++) {
      offsets[i] = top;
      top += ROW_HEIGHT + (this.expanded.has(this.rows[i].id) ? DETAIL_HEIGHT : 0);
    }
    offsets[this.rows.length] = top;
    this.offsets = offsets;
    this.canvas.style.height = `${top}px`;
    this.render();
  }

  private schedule(): void {
    if (!this.frame) this.frame = requestAnimationFrame(() => { this.frame = 0; this.render(); });
  }

  /** The index of the row at `y`: binary search over the offsets. */
  private indexAt(y: number): number {
    let low = 0;
    let high = this.rows.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (this.offsets[middle] <= y) low = middle;
      else high = middle - 1;
    }
    return Math.max(0, low);
  }

  private render(): void {
    const top = this.viewport.scrollTop;
    const height = this.viewport.clientHeight || 600;
    const first = Math.max(0, this.indexAt(top) - OVERSCAN);
    const last = Math.min(this.rows.length, this.indexAt(top + height) + OVERSCAN + 1);
    const hadFocus = this.viewport.contains(document.activeElement);
    const visible = new Set<number>();
    for (let i = first; i < last; i++) {
      const row = this.rows[i];
      visible.add(row.id);
      let element = this.rendered.get(row.id);
      if (!element) {
        element = this.renderRow(row);
        this.rendered.set(row.id, element);
        this.canvas.append(element);
      }
      element.style.top = `${this.offsets[i]}px`;
    }
    for (const [id, element] of this.rendered) {
      if (visible.has(id)) continue;
      element.remove();
      this.rendered.delete(id);
    }
    if (hadFocus && this.focusedId !== undefined) this.rendered.get(this.focusedId)?.focus();
  }

  private renderRow(row: EventRow): HTMLElement {
    const open = this.expanded.has(row.id);
    const element = h('div', {
      class: `event-row tone-${row.tone}${open ? ' open' : ''}`, role: 'row', tabindex: 0, 'data-id': row.id,
      'aria-expanded': String(open),
      onclick: (event) => { if (!(event.target as HTMLElement).closest('.detail')) this.toggle(row.id); },
      onfocus: () => { this.focusedId = row.id; },
    },
    h('div', { role: 'cell' }, h('span', { class: 'chevron', 'aria-hidden': 'true' }, open ? '▾' : '▸'), String(row.id)),
    h('div', { role: 'cell', class: 'type', title: row.type }, row.type),
    h('div', { role: 'cell', title: row.step }, row.step),
    h('div', { role: 'cell', title: row.resource },
      this.calledAws.has(row.step) && /^(Task|LambdaFunction)(Scheduled|Started|Submitted|Succeeded|Failed|TimedOut)$/.test(row.type)
        ? h('span', { class: 'aws-mark', title: 'This Task called AWS (a hybrid run)' }, 'AWS') : undefined,
      row.resource),
    h('div', { role: 'cell' }, formatDuration(row.startedAfterMs)),
    h('div', { role: 'cell', title: row.timestamp }, formatTimestamp(row.timestamp)));
    if (open) element.append(this.renderDetail(row.event));
    return element;
  }

  /** The event's JSON, its stored texts paged in: "Loading…" until they arrive. */
  private renderDetail(event: HistoryEvent): HTMLElement {
    const detail = h('pre', { class: 'detail', tabindex: 0 });
    const texts = storedTextsOf(event);
    if (!texts.length) {
      detail.textContent = JSON.stringify(expandJson(event), null, 2);
      return detail;
    }
    detail.textContent = 'Loading…';
    let whole = this.whole.get(event.id);
    if (!whole) {
      whole = this.loadTexts(texts).then((contents) => expandEvent(event, contents));
      this.whole.set(event.id, whole);
      // A failed read may succeed when the event is opened again.
      whole.catch(() => this.whole.delete(event.id));
    }
    whole.then(
      (expanded) => { detail.textContent = JSON.stringify(expandJson(expanded), null, 2); },
      (error: Error) => { detail.textContent = `The event's details could not be read: ${error.message}`; });
    return detail;
  }

  private toggle(id: number): void {
    if (this.expanded.has(id)) {
      this.expanded.delete(id);
      this.whole.delete(id);
    } else this.expanded.add(id);
    this.focusedId = id;
    this.rendered.get(id)?.remove();
    this.rendered.delete(id);
    this.layout();
  }

  private onKey(event: KeyboardEvent): void {
    const index = this.rows.findIndex((row) => row.id === this.focusedId);
    if (index < 0) return;
    let next = index;
    if (event.key === 'ArrowDown') next = Math.min(this.rows.length - 1, index + 1);
    else if (event.key === 'ArrowUp') next = Math.max(0, index - 1);
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = this.rows.length - 1;
    else if ((event.key === 'Enter' || event.key === ' ') && (event.target as HTMLElement).classList.contains('event-row')) {
      event.preventDefault();
      this.toggle(this.focusedId!);
      return;
    } else return;
    event.preventDefault();
    this.focusedId = this.rows[next].id;
    const top = this.offsets[next];
    if (top < this.viewport.scrollTop) this.viewport.scrollTop = top;
    // The rows start below the sticky header, one row high.
    else if (top + 2 * ROW_HEIGHT > this.viewport.scrollTop + this.viewport.clientHeight) this.viewport.scrollTop = top + 2 * ROW_HEIGHT - this.viewport.clientHeight;
    this.render();
  }
}

/** The event with its JSON-text members (input, output, parameters) shown as JSON. */
function expandJson(event: HistoryEvent): unknown {
  const details = eventDetails(event);
  if (!details) return event;
  const parsed: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(details)) {
    if (typeof value === 'string' && /^(input|output|parameters|cause)$/.test(key)) {
      try {
        parsed[key] = JSON.parse(value);
        continue;
      } catch { /* not JSON: shown as the text it is */ }
    }
    parsed[key] = value;
  }
  const detailsKey = Object.keys(event).find((key) => key.endsWith('EventDetails'))!;
  return { ...event, [detailsKey]: parsed };
}
