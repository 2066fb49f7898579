// The graph preview webview: a toolbar (zoom, fit, direction, search, export) around the
// renderer, fed by the panel with the document's graph model.
import { createDesigner } from './design';
import type { Direction } from './geometry';
import type { FromGraphWebview, GraphWebviewState, ToGraphWebview } from './messages';
import { GraphView } from './render';
import { zoomControls } from './zoomControls';
import { pageChannel } from '../pageChannel';
import './panel.css';
import './design.css';

const vscode = pageChannel<ToGraphWebview, FromGraphWebview, GraphWebviewState>();
let state: GraphWebviewState = { uri: '', ...vscode.getState() };
/** A restored viewport is used once; later models keep whatever the user has. */
let pendingViewport = state.viewport;
let drawn = false;

const toolbar = element('div', 'toolbar', { role: 'toolbar', 'aria-label': 'Graph' });
const banner = element('div', 'banner', { role: 'status', hidden: '' });
const host = element('div', 'graph-host');
const workspace = element('div', 'workspace');
const app = element('div', 'app');
app.append(toolbar, banner, workspace);
document.body.append(app);

const view = new GraphView(host, {
  direction: state.direction,
  onActivate: (node) => {
    if (node.kind === 'state') vscode.post({ type: 'reveal', id: node.id });
  },
  onViewportChange: (viewport) => remember({ viewport }),
});
const designer = createDesigner(host, view, (message) => vscode.post(message));
workspace.append(designer.palette, host, designer.inspector);

const search = element('input', 'search', { type: 'search', placeholder: 'Find state', 'aria-label': 'Find state by name' }) as HTMLInputElement;
let matches: string[] = [];
let matchIndex = 0;
search.addEventListener('input', () => {
  matches = view.search(search.value);
  matchIndex = 0;
  if (matches[0]) view.reveal(matches[0]);
  search.classList.toggle('no-match', search.value.trim() !== '' && matches.length === 0);
});
search.addEventListener('keydown', (event) => {
  if (event.key === 'Enter' && matches.length > 0) {
    matchIndex = (matchIndex + (event.shiftKey ? matches.length - 1 : 1)) % matches.length;
    view.reveal(matches[matchIndex]);
  } else if (event.key === 'Escape') {
    search.value = '';
    matches = view.search('');
  }
});

toolbar.append(
  ...zoomControls(view),
  button(directionLabel(view.getDirection()), 'Toggle top-to-bottom / left-to-right', async (target) => {
    const direction: Direction = view.getDirection() === 'DOWN' ? 'RIGHT' : 'DOWN';
    await view.setDirection(direction);
    target.textContent = directionLabel(direction);
    remember({ direction });
  }),
  search,
  element('span', 'spacer'),
  button('SVG', 'Export as SVG', () => vscode.post({ type: 'export', format: 'svg', data: view.exportSvg() })),
  button('PNG', 'Export as PNG', async () => vscode.post({ type: 'export', format: 'png', data: await view.exportPng() })),
);

vscode.setState(state);
vscode.listen(async (message) => {
  if (message.type === 'model') {
    const started = performance.now();
    if (message.uri !== state.uri) remember({ uri: message.uri });
    await view.update(message.model);
    showBanner(message.model.problem, message.model.diagnostics.map((d) => d.message));
    if (!drawn) {
      if (pendingViewport) view.setViewport(pendingViewport);
      else view.showStart();
      drawn = true;
      pendingViewport = undefined;
    }
    if (search.value) matches = view.search(search.value);
    designer.modelDrawn(message.model);
    vscode.post({
      type: 'rendered',
      version: message.version,
      nodes: host.querySelectorAll('[data-id]').length,
      edges: host.querySelectorAll('.edge').length,
      milliseconds: performance.now() - started,
    });
  } else if (message.type === 'highlight') {
    view.highlight(message.id);
  } else if (message.type === 'status') {
    view.setStatus(message.status);
    // Where the debugger stopped comes into sight, as the editor reveals the current line.
    const current = Object.keys(message.status).find((id) => message.status[id].current);
    if (current) view.reveal(current);
  } else if (message.type === 'palette') {
    designer.setPalette(message.entries, message.operators);
  } else if (message.type === 'designState') {
    designer.showState(message.id, message.state);
  } else if (message.type === 'completion') {
    designer.completed(message.id, message.items);
  } else if (message.type === 'designed') {
    designer.designed(message.message, message.ok, message.select);
  } else if (message.type === 'designCommand') {
    designer.run(message.command);
  }
});

function remember(change: Partial<GraphWebviewState>): void {
  state = { ...state, ...change };
  vscode.setState(state);
}

function showBanner(problem: string | undefined, messages: string[]): void {
  const lines = [problem, ...messages.slice(0, 3), messages.length > 3 ? `… and ${messages.length - 3} more` : undefined].filter(Boolean) as string[];
  banner.textContent = lines.join('\n');
  banner.hidden = lines.length === 0;
}

function directionLabel(direction: Direction): string {
  return direction === 'DOWN' ? '↓ Top-down' : '→ Left-right';
}

function button(label: string, title: string, onClick: (target: HTMLButtonElement) => void): HTMLButtonElement {
  const result = element('button', 'tool', { title, 'aria-label': title, type: 'button' }) as HTMLButtonElement;
  result.textContent = label;
  result.addEventListener('click', () => onClick(result));
  return result;
}

function element(tag: string, className: string, attributes: Record<string, string> = {}): HTMLElement {
  const result = document.createElement(tag);
  result.className = className;
  for (const [name, value] of Object.entries(attributes)) result.setAttribute(name, value);
  return result;
}
