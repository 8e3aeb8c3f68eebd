/**
 * Follows short links (a.aliexpress.com/_…, s.click.aliexpress.com/e/_…, alibaba.com/x/…, qr.1688.com/s/…)
 * to the listing they point to: redirects one hop at a time, with a time limit and a hop limit. The
 * first product link on the way is the answer; nothing is guessed. When the network does not allow it,
 * the entry keeps a reason and intake reports it `unresolved`.
 */
import { classifyUrl, isShortLink, readLink } from '../listing-url.ts';
import type { RawEntry } from './types.ts';

export interface ShortLinkOptions {
  /** Defaults to the global fetch; tests pass one that reaches a local server. */
  fetch?: typeof fetch;
  /** For the whole chain of one link. */
  timeoutMs: number;
  maxHops: number;
  /** Links followed at the same time. */
  concurrency?: number;
}

type Outcome = { url: string } | { reason: string };

const META_REFRESH = /<meta[^>]+http-equiv=["']?refresh["']?[^>]*content=["']?\s*\d+\s*;\s*url=([^"'>\s]+)/i;
const MAX_BODY = 64 * 1024;

async function readSmallBody(res: Response): Promise<string> {
  if (!res.body) return '';
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  while (text.length < MAX_BODY) {
    const { done, value } = await reader.read();
    if (done) break;
    text += decoder.decode(value, { stream: true });
  }
  await reader.cancel().catch(() => undefined);
  return text;
}

async function follow(start: URL, opts: ShortLinkOptions): Promise<Outcome> {
  const doFetch = opts.fetch ?? fetch;
  const signal = AbortSignal.timeout(opts.timeoutMs);
  let current = start;
  try {
    for (let hop = 0; hop < opts.maxHops; hop++) {
      const res = await doFetch(current.href, {
        redirect: 'manual',
        signal,
        headers: { accept: 'text/html' },
      });
      const location = res.headers.get('location');
      let next: URL | null = null;
      if (res.status >= 300 && res.status < 400 && location) {
        await res.body?.cancel().catch(() => undefined);
        next = new URL(location, current);
      } else if (res.ok && (res.headers.get('content-type') ?? '').includes('html')) {
        const refresh = (await readSmallBody(res)).match(META_REFRESH)?.[1];
        if (refresh) next = new URL(refresh.replace(/&amp;/g, '&'), current);
      } else {
        await res.body?.cancel().catch(() => undefined);
      }
      if (!next) {
        if (res.status >= 400)
          return {
            reason: `the short link answered HTTP ${res.status}; open it in a browser and paste the listing link it shows`,
          };
        if (current === start) return { reason: 'the short link did not lead anywhere; it may have expired' };
        return { url: current.href };
      }
      if (next.protocol !== 'https:' && next.protocol !== 'http:')
        return { reason: `the short link leads to a "${next.protocol}" address, not a web page` };
      if (classifyUrl(next).ok) return { url: next.href };
      current = next;
    }
    return {
      reason: `the short link redirects more than ${opts.maxHops} times; open it in a browser and paste the listing link it shows`,
    };
  } catch (err) {
    if (signal.aborted)
      return {
        reason: `the short link did not answer within ${Math.round(opts.timeoutMs / 100) / 10} s; try again, or paste the full listing link`,
      };
    const detail =
      err instanceof Error ? (err.cause instanceof Error ? err.cause.message : err.message) : String(err);
    return {
      reason: `the short link could not be opened (no network? ${detail}); paste the full listing link instead`,
    };
  }
}

/** Entries whose input is a short link get `resolvedUrl` or `unresolvedReason`; others come back as they were. */
export async function resolveShortLinks<T extends RawEntry>(
  entries: T[],
  opts: ShortLinkOptions,
): Promise<T[]> {
  const pending = new Map<string, URL>();
  for (const e of entries) {
    const link = readLink(e.input);
    if (link.ok && isShortLink(link.url)) pending.set(e.input, new URL(link.url.href));
  }
  if (pending.size === 0) return entries;
  const outcomes = new Map<string, Outcome>();
  const queue = [...pending];
  const workers = Array.from({ length: Math.min(opts.concurrency ?? 4, queue.length) }, async () => {
    for (let job = queue.shift(); job; job = queue.shift()) outcomes.set(job[0], await follow(job[1], opts));
  });
  await Promise.all(workers);
  return entries.map((e) => {
    const outcome = outcomes.get(e.input);
    if (!outcome) return e;
    return 'url' in outcome ? { ...e, resolvedUrl: outcome.url } : { ...e, unresolvedReason: outcome.reason };
  });
}
