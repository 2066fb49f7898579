// The inspector's controls: labelled fields that commit on change, selects, a transition's target,
// groups, and the language server's completion on a text field as a combobox (a listbox the arrow
// keys walk, named to screen readers through aria-activedescendant).
import type { DesignCompletionItem, DesignPath } from '../../../../server/src/protocol';

/** The language server's completion of a field's text, the cursor at `offset`. */
export type Completer = (text: string, offset: number) => Promise<DesignCompletionItem[]>;

/**
 * How a field reads its text: as text, a number, JSON, or a value (a string stays text, as does an
 * expression in `{% %}`; anything else is JSON when it reads as JSON, else text).
 */
export type FieldKind = 'text' | 'number' | 'json' | 'value';

/** True while a form is being drawn again: the focused field's blur and change then commit nothing (its text goes on in the new field). */
let redrawing = false;

/** Empties `container` for a redraw, without the focused field committing a half-typed text as it goes. */
export function clearForRedraw(container: HTMLElement): void {
  redrawing = true;
  try {
    container.replaceChildren();
  } finally {
    redrawing = false;
  }
}

/** The `data-field` of the control editing `field` (a path inside the state): diagnostics find their field by it. */
export function fieldKey(field: DesignPath): string {
  return field.join('.');
}

/** A labelled control; `commit` runs on change (Enter or leaving it), with undefined for an emptied field. */
export function fieldRow(field: string, label: string, kind: FieldKind, value: unknown, commit: (value: unknown) => void, complete?: Completer): HTMLElement {
  const row = document.createElement('label');
  row.className = 'field';
  const caption = document.createElement('span');
  caption.className = 'field-label';
  caption.textContent = label;
  const multiline = kind === 'json' || (kind === 'value' && value !== undefined && typeof value === 'object' && value !== null);
  const control = multiline ? document.createElement('textarea') : document.createElement('input');
  control.dataset.field = field;
  if (control instanceof HTMLInputElement) control.type = kind === 'number' ? 'number' : 'text';
  control.defaultValue = value === undefined ? '' : typeof value === 'string' && kind !== 'json' ? value : JSON.stringify(value, null, multiline ? 2 : undefined);
  control.value = control.defaultValue;
  if (control instanceof HTMLTextAreaElement) control.rows = Math.min(8, Math.max(2, control.value.split('\n').length));
  const problem = document.createElement('span');
  problem.className = 'field-problem';
  problem.setAttribute('role', 'alert');
  // On change, and on leaving a field whose typed text a redraw carried over (no change event then); once per text.
  let committed = control.defaultValue;
  const changed = () => {
    if (control.value === committed) return;
    committed = control.value;
    const text = control.value.trim();
    problem.textContent = '';
    control.removeAttribute('aria-invalid');
    if (text === '') return commit(undefined);
    if (kind === 'number' && Number.isFinite(Number(text))) return commit(Number(text));
    if (kind === 'text' || kind === 'number' || (kind === 'value' && (typeof value === 'string' || text.startsWith('{%')))) return commit(control.value);
    try {
      commit(JSON.parse(text));
    } catch (error) {
      if (kind === 'value') return commit(control.value);
      control.setAttribute('aria-invalid', 'true');
      problem.textContent = `Not JSON: ${error instanceof Error ? error.message : String(error)}`;
    }
  };
  // Leaving a field (its blur, and the change the browser fires with it) commits, unless a redraw takes it away.
  const leave = () => {
    if (!redrawing) changed();
  };
  control.addEventListener('change', leave);
  control.addEventListener('blur', leave);
  row.append(caption, control, problem);
  if (complete && control instanceof HTMLInputElement) attachCompletion(control, row, complete);
  return row;
}

export function selectRow(field: string, label: string, options: { label: string; value: string }[], current: string, commit: (value: string) => void): HTMLElement {
  const row = document.createElement('label');
  row.className = 'field';
  const caption = document.createElement('span');
  caption.className = 'field-label';
  caption.textContent = label;
  const select = document.createElement('select');
  select.dataset.field = field;
  for (const option of options) select.append(new Option(option.label, option.value, false, option.value === current));
  select.addEventListener('change', () => commit(select.value));
  row.append(caption, select);
  return row;
}

const END = '\u0000end';
const NONE = '\u0000none';

/** A transition's target: a state of the machine, or (`canEnd`) the end of the flow. */
export function targetRow(field: string, label: string, targets: string[], current: unknown, canEnd: boolean, commit: (target: string | null) => void): HTMLElement {
  const options = [
    ...(current === undefined || (typeof current === 'string' && !targets.includes(current)) ? [{ label: current === undefined ? '(none)' : `${String(current)} (missing)`, value: NONE }] : []),
    ...targets.map((target) => ({ label: target, value: target })),
    ...(canEnd ? [{ label: '(end of the flow)', value: END }] : []),
  ];
  const selected = current === null ? END : typeof current === 'string' && targets.includes(current) ? current : NONE;
  return selectRow(field, label, options, selected, (value) => {
    if (value !== NONE) commit(value === END ? null : value);
  });
}

/** A group of fields; `field` (the path it edits) lets the diagnostics about it find it. */
export function fieldset(legend: string, field?: string): HTMLFieldSetElement {
  const group = document.createElement('fieldset');
  if (field !== undefined) group.dataset.field = field;
  const caption = document.createElement('legend');
  caption.textContent = legend;
  group.append(caption);
  return group;
}

