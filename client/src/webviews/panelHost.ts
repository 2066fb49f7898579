// A webview panel's end in the extension host: its page (the bundle dist/webviews/<page>.js and .css,
// all it may load), its typed messages, and the 'ready' handshake (./pageChannel.ts): what is posted
// before the page listens waits in a queue. `PanelsByKey` keeps one panel per document or execution.
import * as vscode from 'vscode';
import type { WorkbenchHost } from '../context';
import { elkScript, unpackedScripts } from './elkScript';
import { webviewPage } from './webviewPage';

export interface PanelHostHooks {
  /** The page says 'ready' again: hidden without retainContextWhenHidden, it was reloaded and lost what it was sent. */
  onReload?(): unknown;
  /** A message the panel failed to handle; logged by default. */
  onError?(error: unknown): void;
}

export function webviewOptions(extension: vscode.ExtensionContext, retainContextWhenHidden = false): vscode.WebviewPanelOptions & vscode.WebviewOptions {
  return { enableScripts: true, retainContextWhenHidden, localResourceRoots: [vscode.Uri.joinPath(extension.extensionUri, 'dist', 'webviews'), unpackedScripts(extension)] };
}

export class PanelHost<To, From extends { type: string }> implements vscode.Disposable {
  private ready = false;
  private readonly queued: To[] = [];
  private readonly disposables: vscode.Disposable[] = [];

  /**
   * `page`: the bundle's name under dist/webviews, as its folder under client/src/webviews;
   * `receive`: every message of the page but 'ready'.
   */
  constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly workbench: WorkbenchHost,
    page: string,
    private readonly receive: (message: Exclude<From, { type: 'ready' }>) => unknown,
    private readonly hooks: PanelHostHooks = {},
  ) {
    const asset = (file: string) => panel.webview.asWebviewUri(vscode.Uri.joinPath(workbench.extension.extensionUri, 'dist', 'webviews', file)).toString();
    panel.webview.html = webviewPage({ cspSource: panel.webview.cspSource, scriptUri: asset(`${page}.js`), styleUri: asset(`${page}.css`), elkUri: this.elkUri(), title: panel.title });
    this.disposables.push(panel.webview.onDidReceiveMessage((message: From) => this.handle(message)));
  }

  /** Where the page loads ELK from; when it cannot be unpacked (a full disk), the page says that its layout engine did not load. */
  private elkUri(): string | undefined {
    try {
      return this.panel.webview.asWebviewUri(elkScript(this.workbench.extension)).toString();
    } catch (error) {
      this.workbench.output.error(`The layout engine could not be unpacked: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    }
  }

  /** Sends now when the page listens, else when it says it is ready. */
  post(message: To): void {
    if (this.ready) void this.panel.webview.postMessage(message);
    else this.queued.push(message);
  }

  private async handle(message: From): Promise<void> {
    try {
      if (message.type !== 'ready') {
        await this.receive(message as Exclude<From, { type: 'ready' }>);
        return;
      }
      if (this.ready) await this.hooks.onReload?.();
      this.ready = true;
      for (const queued of this.queued.splice(0)) void this.panel.webview.postMessage(queued);
    } catch (error) {
      if (this.hooks.onError) this.hooks.onError(error);
      else this.workbench.output.error(`${this.panel.title}: ${error instanceof Error ? error.stack : String(error)}`);
    }
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
  }
}

/** The open panels of one kind, one per key (a document's URI, an execution's ARN); a panel leaves when it closes. */
export class PanelsByKey<P extends { readonly panel: vscode.WebviewPanel }> {
  private readonly panels = new Map<string, P>();

  get(key: string): P | undefined {
    return this.panels.get(key);
  }

  add(key: string, open: P): P {
    this.panels.set(key, open);
    open.panel.onDidDispose(() => {
      if (this.panels.get(key) === open) this.panels.delete(key);
    });
    return open;
  }

  /** The one that has the focus, if one has. */
  active(): P | undefined {
    return [...this.panels.values()].find((open) => open.panel.active);
  }
}
