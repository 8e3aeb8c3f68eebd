/**
 * Bytes of a text file to a string. UTF-8 (with or without BOM) and UTF-16 with a BOM (Excel's
 * "Unicode text") are read as they say. Other bytes are told apart by content, and never guessed
 * silently:
 * - UTF-8 with a few broken characters (a crawler that cut a title mid-character) stays UTF-8, the
 *   broken characters shown as U+FFFD;
 * - GBK/GB18030, Big5, Shift_JIS or EUC-KR when the bytes decode without error in that encoding
 *   (TextDecoder with fatal: true) and at least 80% of its characters are common ones (told by the
 *   rows of the encoding's common characters), clearly more than in the next encoding;
 * - Windows-1252 when no CJK reading is likely and the bytes look like Western text (accented
 *   letters inside words, quotes, dashes and signs, not runs of bytes above 0x7F), or when the only
 *   CJK characters are a byte above 0x7F followed by a letter, as in "Men’s" or "Ärmel".
 * Anything else (two encodings that read as well, or an encoding none of these) is refused with a
 * TakedownError that says to save the file as UTF-8. Binary content is refused by sniffContent.
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

/**
 * Windows-1252's characters for 0x80–0x9F (WHATWG's table; the five bytes it leaves undefined keep
 * their code point). Node 20's TextDecoder('windows-1252') decodes these bytes as Latin-1 control
 * characters (nodejs/node#60888), so the € of a price or the ’ of a title would be lost.
 */
const CP1252_HIGH =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

function decodeWindows1252(data: Buffer): string {
  const latin1 = data.toString('latin1');
  return latin1.replace(/[\u0080-\u009f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80] as string);
}

/** Valid UTF-8 sequences of two to four bytes, and bytes above 0x7F that are in none. */
function utf8Shape(data: Buffer): { sequences: number; strayBytes: number; highBytes: number } {
  let sequences = 0;
  let strayBytes = 0;
  let highBytes = 0;
  let i = 0;
  while (i < data.length) {
    const b = data[i] as number;
    if (b < 0x80) {
      i++;
      continue;
    }
    const length = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    let ok = length > 0 && i + length <= data.length;
    for (let k = 1; ok && k < length; k++) ok = ((data[i + k] as number) & 0xc0) === 0x80;
    if (ok) {
      sequences++;
      highBytes += length;
      i += length;
    } else {
      strayBytes++;
      highBytes++;
      i++;
    }
  }
  return { sequences, strayBytes, highBytes };
}

interface Candidate {
  /** The WHATWG label TextDecoder takes. */
  encoding: string;
  /** As a person knows it. */
  name: string;
  /** Whether a byte starts a double-byte character (otherwise a byte above 0x7F stands alone). */
  lead: (b: number) => boolean;
  /** Whether a character is one of the encoding's common ones: its punctuation, kana or main characters. */
  common: (lead: number, trail: number) => boolean;
}

const CANDIDATES: Candidate[] = [
  {
    encoding: 'gb18030',
    name: 'GBK (Simplified Chinese)',
    lead: (b) => b >= 0x81 && b <= 0xfe,
    // GB2312's punctuation and full-width rows (A1–A3) and its 3,755 common hanzi (B0–D7).
    common: (l, t) => t >= 0xa1 && t <= 0xfe && ((l >= 0xa1 && l <= 0xa3) || (l >= 0xb0 && l <= 0xd7)),
  },
  {
    encoding: 'big5',
    name: 'Big5 (Traditional Chinese)',
    lead: (b) => b >= 0x81 && b <= 0xfe,
    // Punctuation and symbols (A1–A3) and the 5,401 frequently used characters (A440–C67E).
    common: (l, t) => ((t >= 0x40 && t <= 0x7e) || (t >= 0xa1 && t <= 0xfe)) && l >= 0xa1 && l <= 0xc6,
  },
  {
    encoding: 'shift_jis',
    name: 'Shift_JIS (Japanese)',
    lead: (b) => (b >= 0x81 && b <= 0x9f) || (b >= 0xe0 && b <= 0xfc),
    // Punctuation, full-width letters, hiragana and katakana (81–83) and the level-1 kanji (889F–9872).
    common: (l, t) => (l >= 0x81 && l <= 0x83) || (l >= 0x88 && l <= 0x97) || (l === 0x98 && t <= 0x72),
  },
  {
    encoding: 'euc-kr',
    name: 'EUC-KR (Korean)',
    lead: (b) => b >= 0x81 && b <= 0xfe,
    // Punctuation and full-width rows (A1–A3) and the 2,350 common hangul syllables (B0–C8).
    common: (l, t) => t >= 0xa1 && t <= 0xfe && ((l >= 0xa1 && l <= 0xa3) || (l >= 0xb0 && l <= 0xc8)),
  },
];

