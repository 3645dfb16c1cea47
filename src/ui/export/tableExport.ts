/**
 * The results table as CSV or JSON: one row per architecture, one column per proxy (and the chosen
 * ground-truth column). Pure, so the round trip is unit-tested; the view only offers the download.
 */
export interface ExportRow {
  id: number | string;
  arch: string;
  values: Record<string, number>;
}

/**
 * Text a spreadsheet would run as a formula (OWASP "CSV injection": a cell beginning with = + - @,
 * tab or carriage return) gets a leading apostrophe, so it opens as the text it is. Only text cells:
 * numbers are written by csvNumber and a plain negative number is no formula.
 */
export function neutraliseFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** RFC 4180 quoting of neutralised text: fields with a comma, quote or line break are quoted, quotes doubled. */
function csvField(raw: string): string {
  const text = neutraliseFormula(raw);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Numbers as JavaScript prints them (shortest round-trip form); non-finite ones as NaN/Infinity. */
function csvNumber(value: number | undefined): string {
  return value === undefined ? '' : String(value);
}

export function toCsv(rows: readonly ExportRow[], columns: readonly string[]): string {
  const header = ['id', 'arch', ...columns].map(csvField).join(',');
  const lines = rows.map((r) =>
    [csvField(String(r.id)), csvField(r.arch), ...columns.map((c) => csvNumber(r.values[c]))].join(','),
  );
  return `${[header, ...lines].join('\n')}\n`;
}

export function toJson(
  rows: readonly ExportRow[],
  columns: readonly string[],
  meta: Record<string, unknown>,
): string {
  return `${JSON.stringify(
    {
      ...meta,
      columns,
      // JSON has no NaN or ∞: such values are written as strings.
      rows: rows.map((r) => ({
        id: r.id,
        arch: r.arch,
        values: Object.fromEntries(
          columns.map((c) => {
            const v = r.values[c];
            return [c, v === undefined ? null : Number.isFinite(v) ? v : String(v)];
          }),
        ),
      })),
    },
    null,
    1,
  )}\n`;
}

/** Offers text as a file download (browser only). */
export function download(name: string, text: string | Blob, type = 'text/plain'): void {
  const blob = typeof text === 'string' ? new Blob([text], { type }) : text;
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
