// Fields every state type compiles the same way: Type, Next/End.
import type { CompileScope, StateDefinitionCompiled } from '../state';

export interface Transition {
  next?: string;
}

/** Next, or none for End: true (the validator has checked that the state has one of them). */
export function compileTransition(def: Record<string, unknown>): Transition {
  return { next: def.Next as string | undefined };
}

export type StateCompiler = (name: string, def: Record<string, unknown>, scope: CompileScope) => StateDefinitionCompiled;