interface Reading {
  candidate: Candidate;
  text: string;
  /** Characters above ASCII in this reading, and the share of them that are common ones. */
  characters: number;
  share: number;
  /** Common characters whose second byte is above ASCII too: what Western words never give. */
  strong: number;
}

function weigh(data: Buffer, candidate: Candidate): Pick<Reading, 'characters' | 'share' | 'strong'> {
  let characters = 0;
  let common = 0;
  let strong = 0;
  let i = 0;
  while (i < data.length) {
    const b = data[i] as number;
    if (b < 0x80) {
      i++;
      continue;
    }
    characters++;
    if (!candidate.lead(b) || i + 1 >= data.length) {
      i++;
      continue;
    }
    const trail = data[i + 1] as number;
    // GB18030's four-byte characters (a digit as second byte) are rare ones.
    if (candidate.encoding === 'gb18030' && trail >= 0x30 && trail <= 0x39) {
      i += 4;
      continue;
    }
    if (candidate.common(b, trail)) {
      common++;
      if (trail >= 0x80) strong++;
    }
    i += 2;
  }
  return { characters, share: characters === 0 ? 0 : common / characters, strong };
}

/** Share of common characters a CJK reading needs, and how far ahead of the next reading it must be. */
const CJK_MIN_SHARE = 0.8;
const CJK_MIN_LEAD = 0.2;

/**
 * Korean EUC-KR's common hangul (rows B0–C8) are byte for byte GB2312 hanzi as well, so Korean text
 * reads as GBK as well as it does as Korean. Chinese text, though, has about half its characters in
 * GB2312 rows C9–D7 (是 在 我 这 一 中 有 …), which are hanja in EUC-KR: text of this many characters
 * that are all hangul in EUC-KR is Korean.
 */
const KOREAN_MIN_CHARACTERS = 12;
const KOREAN_MIN_SHARE = 0.95;

const LATIN_LETTER =
  /[A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u00ff\u0152\u0153\u0160\u0161\u0178\u017d\u017e]/;
/** Accented letters that are words by themselves: French and Portuguese "à", Portuguese "é", Italian "è", Spanish "ó"… */
const ONE_LETTER_WORD = /[\u00e0\u00e1\u00e8\u00e9\u00f2\u00f3\u00f9\u00fa\u00c0\u00c1\u00c8\u00c9]/;
/** Signs Western text has anywhere: dashes, ellipsis, bullet, currency, degree, ©®™, «», fractions… */
const WESTERN_SIGN =
  /[\u2013\u2014\u2026\u2022\u20ac\u2122\u00a0\u00a1\u00a3\u00a5\u00a7\u00a9\u00ab\u00ae\u00b0-\u00b3\u00b5\u00b7\u00ba\u00bb\u00bc-\u00bf\u00d7\u00f7\u00aa]/;

/**
 * Whether bytes above 0x7F read as Windows-1252 look like Western text: accented letters inside
 * words, quotes where quotes go (an apostrophe between letters, other quotes at one end of a word),
 * dashes and signs, accented letters that are words ("Sac à main"); and they stand alone or in pairs ("Müller", "proteção"),
 * where double-byte and non-Latin scripts run three and more in a row.
 */
