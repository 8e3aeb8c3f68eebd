/**
 * Reads one listing link and returns its canonical form, or why it cannot be filed.
 * Canonical URLs (DESIGN.md): https://www.aliexpress.com/item/<id>.html,
 * https://detail.1688.com/offer/<id>.html, Alibaba.com keeps its product-detail path on https://www.alibaba.com.
 */
import type { Platform } from './types.ts';

export type ParsedListingUrl =
  | { ok: true; platform: Platform; itemId: string; url: string }
  | { ok: false; status: 'invalid' | 'unresolved'; reason: string };

export function canonicalUrl(platform: Platform, itemId: string, alibabaSlug?: string): string {
  switch (platform) {
    case 'aliexpress':
      return `https://www.aliexpress.com/item/${itemId}.html`;
    case '1688':
      return `https://detail.1688.com/offer/${itemId}.html`;
    case 'alibaba':
      return `https://www.alibaba.com/product-detail/${alibabaSlug ? `${alibabaSlug}_` : ''}${itemId}.html`;
  }
}

export function parseListingUrl(raw: string): ParsedListingUrl {
  let text = raw.trim();
  if (!/^[a-z][a-z0-9+.-]*:/i.test(text)) text = `https://${text}`;
  let u: URL;
  try {
    u = new URL(text);
  } catch {
    return { ok: false, status: 'invalid', reason: 'not a link' };
  }
  const host = u.hostname.toLowerCase();
  const path = u.pathname;
  if (host === 'aliexpress.com' || host.endsWith('.aliexpress.com')) {
    const m = path.match(/^\/item\/(?:[^/]+\/)?(\d{6,20})\.html$/) ?? path.match(/_(\d{6,20})\.html$/);
    if (!m?.[1]) return { ok: false, status: 'invalid', reason: 'not a product listing: the portal only takes product listings' };
    return { ok: true, platform: 'aliexpress', itemId: m[1], url: canonicalUrl('aliexpress', m[1]) };
  }
  if (host === '1688.com' || host.endsWith('.1688.com')) {
    const m = path.match(/^\/offer\/(\d{6,20})\.html$/);
    if (!m?.[1]) return { ok: false, status: 'invalid', reason: 'not a product listing: the portal only takes product listings' };
    return { ok: true, platform: '1688', itemId: m[1], url: canonicalUrl('1688', m[1]) };
  }
  if (host === 'alibaba.com' || host.endsWith('.alibaba.com')) {
    const m = path.match(/^\/product-detail\/(?:(.+)_)?(\d{6,20})\.html$/);
    if (!m?.[2]) return { ok: false, status: 'invalid', reason: 'not a product listing: the portal only takes product listings' };
    return { ok: true, platform: 'alibaba', itemId: m[2], url: canonicalUrl('alibaba', m[2], m[1]) };
  }
  return { ok: false, status: 'invalid', reason: 'unsupported site: only AliExpress, Alibaba.com and 1688 listings can be filed' };
}
