/** A cell as the worksheet XML holds it, to the text a person sees in it (or the link it points to). */

export interface RawCell {
  /** The `t` attribute: s (shared string), inlineStr, str (formula text), b, e, d, n (number, the default). */
  type: string;
  /** The text of `<v>`. */
  value: string;
  /** The text of `<f>`, or null when the cell has no formula. */
  formula: string | null;
  /** The runs of `<is>` joined (an inline string). */
  inline: string;
}

const HYPERLINK_FORMULA = /^\s*HYPERLINK\(\s*"((?:[^"]|"")*)"/i;

/** The text of a cell; a `HYPERLINK("url", "label")` formula gives its URL, not its label. */
export function cellText(cell: RawCell, sharedStrings: readonly string[]): string {
  if (cell.formula) {
    const link = HYPERLINK_FORMULA.exec(cell.formula)?.[1];
    if (link) return link.replace(/""/g, '"');
  }
  switch (cell.type) {
    case 's':
      return sharedStrings[Number.parseInt(cell.value, 10)] ?? '';
    case 'inlineStr':
      return cell.inline || cell.value;
    case 'str':
    case 'e':
    case 'd':
      return cell.value;
    case 'b':
      return cell.value === '' ? '' : Number(cell.value) !== 0 ? 'TRUE' : 'FALSE';
    default: {
      if (cell.value === '') return '';
      const n = Number(cell.value);
      return Number.isFinite(n) ? String(n) : '';
    }
  }
}
