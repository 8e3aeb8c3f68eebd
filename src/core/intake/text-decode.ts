/**
 * Bytes of a text file to a string: UTF-8 (with or without BOM), UTF-16 with a BOM (Excel's
 * "Unicode text"), or Windows-1252 when the bytes are not UTF-8. Binary content is refused.
 */
import { TakedownError } from '../errors.ts';

export type Sniffed = 'zip' | 'ole' | 'text';

/** What the first bytes say the content is. Throws for content that is plainly not a listing file. */
export function sniffContent(filename: string, data: Buffer): Sniffed {
  if (data.length >= 4 && data.readUInt32LE(0) === 0x04034b50) return 'zip';
  if (data.length >= 8 && data.readUInt32BE(0) === 0xd0cf11e0 && data.readUInt32BE(4) === 0xa1b11ae1)
    return 'ole';
  const head = data.subarray(0, 8192);
  if (head.subarray(0, 5).toString('latin1') === '%PDF-') {
    throw new TakedownError('file_unreadable', `${filename} is a PDF, not a list of links.`, {
      hint: 'Export the links as CSV, XLSX or plain text and send that.',
    });
  }
  if (utf16Bom(head)) return 'text';
  let control = 0;
  for (const byte of head) {
    if (byte === 0) {
      throw new TakedownError('file_unreadable', `${filename} is a binary file, not text or a spreadsheet.`, {
        hint: 'Send the links as CSV, XLSX or plain text.',
      });
    }
    if (byte < 9 || (byte > 13 && byte < 32)) control++;
  }
  if (control > head.length / 100) {
    throw new TakedownError(
      'file_unreadable',
      `${filename} looks binary or corrupt: it is not readable text.`,
      {
        hint: 'Send the links as CSV, XLSX or plain text.',
      },
    );
  }
  return 'text';
}

function utf16Bom(data: Buffer): 'utf-16le' | 'utf-16be' | null {
  if (data.length >= 2 && data[0] === 0xff && data[1] === 0xfe) return 'utf-16le';
  if (data.length >= 2 && data[0] === 0xfe && data[1] === 0xff) return 'utf-16be';
  return null;
}

export function decodeText(data: Buffer): string {
  const utf16 = utf16Bom(data);
  if (utf16 === 'utf-16le') return new TextDecoder('utf-16le').decode(data.subarray(2));
  if (utf16 === 'utf-16be') return new TextDecoder('utf-16be').decode(data.subarray(2));
  const body =
    data.length >= 3 && data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf ? data.subarray(3) : data;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    return new TextDecoder('windows-1252').decode(body);
  }
}