function looksWestern(data: Buffer, text: string): boolean {
  let high = 0;
  let inLongRuns = 0;
  let run = 0;
  for (let i = 0; i <= data.length; i++) {
    if (i < data.length && (data[i] as number) >= 0x80) {
      high++;
      run++;
    } else {
      if (run >= 3) inLongRuns += run;
      run = 0;
    }
  }
  if (high === 0 || inLongRuns > high / 4) return false;
  let atypical = 0;
  for (let i = 0; i < data.length; i++) {
    if ((data[i] as number) < 0x80) continue;
    const c = text[i] as string;
    const letterBefore = LATIN_LETTER.test(text[i - 1] ?? ' ');
    const after = text[i + 1] ?? ' ';
    const letterAfter = LATIN_LETTER.test(after);
    let ok: boolean;
    // An apostrophe may stand between letters; other quotes open or close a word, so touch it on one side only.
    if (c === '\u2019') ok = letterBefore || !/[0-9]/.test(after);
    else if ('\u2018\u201a\u201c\u201d\u201e'.includes(c)) ok = !(letterBefore && letterAfter);
    else if (LATIN_LETTER.test(c)) ok = letterBefore || letterAfter || ONE_LETTER_WORD.test(c);
    else ok = WESTERN_SIGN.test(c);
    if (!ok && ++atypical > high / 10) return false;
  }
  return true;
}

const SAVE_AS_UTF8 =
  'Save it again as UTF-8 (in Excel: Save As, "CSV UTF-8"; in a text editor: encoding UTF-8), or as .xlsx, and send that.';

function cannotTell(filename: string, why: string): TakedownError {
  return new TakedownError('file_unreadable', `${filename} is not UTF-8 text, and ${why}.`, {
    hint: SAVE_AS_UTF8,
  });
}

/** The text of a file; throws TakedownError, naming the file, when its encoding cannot be told. */
export function decodeText(filename: string, data: Buffer): string {
  const utf16 = utf16Bom(data);
  if (utf16 === 'utf-16le') return new TextDecoder('utf-16le').decode(data.subarray(2));
  if (utf16 === 'utf-16be') return new TextDecoder('utf-16be').decode(data.subarray(2));
  const body =
    data.length >= 3 && data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf ? data.subarray(3) : data;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    // not UTF-8 throughout: told apart below
  }
  // A few stray bytes among many UTF-8 characters: UTF-8 that was cut or damaged here and there.
  // (GBK text, the likeliest to hold chance UTF-8 sequences, has far more stray bytes than that.)
  const shape = utf8Shape(body);
  if (shape.sequences > 0 && shape.strayBytes <= shape.highBytes / 20) {
    return new TextDecoder('utf-8').decode(body);
  }

  const readings: Reading[] = [];
  for (const candidate of CANDIDATES) {
    let text: string;
    try {
      text = new TextDecoder(candidate.encoding, { fatal: true }).decode(body);
    } catch {
      continue;
    }
    // A C1 control character is a byte the encoding has no character for (ICU lets some through).
    if (/[\u0080-\u009f]/.test(text)) continue;
    readings.push({ candidate, text, ...weigh(body, candidate) });
  }
  readings.sort((a, b) => b.share - a.share);
  const likely = readings.filter((r) => r.share >= CJK_MIN_SHARE);
  const western = decodeWindows1252(body);
  const westernToo = looksWestern(body, western);
  const best = likely[0];
  const next = readings[1];
  if (!best) {
    if (westernToo) return western;
    throw cannotTell(
      filename,
      'it is not in an encoding I can tell (GBK, Big5, Shift_JIS, EUC-KR or Windows-1252)',
    );
  }
  const korean = likely.find((r) => r.candidate.encoding === 'euc-kr');
  if (korean && korean.share >= KOREAN_MIN_SHARE && korean.characters >= KOREAN_MIN_CHARACTERS)
    return korean.text;
  // Western text reads as CJK only through a byte above ASCII followed by a letter ("Men’s", "Ärmel",
  // "30°C"): a CJK reading with no other common character gives way to it.
  if (westernToo && likely.every((r) => r.strong === 0)) return western;
  const rival = westernToo
    ? 'Windows-1252 (Western)'
    : next && next.share > best.share - CJK_MIN_LEAD
      ? next.candidate.name
      : null;
  if (rival)
    throw cannotTell(
      filename,
      `it reads as well in ${best.candidate.name} as in ${rival}, so I cannot tell which it is`,
    );
  return best.text;
}
