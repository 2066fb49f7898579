// A run webview's page with its assets from dist/webviews, which is all it may load.
import * as vscode from 'vscode';
import { webviewPage } from './webviewPage';

export function webviewRoots(extensionUri: vscode.Uri): vscode.Uri[] {
  return [vscode.Uri.joinPath(extensionUri, 'dist', 'webviews')];
}

/** `name` is the bundle's name under dist/webviews (its .js and .css). */
export function webviewHtml(webview: vscode.Webview, extensionUri: vscode.Uri, name: string, title: string): string {
  const asset = (file: string) => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webviews', file)).toString();
  return webviewPage({ cspSource: webview.cspSource, scriptUri: asset(`${name}.js`), styleUri: asset(`${name}.css`), title });
}
