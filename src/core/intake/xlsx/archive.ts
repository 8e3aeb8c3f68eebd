/**
 * The ZIP container of an .xlsx, opened with yauzl and read by its directory: the entry count,
 * the declared unpacked sizes and ratios, and encryption are checked before anything is inflated;
 * a part is then inflated only when asked for, and stops the moment it yields more than it declared. Reading by the directory (not front to back) means data the directory does not list is
 * never read at all.
 */
import { pipeline, type Readable, Transform, type TransformCallback } from 'node:stream';
import { createInflateRaw } from 'node:zlib';
import { type Entry, fromBufferPromise, type ZipFile } from 'yauzl';
import type { TakedownError } from '../../errors.ts';
import { zipBomb as bomb, unreadableWorkbook as corrupt } from './refusals.ts';

export interface ZipLimits {
  /** Sum of the unpacked sizes of all entries. */
  maxUnpackedBytes: number;
  maxEntries: number;
  /** Unpacked/packed ratio above which a large entry is treated as a bomb. */
  maxRatio: number;
}

export interface Archive {
  names: ReadonlySet<string>;
  /** The part's content as a stream, or null when there is no such part. */
  open(name: string): Promise<Readable | null>;
  close(): void;
}

/** Inflated pieces of 256 KB rather than zlib's 16 KB: a tenth of the round trips to zlib's threads. */
const INFLATE_CHUNK_BYTES = 256 * 1024;

/** Passes a part's inflated bytes on, failing the moment they pass the size its entry declares. */
class DeclaredSize extends Transform {
  private seen = 0;
  constructor(private readonly declared: number) {
    super();
  }
  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.seen += chunk.length;
    if (this.seen > this.declared) {
      done(new Error(`too many bytes in the stream. expected ${this.declared}. got at least ${this.seen}`));
    } else {
      done(null, chunk);
    }
  }
  override _flush(done: TransformCallback): void {
    done(
      this.seen < this.declared
        ? new Error(`not enough bytes in the stream. expected ${this.declared}. got only ${this.seen}`)
        : null,
    );
  }
}

/** Entries above this size are held to the ratio limit; small XML parts compress very well. */
const RATIO_FLOOR_BYTES = 1_048_576;

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

async function listEntries(filename: string, zip: ZipFile, limits: ZipLimits): Promise<Map<string, Entry>> {
  if (zip.entryCount > limits.maxEntries) {
    throw bomb(filename, `it holds ${zip.entryCount} files (limit ${limits.maxEntries})`);
  }
  return new Promise((resolve, reject) => {
    const entries = new Map<string, Entry>();
    let declared = 0;
    zip.on('entry', (entry: Entry) => {
      declared += entry.uncompressedSize;
      const problem = entryProblem(filename, entry, limits, declared);
      if (problem) {
        zip.close();
        reject(problem);
        return;
      }
      entries.set(entry.fileName, entry);
      zip.readEntry();
    });
    zip.on('end', () => resolve(entries));
    zip.on('error', (err: Error) => reject(corrupt(filename, 'its ZIP directory is damaged', err)));
    zip.readEntry();
  });
}

/** A part's read error as what a person is told: a bomb when it inflated past its size, else damage. */
export function partError(filename: string, name: string, err: unknown): TakedownError {
  if (/too many bytes in the stream/.test((err as Error)?.message ?? '')) {
    return bomb(filename, `"${name}" unpacks to more than it declares`);
  }
  return corrupt(filename, `"${name}" is damaged`, err);
}

/** The archive, its directory checked. Throws TakedownError naming the file and the limit or fault. */
export async function openArchive(filename: string, data: Buffer, limits: ZipLimits): Promise<Archive> {
  let zip: ZipFile;
  try {
    zip = await fromBufferPromise(data, { lazyEntries: true, validateEntrySizes: true });
  } catch (err) {
    throw corrupt(filename, 'the file is cut short or damaged (no readable ZIP directory)', err);
  }
  const entries = await listEntries(filename, zip, limits);
  return {
    names: new Set(entries.keys()),
    async open(name) {
      const entry = entries.get(name);
      if (!entry) return null;
      try {
        if (entry.compressionMethod !== 8) return await zip.openReadStreamPromise(entry);
        const packed = await zip.openReadStreamPromise(entry, { decompress: false });
        // pipeline destroys every stream with the first error, so reading the last one throws it.
        return pipeline(
          packed,
          createInflateRaw({ chunkSize: INFLATE_CHUNK_BYTES }),
          new DeclaredSize(entry.uncompressedSize),
          () => {},
        );
      } catch (err) {
        throw partError(filename, name, err);
      }
    },
    close: () => zip.close(),
  };
}
