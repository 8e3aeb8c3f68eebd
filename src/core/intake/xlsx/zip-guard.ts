/**
 * The checks an .xlsx passes before exceljs reads it, done with yauzl. The ZIP directory: entry
 * count, declared unpacked sizes and ratios, no encryption. The layout: every local header agrees
 * with the directory and the entries lie end to end from the first byte to the directory, so that
 * exceljs, which reads the archive front to back, sees exactly the entries checked here. The content:
 * every entry is inflated once, stopping the moment it yields more than it declared.
 */
import { type Entry, fromBufferPromise, type LocalFileHeader, type ZipFile } from 'yauzl';
import type { TakedownError } from '../../errors.ts';
import { zipBomb as bomb, unreadableWorkbook as corrupt } from './refusals.ts';

export interface ZipLimits {
  /** Sum of the unpacked sizes of all entries. */
  maxUnpackedBytes: number;
  maxEntries: number;
  /** Unpacked/packed ratio above which a large entry is treated as a bomb. */
  maxRatio: number;
}

/** Entries above this size are held to the ratio limit; small XML parts compress very well. */
const RATIO_FLOOR_BYTES = 1_048_576;
/** A data descriptor takes 12 to 24 bytes; a hidden entry would need at least 30. */
const MAX_DESCRIPTOR_BYTES = 24;
const DATA_DESCRIPTOR_FLAG = 0x08;
const DATA_DESCRIPTOR_SIGNATURE = Buffer.from([0x50, 0x4b, 0x07, 0x08]);

async function openArchive(filename: string, data: Buffer): Promise<ZipFile> {
  try {
    return await fromBufferPromise(data, { lazyEntries: true, validateEntrySizes: true });
  } catch (err) {
    throw corrupt(filename, 'the file is cut short or damaged (no readable ZIP directory)', err);
  }
}

async function listEntries(filename: string, zip: ZipFile, limits: ZipLimits): Promise<Entry[]> {
  if (zip.entryCount > limits.maxEntries) {
    throw bomb(filename, `it holds ${zip.entryCount} files (limit ${limits.maxEntries})`);
  }
  return new Promise((resolve, reject) => {
    const entries: Entry[] = [];
    let declared = 0;
    zip.on('entry', (entry: Entry) => {
      declared += entry.uncompressedSize;
      const problem = entryProblem(filename, entry, limits, declared);
      if (problem) {
        zip.close();
        reject(problem);
        return;
      }
      entries.push(entry);
      zip.readEntry();
    });
    zip.on('end', () => resolve(entries));
    zip.on('error', (err: Error) => reject(corrupt(filename, 'its ZIP directory is damaged', err)));
    zip.readEntry();
  });
}

function entryProblem(
  filename: string,
  entry: Entry,
  limits: ZipLimits,
  declaredSoFar: number,
): TakedownError | null {
  const name = entry.fileName;
  if (entry.isEncrypted()) return corrupt(filename, 'it is password-protected');
  if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) {
    return corrupt(filename, `"${name}" uses an unsupported compression method`);
  }
  if (declaredSoFar > limits.maxUnpackedBytes) {
    return bomb(filename, `it unpacks to more than ${Math.round(limits.maxUnpackedBytes / 1048576)} MB`);
  }
  const size = entry.uncompressedSize;
  if (size > RATIO_FLOOR_BYTES && size > entry.compressedSize * limits.maxRatio) {
    return bomb(filename, `"${name}" is compressed more than ${limits.maxRatio} to 1`);
  }
  return null;
}

interface Placed {
  entry: Entry;
  start: number;
  end: number;
  descriptor: boolean;
}

/** Where each entry's data lies, from its local header, refused when the header disagrees with the directory. */
async function place(filename: string, data: Buffer, zip: ZipFile, entry: Entry): Promise<Placed> {
  let local: LocalFileHeader;
  try {
    local = await zip.readLocalFileHeaderPromise(entry);
  } catch (err) {
    throw corrupt(filename, `"${entry.fileName}" is missing from the archive`, err);
  }
  const descriptor = (local.generalPurposeBitFlag & DATA_DESCRIPTOR_FLAG) !== 0;
  const sizeAgrees =
    local.compressedSize === entry.compressedSize || (descriptor && local.compressedSize === 0);
  if (
    !local.fileName.equals(entry.fileNameRaw) ||
    local.compressionMethod !== entry.compressionMethod ||
    !sizeAgrees
  ) {
    throw bomb(filename, `"${entry.fileName}" is not what its ZIP directory says it is`);
  }
  const start = local.fileDataStart;
  const end = start + entry.compressedSize;
  // A reader that looks for the end of this entry by its signature must not find one inside it.
  if (
    descriptor &&
    local.compressedSize === 0 &&
    data.subarray(start, end).includes(DATA_DESCRIPTOR_SIGNATURE)
  ) {
    throw corrupt(filename, `"${entry.fileName}" cannot be read safely`);
  }
  return { entry, start, end, descriptor };
}

/** The entries lie end to end: nothing before, between or after them that a front-to-back reader could take for an entry. */
function checkLayout(filename: string, placed: Placed[], directoryStart: number): void {
  const sorted = [...placed].sort(
    (a, b) => a.entry.relativeOffsetOfLocalHeader - b.entry.relativeOffsetOfLocalHeader,
  );
  let expected = 0;
  let slack = 0;
  for (const p of [...sorted, null]) {
    const at = p ? p.entry.relativeOffsetOfLocalHeader : directoryStart;
    if (at < expected) throw bomb(filename, 'its entries overlap');
    if (at - expected > slack) throw bomb(filename, 'it holds data its ZIP directory does not list');
    if (!p) return;
    expected = p.end;
    slack = p.descriptor ? MAX_DESCRIPTOR_BYTES : 0;
  }
}

/** Inflates the entry to nowhere; yauzl stops it the moment it yields more than it declared. */
async function inflateChecked(filename: string, zip: ZipFile, entry: Entry): Promise<void> {
  try {
    const stream = await zip.openReadStreamPromise(entry);
    for await (const _chunk of stream) {
      // only the count matters, and yauzl keeps it
    }
  } catch (err) {
    if (/too many bytes/.test((err as Error).message)) {
      throw bomb(filename, `"${entry.fileName}" unpacks to more than it declares`);
    }
    throw corrupt(filename, `"${entry.fileName}" is damaged`, err);
  }
}

/**
 * The names of the archive's entries once every check passed. Throws TakedownError naming the file
 * and the limit or fault: file_too_large for a bomb, file_unreadable for a damaged archive.
 */
export async function checkArchive(filename: string, data: Buffer, limits: ZipLimits): Promise<Set<string>> {
  const zip = await openArchive(filename, data);
  // yauzl starts reading the directory where the directory starts; nothing has been read yet.
  const directoryStart = (zip as unknown as { readEntryCursor: number }).readEntryCursor;
  const entries = await listEntries(filename, zip, limits);
  const placed: Placed[] = [];
  for (const entry of entries) placed.push(await place(filename, data, zip, entry));
  checkLayout(filename, placed, directoryStart);
  for (const entry of entries) await inflateChecked(filename, zip, entry);
  zip.close();
  return new Set(entries.map((e) => e.fileName));
}
