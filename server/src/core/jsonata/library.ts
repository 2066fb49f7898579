// The JSONata library, loaded on first use: a definition without JSONata (and a process that never
// meets one, like the CLI running a JSONPath machine) does not pay for loading it.
import type jsonata from 'jsonata';

let loaded: typeof jsonata | undefined;

export function jsonataLibrary(): typeof jsonata {
  loaded ??= require('jsonata') as typeof jsonata;
  return loaded;
}
