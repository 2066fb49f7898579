// A pure function of a text, remembered per text: parsing is the cost, and a definition repeats its
// paths and expressions from state to state and from one validation to the next. Past `limit` texts,
// all are forgotten at once (a long session edits many).
export function perText<T>(compute: (text: string) => T, limit = 20000): (text: string) => T {
  const results = new Map<string, T>();
  return (text) => {
    const known = results.get(text);
    if (known !== undefined || results.has(text)) return known as T;
    if (results.size >= limit) results.clear();
    const result = compute(text);
    results.set(text, result);
    return result;
  };
}