export function diagnosticList(messages: string[]): HTMLElement {
  const list = document.createElement('ul');
  list.className = 'field-diagnostics';
  for (const message of messages) {
    const item = document.createElement('li');
    item.textContent = message;
    list.append(item);
  }
  return list;
}

export function paragraph(className: string, text: string): HTMLElement {
  const result = document.createElement('p');
  result.className = className;
  result.textContent = text;
  return result;
}

/** `title` names the button to screen readers when its label is short ("Remove", "Add"). */
export function button(label: string, title: string, onClick: () => void): HTMLButtonElement {
  const result = document.createElement('button');
  result.type = 'button';
  result.className = 'tool';
  result.textContent = label;
  result.title = title;
  if (title !== label) result.setAttribute('aria-label', title);
  result.addEventListener('click', onClick);
  return result;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

let listCount = 0;
/** The most items the list shows; typing narrows it. */
const SHOWN_ITEMS = 50;

/**
 * The combobox pattern on a text field: typing (or Ctrl+Space, Alt+Down) asks the language server,
 * the arrow keys walk the list, Enter takes an item into the text, Escape closes it; the field
 * commits as before, on change.
 */
function attachCompletion(input: HTMLInputElement, row: HTMLElement, complete: Completer): void {
  const list = document.createElement('ul');
  list.className = 'completion-list';
  list.id = `completion-${++listCount}`;
  list.setAttribute('role', 'listbox');
  list.setAttribute('aria-label', 'Suggestions');
  list.hidden = true;
  input.setAttribute('role', 'combobox');
  input.setAttribute('aria-autocomplete', 'list');
  input.setAttribute('aria-expanded', 'false');
  input.setAttribute('aria-controls', list.id);
  input.autocomplete = 'off';
  row.append(list);
  let items: DesignCompletionItem[] = [];
  let active = -1;
  let asked = 0;

  const close = () => {
    delete input.dataset.suggesting;
    list.hidden = true;
    list.replaceChildren();
    items = [];
    active = -1;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
  };
  const highlight = (index: number) => {
    active = index;
    list.querySelectorAll('[role="option"]').forEach((option, at) => option.setAttribute('aria-selected', String(at === index)));
    const option = list.children[index] as HTMLElement | undefined;
    if (option) {
      input.setAttribute('aria-activedescendant', option.id);
      option.scrollIntoView?.({ block: 'nearest' });
    } else input.removeAttribute('aria-activedescendant');
  };
  const take = (item: DesignCompletionItem) => {
    const text = input.value;
    input.value = text.slice(0, item.start) + item.newText + text.slice(item.end);
    input.setSelectionRange(item.caret, item.caret);
    close();
  };
  const ask = async () => {
    const text = input.value;
    const caret = input.selectionStart ?? text.length;
    const question = ++asked;
    // Asked or shown: a redraw of the form asks again in the field that takes its place.
    input.dataset.suggesting = 'true';
    const answer = await complete(text, caret);
    // A later keystroke asked again, or the field is gone: this answer is stale.
    if (question !== asked || !input.isConnected || document.activeElement !== input) return;
    items = narrowed(answer, text, caret).slice(0, SHOWN_ITEMS);
    list.replaceChildren(...items.map((item, index) => {
      const option = document.createElement('li');
      option.id = `${list.id}-${index}`;
      option.setAttribute('role', 'option');
      option.setAttribute('aria-selected', 'false');
      option.textContent = item.label;
      if (item.detail) {
        const detail = document.createElement('span');
        detail.className = 'completion-detail';
        detail.textContent = ` ${item.detail}`;
        option.append(detail);
      }
      if (item.documentation) option.title = item.documentation;
      // Clicking keeps the focus in the field.
      option.addEventListener('mousedown', (event) => {
        event.preventDefault();
        take(item);
      });
      return option;
    }));
    list.hidden = items.length === 0;
    input.setAttribute('aria-expanded', String(items.length > 0));
    highlight(items.length ? 0 : -1);
  };

  input.addEventListener('input', () => void ask());
  input.addEventListener('blur', close);
  input.addEventListener('keydown', (event) => {
    const open = !list.hidden;
    if ((event.key === ' ' && event.ctrlKey) || (event.key === 'ArrowDown' && (event.altKey || !open))) {
      event.preventDefault();
      void ask();
    } else if (open && (event.key === 'ArrowDown' || event.key === 'ArrowUp')) {
      event.preventDefault();
      highlight((active + (event.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length);
    } else if (open && event.key === 'Enter' && items[active]) {
      event.preventDefault();
      event.stopPropagation();
      take(items[active]);
    } else if (open && event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      close();
    }
  });
}

/** The items that go on from what is typed before the cursor, those starting with it first. */
function narrowed(items: DesignCompletionItem[], text: string, caret: number): DesignCompletionItem[] {
  const scored = items.flatMap((item) => {
    const typed = text.slice(item.start, Math.max(item.start, caret)).toLowerCase();
    const candidates = [item.newText.toLowerCase(), item.label.toLowerCase()];
    if (candidates.some((candidate) => candidate.startsWith(typed))) return [{ item, score: 0 }];
    return candidates.some((candidate) => candidate.includes(typed)) ? [{ item, score: 1 }] : [];
  });
  return scored.sort((a, b) => a.score - b.score).map(({ item }) => item);
}
