// Fields every state type compiles the same way: Type, Next/End.
import { CompileScope, fail, StateDefinitionCompiled, str } from '../state';

export interface Transition {
  next?: string;
}

export function compileTransition(def: Record<string, unknown>, at: string): Transition {
  const next = str(def.Next, at, 'Next');
  if (next === undefined && def.End !== true) fail(at, "The state needs 'Next' or 'End': true");
  return { next };
}

export type StateCompiler = (name: string, def: Record<string, unknown>, scope: CompileScope) => StateDefinitionCompiled;
