import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  classifyEntries,
  nothingFiled,
  type RawEntry,
  resolveShortLinks,
} from '../../../src/core/intake/index.ts';

/** A stand-in for the short-link hosts: a real HTTP server that redirects like they do. */
let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = req.url ?? '/';
    const redirect = (to: string) => {
      res.writeHead(302, { location: to });
      res.end();
    };
    if (path === '/_direct')
      return redirect('https://www.aliexpress.com/item/1005005129583807.html?spm=share');
    if (path === '/e/_twohops') return redirect(`${base}/hop`);
    if (path === '/hop') return redirect('https://aliexpress.ru/item/32933148414.html');
    if (path === '/_meta') {
      res.writeHead(200, { 'content-type': 'text/html' });
      return res.end(
        '<html><meta http-equiv="refresh" content="0; url=https://www.aliexpress.com/item/4000887812210.html"></html>',
      );
    }
    if (path === '/_home') return redirect('https://www.aliexpress.com/');
    if (path === '/') {
      res.writeHead(200, { 'content-type': 'text/html' });
      return res.end('<html>AliExpress home</html>');
    }
    if (path === '/_loop') return redirect(`${base}/_loop`);
    if (path === '/_slow') return; // never answers
    res.writeHead(404);
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => {
  server.closeAllConnections();
  server.close();
});

/** Sends short-link hosts to the local server; everything else is not reachable, as offline. */
const localFetch: typeof fetch = (input, init) => {
  const url = new URL(String(input));
  const reachable = ['a.aliexpress.com', 's.click.aliexpress.com', '127.0.0.1'].includes(url.hostname);
  if (reachable || (url.hostname === 'www.aliexpress.com' && url.pathname === '/')) {
    return fetch(`${base}${url.pathname}`, init);
  }
  return Promise.reject(new TypeError('fetch failed', { cause: new Error('getaddrinfo ENOTFOUND') }));
};

const entries = (inputs: string[]): RawEntry[] => inputs.map((input, i) => ({ input, position: i + 1 }));

describe('short links', () => {
  it('when a short link redirects to a listing, through one hop or several, the listing is what gets filed', async () => {
    const raw = await resolveShortLinks(
      entries([
        'https://a.aliexpress.com/_direct',
        'https://s.click.aliexpress.com/e/_twohops',
        'https://a.aliexpress.com/_meta',
      ]),
      { fetch: localFetch, timeoutMs: 5000, maxHops: 5 },
    );
    const out = classifyEntries(raw, nothingFiled);
    expect(out.map((e) => [e.input, e.status, e.url])).toEqual([
      ['https://a.aliexpress.com/_direct', 'ok', 'https://www.aliexpress.com/item/1005005129583807.html'],
      ['https://s.click.aliexpress.com/e/_twohops', 'ok', 'https://www.aliexpress.com/item/32933148414.html'],
      ['https://a.aliexpress.com/_meta', 'ok', 'https://www.aliexpress.com/item/4000887812210.html'],
    ]);
  });

  it('when a short link leads elsewhere, loops, hangs or cannot be reached, it is never guessed', async () => {
    const raw = await resolveShortLinks(
      entries([
        'https://a.aliexpress.com/_home',
        'https://a.aliexpress.com/_loop',
        'https://a.aliexpress.com/_slow',
        'https://a.aliexpress.com/_missing',
        'https://www.alibaba.com/x/B0vqEZ',
        'https://www.aliexpress.com/item/32933148414.html',
      ]),
      { fetch: localFetch, timeoutMs: 400, maxHops: 3 },
    );
    const out = classifyEntries(raw, nothingFiled);
    expect(out.map((e) => e.status)).toEqual([
      'invalid',
      'unresolved',
      'unresolved',
      'unresolved',
      'unresolved',
      'ok',
    ]);
    expect(out[0]?.reason).toContain('not a product listing');
    expect(out[1]?.reason).toContain('more than 3 times');
    expect(out[2]?.reason).toContain('did not answer within 0.4 s');
    expect(out[3]?.reason).toContain('HTTP 404');
    expect(out[4]?.reason).toContain('could not be opened');
  });
});
