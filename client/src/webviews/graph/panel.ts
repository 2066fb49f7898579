// One graph preview panel per document: asks the language server for the graph model on every
// edit (debounced) and diagnostics change, highlights the state under the editor's cursor,
// reveals a clicked state in the editor, and saves exports.
import * as vscode from 'vscode';
import type { DebugStatesEvent, GraphModel, GraphNode, GraphRange } from '../../../../server/src/protocol';
import { GraphModelRequest } from '../../../../server/src/protocol';
import type { WorkbenchContext } from '../../context';
import { PanelHost, PanelsByKey, webviewOptions } from '../panelHost';
import type { FromGraphWebview, GraphWebviewState, ToGraphWebview } from './messages';
import { documentUriOf } from '../../commands/templateMachines';
import { handleDesignMessage, isDesignMessage, paletteMessage } from './designHost';

export const GRAPH_VIEW_TYPE = 'aslWorkbench.graph';
/** Typing settles before the graph is asked again; diagnostics refresh it once more. */
const REFRESH_DELAY_MS = 150;

/** Brings graph previews back after a window reload. */
export function graphPanelSerializer(context: WorkbenchContext): vscode.WebviewPanelSerializer<GraphWebviewState> {
  return { deserializeWebviewPanel: async (panel, state) => GraphPanel.revive(context, panel, state) };
}

export class GraphPanel {
  private static readonly panels = new PanelsByKey<GraphPanel>();
  private readonly host: PanelHost<ToGraphWebview, FromGraphWebview>;
  private readonly disposables: vscode.Disposable[] = [];
  private model: GraphModel | undefined;
  /** The version and model the page last got: the diagnostics of a version the designer drew already redraw nothing. */
  private drawn: { version: number; model: string } | undefined;
  private refreshTimer: NodeJS.Timeout | undefined;

  /** Shows the document's panel beside the editor, creating it if needed. */
  static show(context: WorkbenchContext, uri: vscode.Uri): GraphPanel {
    const existing = GraphPanel.panels.get(uri.toString());
    if (existing) {
      existing.panel.reveal(undefined, true);
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(GRAPH_VIEW_TYPE, titleOf(uri), { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, webviewOptions(context.extension));
    return new GraphPanel(context, panel, uri);
  }

  /** How a debugged execution of each document ran its states, kept for a preview opened while it is stopped. */
  private static readonly debugStatus = new Map<string, DebugStatesEvent['states']>();

  /** Colours the states of a document's preview by how a debugged execution ran them (empty: the debugging ended). */
  static showStatus(uri: vscode.Uri, status: DebugStatesEvent['states']): void {
    if (Object.keys(status).length) GraphPanel.debugStatus.set(uri.toString(), status);
    else GraphPanel.debugStatus.delete(uri.toString());
    GraphPanel.panels.get(uri.toString())?.host.post({ type: 'status', status });
  }

  /** The document of the graph preview that has the focus, if one has. */
  static activeUri(): vscode.Uri | undefined {
    return GraphPanel.panels.active()?.uri;
  }

  /** Posts to the graph that has the focus; false when none has. */
  static postToActive(message: ToGraphWebview): boolean {
    const active = GraphPanel.panels.active();
    active?.host.post(message);
    return active !== undefined;
  }

  /** Takes back a panel restored after a window reload. */
  static revive(context: WorkbenchContext, panel: vscode.WebviewPanel, state: GraphWebviewState | undefined): void {
    if (!state?.uri) {
      panel.dispose();
      return;
    }
    panel.webview.options = webviewOptions(context.extension);
    new GraphPanel(context, panel, vscode.Uri.parse(state.uri));
  }

  private constructor(private readonly context: WorkbenchContext, readonly panel: vscode.WebviewPanel, readonly uri: vscode.Uri) {
    GraphPanel.panels.add(uri.toString(), this);
    this.host = new PanelHost(panel, context, 'graph', (message) => this.receive(message), {
      // A reloaded page lost its palette with the rest.
      onReload: () => {
        this.host.post(paletteMessage);
        this.drawn = undefined;
        return this.refresh();
      },
      onError: (error) => this.report(error),
    });
    this.host.post(paletteMessage);
    this.disposables.push(
      this.host,
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (this.isOurs(event.document)) this.scheduleRefresh();
      }),
      vscode.languages.onDidChangeDiagnostics((event) => {
        if (event.uris.some((changed) => changed.toString() === documentUriOf(uri).toString())) this.scheduleRefresh();
      }),
      vscode.window.onDidChangeTextEditorSelection((event) => {
        if (this.isOurs(event.textEditor.document)) this.highlightAt(event.selections[0].active);
      }),
      panel.onDidDispose(() => this.dispose()),
    );
    void this.refresh().catch((error) => this.report(error));
  }

  private report(error: unknown): void {
    this.context.output.error(`Graph preview: ${error instanceof Error ? error.stack : String(error)}`);
  }

  /** Reveals the state in the editor and selects its name (a click on its node, Enter on it). */
  private async revealState(id: string): Promise<vscode.TextEditor | undefined> {
    const node = this.model && findNode(this.model, (candidate) => candidate.id === id);
    if (!node?.location) return undefined;
    const document = await vscode.workspace.openTextDocument(documentUriOf(this.uri));
    const visible = vscode.window.visibleTextEditors.find((editor) => editor.document === document);
    const editor = await vscode.window.showTextDocument(document, { viewColumn: visible?.viewColumn ?? vscode.ViewColumn.One, preserveFocus: false });
    const range = nameRange(document, node.location.keyRange);
    editor.selection = new vscode.Selection(range.start, range.end);
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    return editor;
  }

