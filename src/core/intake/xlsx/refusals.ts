/** How an .xlsx that cannot or must not be read is refused: the file named, the fault, what to do. */
import { TakedownError } from '../../errors.ts';

export function unreadableWorkbook(filename: string, what: string, cause?: unknown): TakedownError {
  return new TakedownError('file_unreadable', `${filename} is not a readable .xlsx workbook: ${what}.`, {
    cause,
    hint: 'Open it in Excel or LibreOffice, save it again as .xlsx (or export CSV), and send that.',
  });
}

export function zipBomb(filename: string, what: string): TakedownError {
  return new TakedownError(
    'file_too_large',
    `${filename} was refused: ${what}, which a list of links never needs (a "zip bomb").`,
    { hint: 'Export the links as CSV and send that instead.' },
  );
}
