/**
 * The ZIP container of an .xlsx, read from its central directory, with the checks that keep a zip
 * bomb out: entry count, declared unpacked size and ratio, entries laid end to end (no overlapping or
 * hidden data), and inflation that stops the moment an entry yields more than it declared.
 */
import { Readable, Transform } from 'node:stream';
import { createInflateRaw } from 'node:zlib';
import { TakedownError } from '../../errors.ts';

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  headerStart: number;
  dataStart: number;
}

export interface ZipLimits {
  /** Sum of the unpacked sizes of all entries. */
  maxUnpackedBytes: number;
  maxEntries: number;
  /** Unpacked/packed ratio above which a large entry is treated as a bomb. */
  maxRatio: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

function corrupt(filename: string, what: string): TakedownError {
  return new TakedownError('file_unreadable', `${filename} is not a readable .xlsx workbook: ${what}.`, {
    hint: 'Open it in Excel or LibreOffice, save it again as .xlsx (or export CSV), and send that.',
  });
}

function bomb(filename: string, what: string): TakedownError {
  return new TakedownError(
    'file_too_large',
    `${filename} was refused: ${what}, which a list of links never needs (a "zip bomb").`,
    {
      hint: 'Export the links as CSV and send that instead.',
    },
  );
}

/** The entries of the archive, checked. Throws TakedownError naming the file and the limit it broke. */
export function readZipDirectory(filename: string, data: Buffer, limits: ZipLimits): Map<string, ZipEntry> {
  const searchFrom = Math.max(0, data.length - 65_557);
  let eocd = -1;
  for (let i = data.length - 22; i >= searchFrom; i--) {
    if (data.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw corrupt(filename, 'the file is cut short or damaged (no ZIP directory)');
  const count = data.readUInt16LE(eocd + 10);
  const dirSize = data.readUInt32LE(eocd + 12);
  const dirStart = data.readUInt32LE(eocd + 16);
  if (count === 0xffff || dirStart === 0xffffffff) throw bomb(filename, 'it uses ZIP64 sizes');
  if (count > limits.maxEntries) throw bomb(filename, `it holds ${count} files (limit ${limits.maxEntries})`);
  if (dirStart + dirSize > eocd) throw corrupt(filename, 'its ZIP directory points outside the file');

  const entries: ZipEntry[] = [];
  let total = 0;
  let p = dirStart;
  for (let n = 0; n < count; n++) {
    if (p + 46 > data.length || data.readUInt32LE(p) !== CENTRAL)
      throw corrupt(filename, 'its ZIP directory is damaged');
    const flags = data.readUInt16LE(p + 8);
    const method = data.readUInt16LE(p + 10);
    const compressedSize = data.readUInt32LE(p + 20);
    const size = data.readUInt32LE(p + 24);
    const nameLength = data.readUInt16LE(p + 28);
    const extraLength = data.readUInt16LE(p + 30);
    const commentLength = data.readUInt16LE(p + 32);
    const localOffset = data.readUInt32LE(p + 42);
    const name = data.toString('utf8', p + 46, p + 46 + nameLength);
    p += 46 + nameLength + extraLength + commentLength;
    if (flags & 1) throw corrupt(filename, 'it is password-protected');
    if (method !== 0 && method !== 8)
      throw corrupt(filename, `"${name}" uses an unsupported compression method`);
    if (localOffset + 30 > data.length || data.readUInt32LE(localOffset) !== LOCAL) {
      throw corrupt(filename, `"${name}" is missing from the archive`);
    }
    const dataStart =
      localOffset + 30 + data.readUInt16LE(localOffset + 26) + data.readUInt16LE(localOffset + 28);
    if (dataStart + compressedSize > dirStart)
      throw corrupt(filename, `"${name}" runs past the end of the archive`);
    total += size;
    if (total > limits.maxUnpackedBytes) {
      throw bomb(filename, `it unpacks to more than ${Math.round(limits.maxUnpackedBytes / 1048576)} MB`);
    }
    if (size > 1_048_576 && size > compressedSize * limits.maxRatio) {
      throw bomb(filename, `"${name}" is compressed more than ${limits.maxRatio} to 1`);
    }
    entries.push({ name, method, compressedSize, size, headerStart: localOffset, dataStart });
  }
  checkLayout(filename, entries, dirStart);
  return new Map(entries.map((e) => [e.name, e]));
}

/** Entries must follow one another with nothing overlapping: what a streaming reader and the directory see is the same. */
function checkLayout(filename: string, entries: ZipEntry[], dirStart: number): void {
  const sorted = [...entries].sort((a, b) => a.headerStart - b.headerStart);
  let end = 0;
  for (const e of sorted) {
    if (e.headerStart < end) throw bomb(filename, 'its entries overlap');
    end = e.dataStart + e.compressedSize;
  }
  if (end > dirStart) throw bomb(filename, 'its entries overlap its directory');
}

/** One entry's content as a stream; fails as soon as it inflates past its declared size. */
export function openEntry(filename: string, data: Buffer, entry: ZipEntry): Readable {
  const packed = data.subarray(entry.dataStart, entry.dataStart + entry.compressedSize);
  if (entry.method === 0) return Readable.from([packed]);
  let produced = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      produced += chunk.length;
      if (produced > entry.size) done(bomb(filename, `"${entry.name}" unpacks to more than it declares`));
      else done(null, chunk);
    },
  });
  const inflate = createInflateRaw({ chunkSize: 256 * 1024 });
  inflate.on('error', () => counter.destroy(corrupt(filename, `"${entry.name}" is damaged`)));
  counter.on('close', () => inflate.destroy());
  inflate.pipe(counter);
  inflate.end(packed);
  return counter;
}

/** A small entry (workbook, relationships, shared strings) as text, with the same size check. */
export async function readEntryText(filename: string, data: Buffer, entry: ZipEntry): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of openEntry(filename, data, entry)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
