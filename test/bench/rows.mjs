// The rows of issue 16's table a bench measured, each with its target, one line each in the form that
// `npm run bench` (run.mjs) collects into its summary: `met    ` or `NOT MET`, two spaces, the figure.
export const ROW = /^(met {4}|NOT MET) {2}(.*)$/;

/** Prints rows [figure, value, target, met]; answers whether all are met. */
export function printRows(rows) {
  for (const [figure, value, target, met] of rows) console.log(`${met ? 'met    ' : 'NOT MET'}  ${figure}: ${value} (target ${target})`);
  return rows.every(([, , , met]) => met);
}
