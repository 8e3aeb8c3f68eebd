/**
 * `takedown check-urls [FILE…|-] [--json] [--offline] [-- FILE…]`: what intake makes of listing links, without
 * filing anything. One JSON object per entry in input order with --json; otherwise a table and a
 * one-line summary. Exit 0 when every entry is ok, duplicate or already filed; 1 when some are
 * invalid or unresolved; 2 when a file (or the configuration) cannot be read.
 */
import { createReadStream, existsSync, type Stats, statSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../config.ts';
import { TakedownError, userText } from '../core/errors.ts';
import {
  classifyEntries,
  type FiledLookup,
  nothingFiled,
  type RawEntry,
  readListingFile,
  resolveShortLinks,
  splitIntoChunks,
} from '../core/intake/index.ts';
import { type IntakeEntry, PORTAL_PROFILES, type PortalProfile } from '../core/types.ts';

export interface CheckUrlsIo {
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  env: NodeJS.ProcessEnv;
}

const USAGE = `Usage: takedown check-urls [FILE…|-] [--json] [--offline] [-- FILE…]
  Reads listing links from files (.txt, .csv, .tsv, .xlsx) or standard input (- or no FILE) and says
  what would be filed. --json prints one JSON object per entry; --offline does not follow short links.
  After --, every argument is a file, even one whose name starts with "-".
`;

const SHORT_LINK_TIMEOUT_MS = 8000;
const SHORT_LINK_MAX_HOPS = 6;

interface Options {
  json: boolean;
  offline: boolean;
  sources: string[];
}

function parseArgs(args: string[]): Options | 'help' | string {
  const options: Options = { json: false, offline: false, sources: [] };
  let operands = false;
  for (const arg of args) {
    // After "--" every argument is a file (or "-", standard input), even one that starts with "-".
    if (operands) options.sources.push(arg);
    else if (arg === '--') operands = true;
    else if (arg === '--help' || arg === '-h') return 'help';
    else if (arg === '--json') options.json = true;
    else if (arg === '--offline') options.offline = true;
    else if (arg === '-' || !arg.startsWith('-')) options.sources.push(arg);
    else return `unknown option "${arg}"`;
  }
  if (options.sources.length === 0) options.sources.push('-');
  return options;
}

async function readSource(
  source: string,
  io: CheckUrlsIo,
  limits: { maxBytes: number; maxRows: number },
): Promise<RawEntry[]> {
  if (source === '-') {
    if ((io.stdin as { isTTY?: boolean }).isTTY) {
      io.stderr.write('Reading links from standard input: paste them, then press Ctrl-D (or name a file).\n');
    }
    return readListingFile({ filename: 'standard input', data: io.stdin, limits });
  }
  let stats: Stats | undefined;
  try {
    stats = statSync(source);
  } catch {
    // reported below
  }
  if (stats?.isDirectory()) {
    throw new TakedownError('file_unreadable', `${source} cannot be read: it is a folder, not a file.`, {
      hint: `Name the files in it instead, for example: takedown check-urls ${join(source, '*.csv')}`,
    });
  }
  if (!stats) {
    throw new TakedownError('file_unreadable', `${source} cannot be read: there is no such file.`, {
      hint: 'Check the path and try again.',
    });
  }
  // A named pipe, /dev/stdin or a shell's <(…) is read as the stream it is; the file limits still apply.
  return readListingFile({ filename: source, data: createReadStream(source), limits });
}

/**
 * Nothing is filed when there is no database; a database is only ever read here, never created.
 * The database modules are loaded only when there is one, to keep start-up short.
 */
async function openFiledLookup(
  dbPath: string,
  io: CheckUrlsIo,
): Promise<{ lookup: FiledLookup; close: () => void }> {
  if (dbPath === ':memory:' || !existsSync(dbPath)) return { lookup: nothingFiled, close: () => {} };
  const [{ default: Database }, { drizzle }, { filedLookup }, schema] = await Promise.all([
    import('better-sqlite3'),
    import('drizzle-orm/better-sqlite3'),
    import('../db/filed-lookup.ts'),
    import('../db/schema.ts'),
  ]);
  const sqlite = new Database(dbPath, { readonly: true, fileMustExist: true });
  const lookup = filedLookup(drizzle(sqlite, { schema }));
  return {
    lookup: (keys) => {
      try {
        return lookup(keys);
      } catch (err) {
        io.stderr.write(
          `warning: could not read what was already filed from ${dbPath} (${(err as Error).message}); nothing is counted as already filed.\n`,
        );
        return new Map();
      }
    },
    close: () => sqlite.close(),
  };
}

async function writeAll(out: NodeJS.WritableStream, lines: Iterable<string>): Promise<void> {
  let buffer = '';
  const flush = async () => {
    const text = buffer;
    buffer = '';
    if (!out.write(text)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  };
  for (const line of lines) {
    buffer += `${line}\n`;
    if (buffer.length > 256 * 1024) await flush();
  }
  if (buffer) await flush();
}

/**
 * What a JSON line escapes in a string: what JSON.stringify does (quotes, backslashes, control
 * characters, lone surrogates), and DEL, C1 controls, line separators and bidirectional overrides, so
 * a line shown in a terminal or an editor is what it says. JSON.parse gives the same string back.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it looks for
const JSON_ESCAPED = /["\\\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]/;
const INVISIBLE = /[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** A string or null as JSON, without JSON.stringify's cost when nothing needs escaping. */
function jsonValue(value: string | null): string {
  if (value === null) return 'null';
  if (!JSON_ESCAPED.test(value)) return `"${value}"`;
  return JSON.stringify(value).replace(
    INVISIBLE,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** One JSON object per entry, with the contract's fields in the contract's order. */
function* jsonLines(entries: IntakeEntry[]): Generator<string> {
  for (const e of entries) {
    yield `{"input":${jsonValue(e.input)},"status":${jsonValue(e.status)},"platform":${jsonValue(e.platform)},"itemId":${jsonValue(e.itemId)},"url":${jsonValue(e.url)},"reason":${jsonValue(e.reason)}}`;
  }
}

/**
 * Control characters shown as visible symbols (U+2400's pictures, "�" for C1) and bidirectional
 * overrides dropped, so a hostile entry cannot move the cursor, recolour or retitle the terminal, or
 * turn the table's text around.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it replaces
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
function printable(text: string): string {
  return text.replace(UNPRINTABLE, (c) => {
    const code = c.charCodeAt(0);
    if (code < 0x20) return String.fromCharCode(0x2400 + code);
    if (code === 0x7f) return '\u2421';
    return code <= 0x9f ? '\ufffd' : '';
  });
}

function clip(text: string, width: number): string {
  return text.length > width ? `${text.slice(0, width - 1)}…` : text;
}

function* tableLines(entries: IntakeEntry[]): Generator<string> {
  const where = Math.max(5, ...entries.slice(0, 5000).map((e) => (e.location ?? String(e.position)).length));
  const input = Math.min(70, Math.max(5, ...entries.slice(0, 5000).map((e) => e.input.length)));
  yield `${'WHERE'.padEnd(where)}  ${'STATUS'.padEnd(13)}  ${'INPUT'.padEnd(input)}  LISTING / REASON`;
  for (const e of entries) {
    const loc = (e.location ?? String(e.position)).padEnd(where);
    const listingOrReason = e.status === 'ok' ? e.url : e.reason;
    yield printable(
      `${loc}  ${e.status.padEnd(13)}  ${clip(e.input, input).padEnd(input)}  ${listingOrReason}`,
    );
  }
}

export function summaryLine(entries: IntakeEntry[], profile: PortalProfile): string {
  const count = (status: IntakeEntry['status']) => entries.filter((e) => e.status === status).length;
  const ok = count('ok');
  const limit = PORTAL_PROFILES[profile];
  const batches = splitIntoChunks(Array.from({ length: ok }), limit).length;
  const portal = profile === 'aliprotect' ? 'AliProtect' : 'IPP';
  const plan =
    ok === 0
      ? 'nothing to file'
      : `${ok} to file in ${batches} ${portal} submission${batches === 1 ? '' : 's'} (at most ${limit} each)`;
  return `${entries.length} ${entries.length === 1 ? 'entry' : 'entries'}: ${ok} ok, ${count('duplicate')} duplicate, ${count('already_filed')} already filed, ${count('invalid')} invalid, ${count('unresolved')} unresolved; ${plan}.`;
}

export async function runCheckUrls(args: string[], io: CheckUrlsIo): Promise<number> {
  const options = parseArgs(args);
  if (options === 'help') {
    io.stdout.write(USAGE);
    return 0;
  }
  if (typeof options === 'string') {
    io.stderr.write(`takedown check-urls: ${options}.\n\n${USAGE}`);
    return 2;
  }
  let entries: IntakeEntry[];
  let profile: PortalProfile;
  try {
    const config = loadConfig(io.env);
    profile = config.portal.profile;
    const limits = { maxBytes: config.limits.maxFileBytes, maxRows: config.limits.maxRows };
    let raw: RawEntry[] = [];
    for (const source of options.sources) {
      const read = await readSource(source, io, limits);
      if (options.sources.length > 1) {
        for (const e of read) e.location = `${source === '-' ? 'stdin' : source} ${e.location ?? e.position}`;
      }
      raw = raw.concat(read);
    }
    if (!options.offline)
      raw = await resolveShortLinks(raw, { timeoutMs: SHORT_LINK_TIMEOUT_MS, maxHops: SHORT_LINK_MAX_HOPS });
    const filed = await openFiledLookup(config.dbPath, io);
    try {
      entries = classifyEntries(raw, filed.lookup);
    } finally {
      filed.close();
    }
  } catch (err) {
    io.stderr.write(`takedown check-urls: ${userText(err)}\n`);
    return 2;
  }
  if (options.json) {
    await writeAll(io.stdout, jsonLines(entries));
  } else {
    await writeAll(io.stdout, tableLines(entries));
    await writeAll(io.stdout, [summaryLine(entries, profile)]);
  }
  return entries.some((e) => e.status === 'invalid' || e.status === 'unresolved') ? 1 : 0;
}
