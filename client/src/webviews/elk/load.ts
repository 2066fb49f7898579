// Loads the shared ELK script (./main.ts, dist/webviews/elk.js) into a webview page once, on first use.
import type { ELK, ELKConstructorArguments } from 'elkjs/lib/elk-api';

/** Where the ELK script leaves its constructor. */
export const ELK_GLOBAL = 'aslWorkbenchElk';

type ElkConstructor = new (options?: ELKConstructorArguments) => ELK;

// The page's own script, read while it runs: it names where the ELK script is (else it lies beside it),
// and the ELK script needs its nonce (the page's CSP).
const pageScript = typeof document === 'undefined' ? null : document.currentScript as HTMLScriptElement | null;
let loading: Promise<ELK> | undefined;

/** ELK, its script loaded beside the page's own the first time. */
export function loadElk(): Promise<ELK> {
  loading ??= new Promise<ELK>((resolve, reject) => {
    if (!pageScript) throw new Error('ELK loads from a webview page only');
    const script = document.createElement('script');
    script.setAttribute('nonce', pageScript.nonce ?? '');
    script.src = pageScript.dataset.elk ?? new URL('elk.js', pageScript.src).href;
    script.onload = () => resolve(new ((globalThis as unknown as Record<string, ElkConstructor>)[ELK_GLOBAL])());
    script.onerror = () => {
      loading = undefined;
      reject(new Error(`The layout engine did not load from ${script.src}`));
    };
    document.head.appendChild(script);
  });
  return loading;
}
