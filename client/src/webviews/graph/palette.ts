// The designer's palette: the states it can insert, grouped and searchable. An entry is dragged
// onto an edge, a branch or the canvas, or (keyboard) inserted with Enter where the selection is.
import type { PaletteEntry } from '../../../../server/src/protocol';

/** The drag data type of a palette entry (its id). */
export const PALETTE_DRAG_TYPE = 'application/x-asl-palette-entry';

export interface Palette {
  readonly element: HTMLElement;
  setEntries(entries: PaletteEntry[]): void;
  /** Puts the keyboard in the search box. */
  focus(): void;
}

/** `onInsert`: an entry chosen by keyboard (Enter) or a click. */
export function createPalette(onInsert: (entry: PaletteEntry) => void): Palette {
  const element = document.createElement('aside');
  element.className = 'palette';
  element.setAttribute('aria-label', 'States palette');
  const search = document.createElement('input');
  search.type = 'search';
  search.className = 'palette-search';
  search.placeholder = 'Search states';
  search.setAttribute('aria-label', 'Search the states palette');
  const list = document.createElement('div');
  list.className = 'palette-list';
  list.setAttribute('role', 'listbox');
  list.setAttribute('aria-label', 'States');
  element.append(search, list);
  let entries: PaletteEntry[] = [];

  const items = () => [...list.querySelectorAll<HTMLElement>('.palette-entry')];
  const render = () => {
    const words = search.value.toLowerCase().split(/\s+/).filter(Boolean);
    const shown = entries.filter((entry) => words.every((word) => `${entry.label} ${entry.keywords} ${entry.group}`.toLowerCase().includes(word)));
    list.replaceChildren();
    for (const group of ['Flow', 'Tasks'] as const) {
      const inGroup = shown.filter((entry) => entry.group === group);
      if (inGroup.length === 0) continue;
      const heading = document.createElement('div');
      heading.className = 'palette-group';
      heading.textContent = group;
      heading.setAttribute('role', 'presentation');
      list.append(heading, ...inGroup.map(item));
    }
    if (shown.length === 0) {
      const none = document.createElement('div');
      none.className = 'palette-none';
      none.textContent = 'No state matches.';
      list.append(none);
    }
    items().forEach((entry, index) => entry.tabIndex = index === 0 ? 0 : -1);
  };
  const item = (entry: PaletteEntry) => {
    const option = document.createElement('div');
    option.className = 'palette-entry';
    option.setAttribute('role', 'option');
    option.draggable = true;
    option.dataset.entry = entry.id;
    option.textContent = entry.label;
    option.title = `Drag onto an edge, a branch or the canvas; Enter inserts it after the selection`;
    option.addEventListener('dragstart', (event) => {
      event.dataTransfer?.setData(PALETTE_DRAG_TYPE, entry.id);
      event.dataTransfer?.setData('text/plain', entry.label);
      if (event.dataTransfer) event.dataTransfer.effectAllowed = 'copy';
    });
    option.addEventListener('click', () => onInsert(entry));
    option.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' || event.key === ' ') {
        event.preventDefault();
        onInsert(entry);
      }
    });
    return option;
  };
  list.addEventListener('keydown', (event) => {
    const all = items();
    const index = all.indexOf(document.activeElement as HTMLElement);
    const step = event.key === 'ArrowDown' ? 1 : event.key === 'ArrowUp' ? -1 : 0;
    if (step === 0 || index < 0) return;
    event.preventDefault();
    const next = all[Math.max(0, Math.min(all.length - 1, index + step))];
    all.forEach((entry) => entry.tabIndex = entry === next ? 0 : -1);
    next.focus();
  });
  search.addEventListener('input', render);
  search.addEventListener('keydown', (event) => {
    const first = items()[0];
    if (event.key === 'ArrowDown' && first) {
      event.preventDefault();
      first.focus();
    } else if (event.key === 'Enter' && first) {
      event.preventDefault();
      onInsert(entries.find((entry) => entry.id === first.dataset.entry)!);
    }
  });
  return {
    element,
    setEntries(next) {
      entries = next;
      render();
    },
    focus: () => search.focus(),
  };
}
