// The extension's state, created once on activation and handed to every command.
import type * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { LocalEndpoint } from './localEndpoint/localEndpoint';
import type { ExecutionService } from './runs/service';
import type { TestExplorer } from './testing/tests';

/** What activation starts with: the editor's context for the extension, the language client, the log. */
export interface WorkbenchHost {
  readonly extension: vscode.ExtensionContext;
  readonly client: LanguageClient;
  readonly output: vscode.LogOutputChannel;
}

export interface WorkbenchContext extends WorkbenchHost {
  /** Local runs: starts executions in the server, keeps the executions list. */
  readonly runs: ExecutionService;
  /** The Test Explorer's tests of state machines. */
  readonly tests: TestExplorer;
  /** The workspace's local Step Functions endpoint (`serve`). */
  readonly localEndpoint: LocalEndpoint;
}