  private async receive(message: Exclude<FromGraphWebview, { type: 'ready' }>): Promise<void> {
    if (isDesignMessage(message)) {
      return handleDesignMessage(this.context.client, this.uri, message, (reply) => {
        // The designer's own change is drawn at once: the wait for typing to settle is not for it.
        if (reply.type === 'designed' && reply.ok) this.refreshNow();
        this.host.post(reply);
      });
    }
    switch (message.type) {
      case 'reveal':
        await this.revealState(message.id);
        break;
      case 'export':
        await this.save(message.format, message.data);
        break;
      case 'rendered':
        this.context.output.trace(`Graph of ${this.uri.toString()} v${message.version}: ${message.nodes} nodes, ${message.edges} edges in ${message.milliseconds.toFixed(0)} ms`);
        break;
    }
  }

  private refreshNow(): void {
    clearTimeout(this.refreshTimer);
    void this.refresh().catch((error) => this.report(error));
  }

  private scheduleRefresh(): void {
    clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(() => void this.refresh().catch((error) => this.report(error)), REFRESH_DELAY_MS);
  }

  private async refresh(): Promise<void> {
    let result = await this.context.client.sendRequest(GraphModelRequest, { uri: this.uri.toString() });
    if (!result) {
      // Restored after a reload, the document may not be open yet: opening it syncs it to the server.
      await vscode.workspace.openTextDocument(documentUriOf(this.uri));
      result = await this.context.client.sendRequest(GraphModelRequest, { uri: this.uri.toString() });
    }
    if (!result) return;
    this.model = result.model;
    const drawn = { version: result.version, model: JSON.stringify(result.model) };
    if (drawn.version !== this.drawn?.version || drawn.model !== this.drawn.model) {
      this.drawn = drawn;
      this.host.post({ type: 'model', model: result.model, version: result.version, uri: this.uri.toString() });
    }
    const status = GraphPanel.debugStatus.get(this.uri.toString());
    if (status) this.host.post({ type: 'status', status });
    const editor = vscode.window.activeTextEditor ?? vscode.window.visibleTextEditors.find((candidate) => this.isOurs(candidate.document));
    if (editor && this.isOurs(editor.document)) this.highlightAt(editor.selection.active);
  }

  private highlightAt(position: vscode.Position): void {
    if (!this.model) return;
    // The innermost state containing the cursor: the last match, since inner states come after outer ones.
    let found: GraphNode | undefined;
    findNode(this.model, (node) => {
      const range = node.location?.range;
      if (range && contains(range, position)) found = node;
      return false;
    });
    this.host.post({ type: 'highlight', id: found?.id });
  }

  private async save(format: 'svg' | 'png', data: string): Promise<void> {
    const base = this.uri.fragment ? decodeURIComponent(this.uri.fragment) : this.uri.path.split('/').pop()!.replace(/\.asl\.(json|ya?ml)$|\.[^.]*$/, '');
    const target = await vscode.window.showSaveDialog({
      defaultUri: vscode.Uri.joinPath(documentUriOf(this.uri), '..', `${base}.${format}`),
      filters: format === 'svg' ? { 'SVG image': ['svg'] } : { 'PNG image': ['png'] },
      title: `Export graph as ${format.toUpperCase()}`,
    });
    if (!target) return;
    const bytes = format === 'svg' ? Buffer.from(data, 'utf8') : Buffer.from(data.replace(/^data:image\/png;base64,/, ''), 'base64');
    await vscode.workspace.fs.writeFile(target, bytes);
    void vscode.window.showInformationMessage(`Graph saved to ${vscode.workspace.asRelativePath(target)}.`);
  }

  private isOurs(document: vscode.TextDocument): boolean {
    return document.uri.toString() === documentUriOf(this.uri).toString();
  }

  private dispose(): void {
    clearTimeout(this.refreshTimer);
    for (const disposable of this.disposables) disposable.dispose();
  }
}

function titleOf(uri: vscode.Uri): string {
  return `Graph: ${uri.path.split('/').pop()}${uri.fragment ? ` › ${decodeURIComponent(uri.fragment)}` : ''}`;
}

/** Visits every node (outer before inner); returns the first for which `test` is true. */
export function findNode(model: GraphModel, test: (node: GraphNode) => boolean): GraphNode | undefined {
  const pending = [...model.root.nodes];
  for (let node = pending.shift(); node; node = pending.shift()) {
    if (test(node)) return node;
    for (const machine of node.machines) pending.push(...machine.nodes);
  }
  return undefined;
}

function contains(range: GraphRange, position: vscode.Position): boolean {
  const afterStart = position.line > range.start.line || (position.line === range.start.line && position.character >= range.start.character);
  const beforeEnd = position.line < range.end.line || (position.line === range.end.line && position.character <= range.end.character);
  return afterStart && beforeEnd;
}

/** The state's name inside its key: without the quotes of a JSON (or quoted YAML) key. */
function nameRange(document: vscode.TextDocument, key: GraphRange): vscode.Range {
  const range = new vscode.Range(key.start.line, key.start.character, key.end.line, key.end.character);
  const text = document.getText(range);
  const quoted = text.length >= 2 && /^["']/.test(text) && text.endsWith(text[0]);
  return quoted ? new vscode.Range(range.start.translate(0, 1), range.end.translate(0, -1)) : range;
}
