// ELK, the layout engine, as a script of its own (dist/webviews/elk.js): the graph preview and the
// execution view both lay graphs out with it, and one copy in the .vsix serves both. A page loads it
// when it first needs ELK (./load.ts), which a large graph (drawn by the fast layout) never does.
import ELK from 'elkjs/lib/elk.bundled.js';
import { ELK_GLOBAL } from './load';

(globalThis as Record<string, unknown>)[ELK_GLOBAL] = ELK;
