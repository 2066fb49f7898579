// The extension's state, created once on activation and handed to every command.
import type * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';

export interface WorkbenchContext {
  readonly extension: vscode.ExtensionContext;
  readonly client: LanguageClient;
  readonly output: vscode.LogOutputChannel;
}
