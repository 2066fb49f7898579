// Workflow variables: one scope per execution, Parallel branch and Map iteration. Inner scopes
// read the outer ones; a Distributed Map iteration starts a fresh scope.
import { MISSING } from './jsonpath';

export class Variables {
  /** Made on the first assignment: most Map iterations and branches assign nothing. */
  private values?: Map<string, unknown>;
  constructor(private readonly parent?: Variables) {}

  get(name: string): unknown {
    for (let scope: Variables | undefined = this; scope; scope = scope.parent) {
      if (scope.values?.has(name)) return scope.values.get(name);
    }
    return MISSING;
  }

  set(name: string, value: unknown): void {
    (this.values ??= new Map()).set(name, value);
  }

  /** Every visible variable, inner scopes winning (JSONata bindings). */
  all(): Record<string, unknown> {
    const out: Record<string, unknown> = this.parent ? this.parent.all() : {};
    if (this.values) for (const [name, value] of this.values) out[name] = value;
    return out;
  }
}
