/** What a person at a terminal reads when `takedown login`, `withdraw`, `serve`, `export` or `digest` cannot do its job. */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb } from '../../src/db/connection.ts';
import { takedown } from '../helpers/takedown-cli.ts';

let dir: string;
let closedPortUrl: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'takedown-terminal-'));
  openDb(join(dir, 'takedown.db')).sqlite.close();
  // A port that was free a moment ago: nothing answers there.
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  closedPortUrl = `http://127.0.0.1:${port}`;
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function portalEnv(url: string): Record<string, string> {
  return {
    PORTAL_URL: url,
    PORTAL_USER: 'brand@example.com',
    PORTAL_PASSWORD: 'secret',
    DB_PATH: join(dir, 'takedown.db'),
    SESSION_DIR: join(dir, 'sessions'),
    ARTIFACT_DIR: join(dir, 'artifacts'),
  };
}

/** No Playwright call log, stack frame or JSON log line reaches the person. */
function expectNoInternals(text: string) {
  expect(text).not.toMatch(/page\.goto|Call log|^\s+at |"level"|unexpected error/m);
}

describe('takedown login and withdraw when the portal does not answer', () => {
  it('login names the portal address that did not answer and says to check PORTAL_URL and run it again', async () => {
    const { code, out, err } = await takedown(['login', '--headless'], portalEnv(closedPortUrl));
    expectNoInternals(out + err);
    expect(err).toMatch(/^takedown: The portal at http:\/\/127\.0\.0\.1:\d+ did not respond/);
    expect(err).toContain(closedPortUrl);
    expect(err).toContain('check that PORTAL_URL is the portal’s address and that the portal is up');
    expect(err).toContain('then run the command again');
    expect(err.trimEnd().split('\n')).toHaveLength(1);
    expect(code).toBe(2);
  }, 60_000);

  it('withdraw says the same, prints nothing on standard output, and does not speak of a Retry button', async () => {
    const { code, out, err } = await takedown(['withdraw', '201303080211081192'], portalEnv(closedPortUrl));
    expect(out).toBe('');
    expectNoInternals(err);
    expect(err).toMatch(/^takedown: The portal at http:\/\/127\.0\.0\.1:\d+ did not respond/);
    expect(err).toContain('check that PORTAL_URL is the portal’s address and that the portal is up');
    expect(err).toContain('then run the command again');
    expect(err).not.toContain('press Retry');
    expect(err.trimEnd().split('\n')).toHaveLength(1);
    expect(code).toBe(2);
  }, 60_000);

  it('a PORTAL_URL on a port the browser never connects to (9) is said so, not as a portal that is down', async () => {
    const { code, out, err } = await takedown(
      ['withdraw', '201303080211081192'],
      portalEnv('http://127.0.0.1:9'),
    );
    expect(out).toBe('');
    expectNoInternals(err);
    expect(err).toContain('The portal at http://127.0.0.1:9 did not respond');
    expect(err).toContain('Chromium never connects to port 9');
    expect(err).toContain('then run the command again');
    expect(code).toBe(2);
  }, 60_000);
});

describe('a refusal is prefixed with "takedown" once', () => {
  it('withdraw without a case number says so once-prefixed, then its usage', async () => {
    const { code, err } = await takedown(['withdraw']);
    expect(err.split('\n')[0]).toBe('takedown withdraw takes exactly one case number.');
    expect(err).not.toMatch(/takedown: takedown/);
    expect(err).toMatch(/^Usage: takedown withdraw /m);
    expect(code).toBe(2);
  });

  it('serve without its settings says it cannot start, once-prefixed', async () => {
    const { code, err } = await takedown(['serve']);
    expect(err).toMatch(/^takedown serve cannot start: /);
    expect(err).not.toMatch(/takedown: takedown/);
    expect(code).toBe(2);
  });
});

describe('an output file in a folder that does not exist', () => {
  it('export --out names the missing folder and says to create it', async () => {
    const folder = join(dir, 'missing', 'deeper');
    const { code, out, err } = await takedown(
      ['export', '--out', join(folder, 'cases.csv')],
      portalEnv(closedPortUrl),
    );
    expect(out).toBe('');
    expect(err).toBe(
      `takedown: There is no folder ${folder} to write cases.csv in. Create it, or give --out a file in a folder that exists.\n`,
    );
    expect(code).toBe(2);
  });

  it('digest --chart names the missing folder too', async () => {
    const folder = join(dir, 'nowhere');
    const { code, err } = await takedown(
      ['digest', '--print', '--chart', join(folder, 'removals.png')],
      portalEnv(closedPortUrl),
    );
    expect(err).toBe(
      `takedown: There is no folder ${folder} to write removals.png in. Create it, or give --chart a file in a folder that exists.\n`,
    );
    expect(code).toBe(2);
  });
});
