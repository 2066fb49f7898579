// Which query language a state uses: one rule for the validator, the interpreter and the editor.
export type QueryLanguage = 'JSONPath' | 'JSONata';

/**
 * A state's query language: its own QueryLanguage, else the state machine's top-level one, however deep it is
 * nested; a Parallel's or Map's own QueryLanguage does not pass to the states of its branches or processor
 * (the AWS Developer Guide, and the evidence in test/conformance/decisions.md). A present value other than
 * `JSONPath` reads as JSONata, as AWS reads it; the schema reports the bad value.
 */
export function stateQueryLanguage(own: unknown, topLevel: QueryLanguage): QueryLanguage {
  if (own === undefined) return topLevel;
  return own === 'JSONPath' ? 'JSONPath' : 'JSONata';
}

