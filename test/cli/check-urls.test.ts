import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runCheckUrls } from '../../src/cli/check-urls.ts';
import { openDb } from '../../src/db/connection.ts';
import { cases, listings } from '../../src/db/schema.ts';

const dir = mkdtempSync(join(tmpdir(), 'takedown-check-urls-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const FIXTURE = fileURLToPath(new URL('../../../shared/fixtures/listings-export.csv', import.meta.url));
const REPO = fileURLToPath(new URL('../..', import.meta.url));
const BIN = fileURLToPath(new URL('../../bin/takedown.js', import.meta.url));

async function run(args: string[], opts: { stdin?: string; env?: NodeJS.ProcessEnv } = {}) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c) => (out += c));
  stderr.on('data', (c) => (err += c));
  const code = await runCheckUrls(args, {
    stdin: Readable.from([Buffer.from(opts.stdin ?? '')]),
    stdout,
    stderr,
    env: { DB_PATH: join(dir, 'absent.db'), ...opts.env },
  });
  return { code, out, err };
}

describe('takedown check-urls', () => {
  it('with --json, every row of the export is one JSON object in input order with exactly the contract fields', async () => {
    const { code, out } = await run([FIXTURE, '--json', '--offline']);
    const lines = out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(453);
    expect(Object.keys(lines[0] ?? {})).toEqual(['input', 'status', 'platform', 'itemId', 'url', 'reason']);
    expect(lines[0]).toMatchObject({
      status: 'ok',
      platform: 'aliexpress',
      itemId: '542508477',
      url: 'https://www.aliexpress.com/item/542508477.html',
      reason: null,
    });
    expect(lines.filter((l) => l.status === 'unresolved')).toHaveLength(2);
    expect(code).toBe(1);
  });

  it('without --json, it prints a table and a one-line summary with the portal batches', async () => {
    const { code, out } = await run([FIXTURE, '--offline']);
    const last = out.trim().split('\n').pop();
    expect(last).toBe(
      '453 entries: 432 ok, 12 duplicate, 0 already filed, 7 invalid, 2 unresolved; 432 to file in 3 AliProtect submissions (at most 200 each).',
    );
    expect(out).toContain('row 18');
    expect(code).toBe(1);
  });

  it('when the profile is IPP, batches follow its limit of 300', async () => {
    const { out } = await run([FIXTURE, '--offline'], { env: { PORTAL_PROFILE: 'ipp' } });
    expect(out.trim().split('\n').pop()).toContain('432 to file in 2 IPP submissions (at most 300 each)');
  });

  it('when every entry is fine, read from standard input, it exits 0; listings in the database are already_filed', async () => {
    const dbPath = join(dir, 'filed.db');
    const db = openDb(dbPath);
    const [l] = db
      .insert(listings)
      .values({
        platform: '1688',
        itemId: '682367774901',
        url: 'https://detail.1688.com/offer/682367774901.html',
      })
      .returning()
      .all();
    if (!l) throw new Error('listing not stored');
    db.insert(cases)
      .values({
        caseNumber: '201303080211081192',
        listingId: l.id,
        iprRegNo: '2485097',
        platform: '1688',
        status: 'in_progress',
        complaintDate: '03/08/2013',
        filedAt: '2024-01-01',
        lastSeenAt: '2024-01-01',
      })
      .run();
    db.sqlite.close();
    const stdin =
      'https://detail.1688.com/offer/682367774901.html\nhttps://www.aliexpress.com/item/32933148414.html\nhttps://m.aliexpress.com/item/32933148414.html?spm=1\n';
    const { code, out } = await run(['-', '--json', '--offline'], { stdin, env: { DB_PATH: dbPath } });
    const statuses = out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { status: string; reason: string | null });
    expect(statuses.map((s) => s.status)).toEqual(['already_filed', 'ok', 'duplicate']);
    expect(statuses[0]?.reason).toBe('already filed: case 201303080211081192 (In Progress)');
    expect(code).toBe(0);
  });

  it('when a file cannot be read, it exits 2 naming the file and creates no database', async () => {
    const empty = join(dir, 'empty.csv');
    writeFileSync(empty, '');
    const missing = await run([join(dir, 'nope.csv'), '--json']);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('nope.csv cannot be read');
    const blank = await run([empty]);
    expect(blank.code).toBe(2);
    expect(blank.err).toContain('empty.csv is empty');
    expect(existsSync(join(dir, 'absent.db'))).toBe(false);
  });

  it('when given a folder, it exits 2 saying it is a folder and how to name the files in it', async () => {
    const folder = join(dir, 'exports');
    mkdirSync(folder, { recursive: true });
    const { code, out, err } = await run([folder, '--json']);
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toBe(
      `takedown check-urls: ${folder} cannot be read: it is a folder, not a file. Name the files in it instead, for example: takedown check-urls ${join(folder, '*.csv')}\n`,
    );
  });

  it('when given a named pipe, as a shell makes for <(command), it reads the links that come through it', async () => {
    const pipe = join(dir, 'links.pipe');
    spawnSync('mkfifo', [pipe]);
    // Opening a pipe waits for the other end; Node opens files off the main thread, so both ends meet.
    createWriteStream(pipe).end(
      'https://www.aliexpress.com/item/1005001234567890.html\nhttps://example.com/x\n',
    );
    const { code, out } = await run([pipe, '--json', '--offline']);
    const statuses = out
      .trim()
      .split('\n')
      .map((l) => (JSON.parse(l) as { status: string }).status);
    expect(statuses).toEqual(['ok', 'invalid']);
    expect(code).toBe(1);
  });

  it('with --help it prints its usage and exits 0; an unknown option is named once, then the usage, exit 2', async () => {
    const help = await run(['--help']);
    expect(help.code).toBe(0);
    expect(help.out).toContain('Usage: takedown check-urls');
    const bogus = await run(['--bogus', FIXTURE]);
    expect(bogus.code).toBe(2);
    expect(bogus.out).toBe('');
    expect(bogus.err.split('\n')[0]).toBe('takedown check-urls: unknown option "--bogus".');
    expect(bogus.err).toContain('\n\nUsage: takedown check-urls');
  });

  it('with --json, inputs holding quotes, backslashes and control characters are JSON lines that give them back', async () => {
    const inputs = [
      'https://www.aliexpress.com/item/1005005129583807.html?q="knife"',
      'https://www.ebay.com/itm/1\\2',
      'https://www.aliexpress.com/item/1005005129583807.html?x=\u0001\u001f\u007f',
      'https://www.aliexpress.com/item/1005005129583807.html?x=\u00e9\ud83d\ude00',
      'https://www.aliexpress.com/item/1005005129583807.html?x=\u202e\u2066\u0085',
    ];
    const csv = join(dir, 'escapes.csv');
    writeFileSync(csv, `url\n${inputs.map((i) => `"${i.replace(/"/g, '""')}"`).join('\n')}\n`);
    const { out } = await run([csv, '--json', '--offline']);
    const lines = out.trim().split('\n');
    const parsed = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(parsed.map((p) => p.input)).toEqual(inputs);
    expect(parsed.map((p) => p.status)).toEqual(['ok', 'invalid', 'duplicate', 'duplicate', 'duplicate']);
    // DEL, C1 controls and bidirectional overrides are escaped too, so no line can turn its text around.
    for (const line of lines) expect(line).not.toMatch(/[\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
    const escapeInvisible = (json: string) =>
      json.replace(
        /[\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g,
        (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
      );
    expect(lines).toEqual(
      parsed.map((p) =>
        escapeInvisible(
          JSON.stringify({
            input: p.input,
            status: p.status,
            platform: p.platform,
            itemId: p.itemId,
            url: p.url,
            reason: p.reason,
          }),
        ),
      ),
    );
  });

  it('in the table, control characters of an entry are shown as symbols, so they cannot drive the terminal', async () => {
    const lines = Array.from(
      { length: 40 },
      (_, i) => `https://www.aliexpress.com/item/${1005001234567800 + i}.html`,
    );
    lines.push('https://www.aliexpress.com/item/1005001234567890.html\u001b]0;pwned\u0007\u009b31m\u202e');
    const { out } = await run(['--offline'], { stdin: `${lines.join('\n')}\n` });
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it looks for
    expect(out).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/);
    expect(out).toContain('1005001234567890.html\u241b]0;pwned\u2407\ufffd31m');
  });

  it('after --, every argument is read as a file, even one whose name starts with "-"', async () => {
    const folder = join(dir, 'dashes');
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, '-links.txt'), 'https://www.aliexpress.com/item/32933148414.html\n');
    writeFileSync(join(folder, '--offline'), 'https://detail.1688.com/offer/682367774901.html\n');
    const cwd = process.cwd();
    process.chdir(folder);
    try {
      const { code, out, err } = await run(['--json', '--', '-links.txt', '--offline']);
      expect(err).toBe('');
      expect(
        out
          .trim()
          .split('\n')
          .map((l) => (JSON.parse(l) as { url: string }).url),
      ).toEqual([
        'https://www.aliexpress.com/item/32933148414.html',
        'https://detail.1688.com/offer/682367774901.html',
      ]);
      expect(code).toBe(0);
    } finally {
      process.chdir(cwd);
    }
  });

  it("when run as a process, stdout carries the JSON lines and the exit code is the contract's", () => {
    const script = join(dir, 'run.mts');
    writeFileSync(
      script,
      `import { runCheckUrls } from ${JSON.stringify(join(REPO, 'src/cli/check-urls.ts'))};\nprocess.exitCode = await runCheckUrls(process.argv.slice(2), { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env });\n`,
    );
    const links = join(dir, 'links.txt');
    writeFileSync(links, 'https://www.aliexpress.com/item/32933148414.html\nhttps://www.ebay.com/itm/1\n');
    const child = spawnSync('npx', ['tsx', script, links, '--json', '--offline'], {
      cwd: REPO,
      encoding: 'utf8',
      env: { ...process.env, DB_PATH: join(dir, 'absent.db') },
    });
    expect(child.status).toBe(1);
    expect(
      child.stdout
        .trim()
        .split('\n')
        .map((l) => (JSON.parse(l) as { status: string }).status),
    ).toEqual(['ok', 'invalid']);
  });
});

describe('takedown check-urls in a pipeline', () => {
  it('when the reader of its output stops early (| head), it stops quietly: no error, exit 0', async () => {
    const links = join(dir, 'many.txt');
    writeFileSync(
      links,
      Array.from(
        { length: 20_000 },
        (_, i) => `https://www.aliexpress.com/item/${1005006000000000 + i}.html`,
      ).join('\n'),
    );
    const child = spawn(process.execPath, [BIN, 'check-urls', links, '--offline'], {
      cwd: REPO,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, DB_PATH: join(dir, 'absent.db') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (c) => (err += c));
    // As `head -1` does: read the first piece, then close the pipe.
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise((resolve) => child.on('close', resolve));
    expect(err).toBe('');
    expect(code).toBe(0);
  });
});
