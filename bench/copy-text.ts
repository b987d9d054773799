/** A value as PostgreSQL's COPY text format writes it: null as \N; backslash, tab and line breaks escaped. */
export type CopyValue = string | number | boolean | null;

function field(value: CopyValue): string {
  if (value === null) return '\\N';
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (typeof value === 'number') return String(value);
  return /[\\\t\n\r]/.test(value)
    ? value.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r')
    : value;
}

/** One row of COPY text, ending with its newline. */
export function copyLine(values: readonly CopyValue[]): string {
  return values.map(field).join('\t') + '\n';
}

/** A text[] literal: every element quoted, quotes and backslashes escaped. */
export function textArray(items: readonly string[]): string {
  return `{${items.map((item) => `"${item.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`;
}
