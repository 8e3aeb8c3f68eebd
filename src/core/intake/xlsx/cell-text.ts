/** A cell's value, as exceljs reads it, to the text intake works with. */
import type { CellValue } from 'exceljs';

const HYPERLINK_FORMULA = /^\s*HYPERLINK\(\s*"((?:[^"]|"")*)"/i;

/** The text of a value; a `HYPERLINK("url", "label")` formula gives its URL, not its label. */
export function cellText(value: CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return value.toISOString();
  if ('formula' in value || 'sharedFormula' in value) {
    const link = value.formula?.match(HYPERLINK_FORMULA)?.[1];
    return link ? link.replace(/""/g, '"') : cellText(value.result);
  }
  if ('richText' in value) return value.richText.map((run) => run.text ?? '').join('');
  if ('hyperlink' in value) return value.hyperlink || value.text;
  if ('error' in value) return value.error;
  return '';
}
