// What an object of the definition is, from where it stands: a machine, a state, a
// retrier, a catcher, a choice rule, ... Completion and hover pick fields by it.
import type { AslDocument, JsonPath, StateEntry } from './aslDocument';
import type { ObjectKind } from './aslFields';
import { isMachinePath, owningState, stateIndex, pathKey } from './stateIndex';

export type ObjectRole =
  | { kind: 'state'; state: StateEntry }
  | { kind: 'states'; machinePath: JsonPath }
  | { kind: ObjectKind; state?: StateEntry };

/** Keys under a state that hold an object of a known kind, and the kind inside them. */
const STATE_CHILDREN = new Map<string | number, ObjectKind>(Object.entries({
  ProcessorConfig: 'processorConfig',
  ItemReader: 'itemReader',
  ItemBatcher: 'itemBatcher',
  ResultWriter: 'resultWriter',
  Credentials: 'credentials',
}));

export function objectRole(document: AslDocument, path: JsonPath): ObjectRole | undefined {
  const state = stateIndex(document).statesByPath.get(pathKey(path));
  if (state) return { kind: 'state', state };
  if (isMachinePath(document, path)) {
    const last = path[path.length - 1];
    return { kind: path.length === 0 ? 'machine' : typeof last === 'number' ? 'branch' : 'itemProcessor', state: owningState(document, path) };
  }
  const last = path[path.length - 1];
  const parentKey = path[path.length - 2];
  if (last === 'States' && isMachinePath(document, path.slice(0, -1))) return { kind: 'states', machinePath: path.slice(0, -1) };
  const owner = owningState(document, path);
  if (!owner) return undefined;
  const relative = path.slice(owner.path.length);
  if (typeof last === 'number') {
    if (relative.length === 2 && parentKey === 'Retry') return { kind: 'retrier', state: owner };
    if (relative.length === 2 && parentKey === 'Catch') return { kind: 'catcher', state: owner };
    if (relative[0] === 'Choices' && (parentKey === 'Choices' || parentKey === 'And' || parentKey === 'Or')) return { kind: 'choiceRule', state: owner };
  }
  if (last === 'Not' && relative[0] === 'Choices') return { kind: 'choiceRule', state: owner };
  if (last === 'ReaderConfig' && parentKey === 'ItemReader') return { kind: 'readerConfig', state: owner };
  if (last === 'WriterConfig' && parentKey === 'ResultWriter') return { kind: 'writerConfig', state: owner };
  const childKind = STATE_CHILDREN.get(last);
  if (childKind && (relative.length === 1 || last === 'ProcessorConfig')) return { kind: childKind, state: owner };
  return undefined;
}
