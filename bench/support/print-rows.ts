// How every benchmark prints its rows: JSON for CI (`--json`), an aligned table for people.
/** `--json` prints one JSON array; otherwise a table for people. */
export function printRows(rows: ReadonlyArray<Record<string, string | number | null>>): void {
  if (process.argv.includes('--json')) {
    console.log(JSON.stringify(rows));
    return;
  }
  const keys = Object.keys(rows[0] ?? {});
  const width = keys.map((k) => Math.max(k.length, ...rows.map((r) => String(r[k]).length)));
  const line = (cells: string[]): string => cells.map((c, i) => c.padStart(width[i]!)).join('  ');
  console.log(line(keys));
  for (const r of rows) console.log(line(keys.map((k) => String(r[k]))));
}
