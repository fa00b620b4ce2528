/** Returns the HTML between the first `opening` (such as `<p class="summary">`) and the next `closing`. */
export function sectionOf(html: string, opening: string, closing: string): string {
  const start = html.indexOf(opening);
  if (start < 0) throw new Error(`no ${opening} in the report`);
  const end = html.indexOf(closing, start);
  if (end < 0) throw new Error(`${opening} is not closed by ${closing}`);
  return html.slice(start + opening.length, end);
}

/** Returns the trial ids of a table's rows in row order, taken from the first monospace cell of each row. */
export function trialIdsOf(table: string): string[] {
  return [...table.matchAll(/<tr>\s*(?:<td class="number">\d+<\/td>\s*)?<td class="mono">([^<]+)<\/td>/g)].map((match) => match[1] ?? '');
}

/** Returns the row of a table whose trial cell is `trialId`. */
export function rowOf(table: string, trialId: string): string {
  const rows = table.split('<tr>').filter((row) => row.includes(`<td class="mono">${trialId}</td>`));
  if (rows.length !== 1) throw new Error(`expected one row for ${trialId}, found ${rows.length}`);
  return rows[0] ?? '';
}
