// A webview page's end of the channel to its panel in the extension host (./panelHost.ts): typed
// messages, the state VS Code keeps while the page is hidden or reloaded, and the 'ready' handshake.

interface VsCodeApi<From, State> {
  postMessage(message: From): void;
  getState(): State | undefined;
  setState(state: State): void;
}
declare function acquireVsCodeApi<From, State>(): VsCodeApi<From, State>;

export interface PageChannel<To, From, State> {
  post(message: From): void;
  getState(): State | undefined;
  setState(state: State): void;
  /** Takes the host's messages from now on, then says 'ready': the host holds what it sends until then. */
  listen(receive: (message: To) => void): void;
}

/** The page's channel; call once (VS Code hands its API out once per page). */
export function pageChannel<To, From extends { type: string }, State = never>(): PageChannel<To, From, State> {
  const api = acquireVsCodeApi<From, State>();
  return {
    post: (message) => api.postMessage(message),
    getState: () => api.getState(),
    setState: (state) => api.setState(state),
    listen(receive) {
      window.addEventListener('message', (event: MessageEvent<To>) => receive(event.data));
      api.postMessage({ type: 'ready' } as From);
    },
  };
}
