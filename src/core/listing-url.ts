/**
 * Reads one listing link and returns its canonical form, or why it cannot be filed.
 * Canonical URLs (DESIGN.md): https://www.aliexpress.com/item/<id>.html,
 * https://detail.1688.com/offer/<id>.html, Alibaba.com keeps its product-detail path on https://www.alibaba.com.
 *
 * No guessing: a link is accepted only when its host is a platform domain (or a true subdomain of one)
 * and its path is one of the known product forms with a well-formed item id. Everything else is refused
 * with a reason a person can act on. Short links are `unresolved` here; intake/short-links.ts follows them.
 */
import { domainToUnicode } from 'node:url';
import { GLUED_LINK, NOT_WEB_SCHEME, shownLabel, unwrapLinkText } from './intake/link-text.ts';
import type { Platform } from './types.ts';

export type ParsedListingUrl =
  | { ok: true; platform: Platform; itemId: string; url: string }
  | { ok: false; status: 'invalid' | 'unresolved'; reason: string };

type Refusal = Extract<ParsedListingUrl, { ok: false }>;

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

export const NOT_A_PRODUCT = 'not a product listing: the portal only takes product listings';
/** How the reason begins for a listing's link whose item id is missing or mangled. */
export const MALFORMED_ID = 'malformed item id';
const ONLY_PLATFORMS = 'only AliExpress, Alibaba.com and 1688 listings can be filed';

/** AliExpress serves the same items under these registrable domains. */
const ALIEXPRESS_DOMAINS = [
  'aliexpress.com',
  'aliexpress.us',
  'aliexpress.ru',
  'aliexpress.es',
  'aliexpress.fr',
  'aliexpress.it',
  'aliexpress.de',
  'aliexpress.nl',
  'aliexpress.pl',
  'aliexpress.pt',
  'aliexpress.co.kr',
  'aliexpress.com.br',
  'aliexpress.com.mx',
  'aliexpress.co.jp',
];
const ALIEXPRESS_SHORT_HOSTS = ['a.aliexpress.com', 's.click.aliexpress.com', 'click.aliexpress.com'];

const ALIEXPRESS_ID = /^(?:[1-9]\d{8,10}|4000\d{9}|(?:1005|3256)\d{12})$/;
const ALIBABA_ID = /^[1-9]\d{7,13}$/;
const ID_1688 = /^[1-9]\d{8,12}$/;

const ID_RULES: Record<Platform, { pattern: RegExp; describe: string }> = {
  aliexpress: {
    pattern: ALIEXPRESS_ID,
    describe:
      'AliExpress item ids are 9 to 11 digits, 13 digits starting 4000, or 16 digits starting 1005 or 3256',
  },
  alibaba: { pattern: ALIBABA_ID, describe: 'Alibaba.com product ids are 8 to 14 digits' },
  '1688': { pattern: ID_1688, describe: '1688 offer ids are 9 to 13 digits' },
};

const LABEL: Record<Platform, string> = { aliexpress: 'AliExpress', alibaba: 'Alibaba.com', '1688': '1688' };

function invalid(reason: string): Refusal {
  return { ok: false, status: 'invalid', reason };
}

function onDomain(host: string, domain: string): boolean {
  return (
    host.endsWith(domain) &&
    (host.length === domain.length || host.charCodeAt(host.length - domain.length - 1) === 46)
  );
}

/** The platform whose domain a host is on, or null. */
function platformOf(host: string): Platform | null {
  if (ALIEXPRESS_DOMAINS.some((d) => onDomain(host, d))) return 'aliexpress';
  if (onDomain(host, 'china.alibaba.com') || onDomain(host, '1688.com')) return '1688';
  if (onDomain(host, 'alibaba.com')) return 'alibaba';
  return null;
}

const PERCENT_ESCAPE = /%([0-9a-f]{2})/gi;
const UNRESERVED = /[A-Za-z0-9\-._~]/;
const SLASH_RUN = /\/{2,}/g;

function decodeUnreserved(whole: string, hex: string): string {
  const ch = String.fromCharCode(Number.parseInt(hex, 16));
  return UNRESERVED.test(ch) ? ch : whole.toUpperCase();
}

/**
 * Decodes percent-encoded unreserved characters (RFC 3986 §6.2.2.2) so `%31%30` reads as `10`, folds
 * runs of slashes and drops a trailing slash. Most paths need none of it, so each step looks first.
 */
function normalizePath(pathname: string): string {
  let path = pathname.includes('%') ? pathname.replace(PERCENT_ESCAPE, decodeUnreserved) : pathname;
  if (path.includes('//')) path = path.replace(SLASH_RUN, '/');
  // A path holds no line breaks (the URL parser drops them, PLAIN_LINK refuses them): "/" stays "/".
  if (path.length > 1 && path.endsWith('/')) path = path.slice(0, -1);
  return path;
}

function listing(platform: Platform, itemId: string, slug?: string): ParsedListingUrl {
  const rule = ID_RULES[platform];
  if (!rule.pattern.test(itemId)) {
    return invalid(
      `${MALFORMED_ID}: "${shorten(decoded(itemId))}" is not ${platform === '1688' ? 'a' : 'an'} ${LABEL[platform]} item id (${rule.describe}); check the link was copied whole`,
    );
  }
  return { ok: true, platform, itemId, url: canonicalUrl(platform, itemId, slug) };
}

function notAProduct(kind: string | null): Refusal {
  return invalid(kind ? `${NOT_A_PRODUCT} (this is ${kind})` : NOT_A_PRODUCT);
}

/** The paths that name an item, each capturing its id: /item/<id>.html, /item/<title>/<id>.html, a store's product. */
const AE_ITEM = /^\/(?:item|i)\/([^/]*)\.html?$/i;
const AE_TITLED_ITEM = /^\/item\/([^/]+)\/([^/]*)\.html?$/i;
/**
 * In a title or slug, another item where only an item stands: the whole of it an id, another item's
 * page, an id after "_" at its end (where Alibaba.com puts ids), or at its end an AliExpress id of the
 * 1005/3256/4000 generations or an Alibaba.com 16… id (no barcode starts 16). A long number inside a title
 * (a barcode, a part number) is not one.
 */
const ANOTHER_ITEM =
  /^(\d{9,})$|([^/]*\.html?(?:[;,].*)?)$|_(\d{9,})$|(?:^|[-_])((?:1005|3256)\d{12}|4000\d{9}|16\d{11})$/i;

/**
 * Two items in one link (two links run together, or a title holding another item's id) are never
 * read as either: which one is meant is not certain.
 */
function namesTwoItems(titleOrSlug: string | undefined, itemId: string): Refusal | null {
  const other = titleOrSlug === undefined ? null : ANOTHER_ITEM.exec(titleOrSlug);
  if (!other) return null;
  const first = (other[1] ?? other[2] ?? other[3] ?? other[4] ?? '').replace(/\.html?(?:[;,].*)?$/i, '');
  // A title that repeats the listing's own id names one item.
  if (first === itemId) return null;
  return invalid(
    `damaged link: it names two items ("${shorten(first)}" and "${shorten(itemId)}"); copy each link again from the browser's address bar`,
  );
}
const AE_STORE_PRODUCT = /^\/store\/product\/.+\/\d+_([^/_]*)\.html?$/i;

function aliexpressPage(host: string, path: string): ParsedListingUrl {
  const titled = AE_TITLED_ITEM.exec(path);
  const twoItems = titled ? namesTwoItems(titled[1], titled[2] ?? '') : null;
  if (twoItems) return twoItems;
  const item = AE_ITEM.exec(path) ?? (titled ? [titled[0], titled[2]] : null) ?? AE_STORE_PRODUCT.exec(path);
  if (item?.[1] !== undefined) return listing('aliexpress', item[1]);
  if (/^\/store\/product\//i.test(path))
    return invalid(`${MALFORMED_ID}: this store product link has no item id`);
  if (path === '/' || /^\/index\.html?$/i.test(path)) return notAProduct('the AliExpress home page');
  if (/^\/store\//i.test(path) || /^\/store$/i.test(path)) return notAProduct('a store page');
  if (/^\/category\//i.test(path)) return notAProduct('a category page');
  if (/(^\/(wholesale|w|af|popular|premium|gcp|ssr)\b)|search/i.test(path))
    return notAProduct('a search page');
  if (host.startsWith('sale.') || host.startsWith('campaign.')) return notAProduct('a promotion page');
  return notAProduct(null);
}

/**
 * /product-detail/<slug>_<id>.html, capturing the slug and the id; the language sites (and m., www.) also
 * write /p-detail/<Title-words>-<id>.html, the id after the last hyphen, as their /product-detail/ links do.
 * One segment only: more path there (/p-detail/trade/search-<id>.html) is no listing's.
 */
const ALIBABA_DETAIL = /^\/p(?:roduct)?-detail\/(?:([^/]*)[_-])?([^/_-]*)\.html?$/i;

function alibabaPage(host: string, path: string): ParsedListingUrl {
  const detail = ALIBABA_DETAIL.exec(path);
  if (detail?.[2] !== undefined) {
    const slug = detail[1]?.replace(/^[-_]+/, '') || undefined;
    return namesTwoItems(slug, detail[2]) ?? listing('alibaba', detail[2], slug);
  }
  const product = path.match(/^\/product\/(\d+)(?:-\d+)?(?:\/([^/]+))?\.html?$/i);
  if (product?.[1] !== undefined) {
    const slug = product[2]?.replace(/_/g, '-').replace(/^-+|-+$/g, '') || undefined;
    return namesTwoItems(product[2], product[1]) ?? listing('alibaba', product[1], slug);
  }
  if (/^\/p(?:roduct)?-detail\/[^/]*\//i.test(path))
    return invalid(
      `damaged link: a product link has one part after "/product-detail/", this one has more; copy the link again from the browser's address bar`,
    );
  if (/^\/p(?:roduct)?-detail(?:\/|$)/i.test(path))
    return invalid(`${MALFORMED_ID}: this product link has no product id`);
  if (path === '/')
    return notAProduct(
      host.endsWith('.en.alibaba.com') ? 'a supplier store page' : 'the Alibaba.com home page',
    );
  if (/^\/(trade|products|showroom|countrysearch|search|suppliers?)\b/i.test(path))
    return notAProduct('a search page');
  if (/^\/(catalog|category)\b/i.test(path)) return notAProduct('a category page');
  if (
    host.endsWith('.en.alibaba.com') ||
    /company_profile|productlist|productgrouplist|minisite/i.test(path)
  ) {
    return notAProduct('a supplier store page');
  }
  return notAProduct(null);
}

const OFFER_1688 = /^\/offer\/([^/]*)\.html?$/i;

function page1688(host: string, path: string, search: string): ParsedListingUrl {
  const offer = OFFER_1688.exec(path);
  if (offer?.[1] !== undefined) return listing('1688', offer[1]);
  const offerId = search ? new URLSearchParams(search).get('offerId') : null;
  if (offerId !== null && /^\/page\/(index|offerdetail)\.html?$/i.test(path))
    return listing('1688', offerId.trim());
  if (host.startsWith('s.') || /search/i.test(path)) return notAProduct('a search page');
  if (/^(www\.)?1688\.com$/.test(host) && path === '/') return notAProduct('the 1688 home page');
  if (!/^(detail|m|detail\.m|detail\.china|www)\./.test(host)) return notAProduct('a supplier store page');
  return notAProduct(null);
}

/** The parts of a link this module reads; a URL is one. */
export interface LinkLike {
  href: string;
  hostname: string;
  pathname: string;
  search: string;
}

const ALIBABA_SHORT_HOST = /^(www\.|m\.)?alibaba\.com$/;

/** Short-link hosts and paths: the id is not in the link, only behind a redirect. */
export function isShortLink(url: Pick<LinkLike, 'hostname' | 'pathname'>): boolean {
  const host = url.hostname;
  const path = url.pathname;
  if (host === 'a.aliexpress.com') return /^\/_?[A-Za-z0-9_-]{3,}$/.test(path);
  if (ALIEXPRESS_SHORT_HOSTS.includes(host)) return /^\/e\/_?[A-Za-z0-9_-]{3,}$/.test(path);
  if (ALIBABA_SHORT_HOST.test(host)) return /^\/x\/[A-Za-z0-9_-]{3,}$/.test(path);
  if (host === 'qr.1688.com') return /^\/s\/[A-Za-z0-9_-]{3,}$/.test(path);
  return false;
}

function lookAlike(host: string): boolean {
  return (
    host.startsWith('xn--') || host.includes('.xn--') || /aliexpress|alibaba|1688|aliexpres|alibab/.test(host)
  );
}

/** Cyrillic and Greek letters that pass for Latin ones in a host name, and the Latin letter each imitates. */
const PASSES_FOR_LATIN: Record<string, string> = {
  а: 'a',
  с: 'c',
  ԁ: 'd',
  е: 'e',
  һ: 'h',
  і: 'i',
  ј: 'j',
  к: 'k',
  ӏ: 'l',
  м: 'm',
  о: 'o',
  р: 'p',
  ԛ: 'q',
  ѕ: 's',
  т: 't',
  у: 'y',
  х: 'x',
  ԝ: 'w',
  α: 'a',
  ε: 'e',
  ι: 'i',
  κ: 'k',
  ν: 'v',
  ο: 'o',
  ρ: 'p',
  τ: 't',
  υ: 'u',
  χ: 'x',
  γ: 'y',
};
const SCRIPTS = [
  { name: 'Cyrillic', letter: /\p{Script=Cyrillic}/u },
  { name: 'Greek', letter: /\p{Script=Greek}/u },
];

/** `a Cyrillic letter ("а")`, `Greek letters ("ο", "ι")`, for each script the host borrows from. */
function borrowedLetters(host: string): string | null {
  const parts: string[] = [];
  for (const script of SCRIPTS) {
    const letters = [...new Set([...host].filter((ch) => script.letter.test(ch)))];
    if (letters.length === 0) continue;
    const quoted = letters.map((ch) => `"${ch}"`).join(', ');
    parts.push(
      letters.length === 1 ? `a ${script.name} letter (${quoted})` : `${script.name} letters (${quoted})`,
    );
  }
  return parts.length > 0 ? parts.join(' and ') : null;
}

/**
 * Why a look-alike host is refused, in the letters a person sees: an internationalized host is shown
 * decoded (not as "xn--…"), and when its borrowed letters make it pass for a platform, they are named.
 */
function lookAlikeReason(host: string): string {
  const shown = (host.includes('xn--') && domainToUnicode(host)) || host;
  const borrowed = borrowedLetters(shown);
  const imitated = borrowed ? platformOf([...shown].map((ch) => PASSES_FOR_LATIN[ch] ?? ch).join('')) : null;
  if (borrowed && imitated) {
    return `look-alike address: the host "${shown}" contains ${borrowed}, so it is not ${LABEL[imitated]}; ${ONLY_PLATFORMS}`;
  }
  return `look-alike address: ${shown} is not an AliExpress, Alibaba.com or 1688 site; ${ONLY_PLATFORMS}`;
}

export type ReadLink = { ok: true; url: LinkLike } | Refusal;

/** The common shape (http(s), plain host, plain path) read without the cost of a URL object. */
const PLAIN_LINK =
  /^(https?):\/\/([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)\.?(\/[A-Za-z0-9\-._~!$&'()*+,;=:@%/]*)?(\?[^#\s]*)?(?:#\S*)?$/;
const DOT_SEGMENT = /(^|\/)\.\.?(\/|$)/;
/** The host part of a link as written (user name and port included), with or without a scheme. */
const AUTHORITY = /^(?:[a-z][a-z0-9+.-]{0,31}:)?(?:\/\/)?([^/?#]*)/i;
const NUMERIC_HOST = /^[\d.]+$/;
const WHITESPACE = /\s/;

/** A link of the common shape. Its href is put together only when asked for (to follow a short link). */
class PlainLink implements LinkLike {
  readonly scheme: string;
  readonly hostname: string;
  readonly pathname: string;
  readonly search: string;

  constructor(scheme: string, hostname: string, pathname: string, search: string) {
    this.scheme = scheme;
    this.hostname = hostname;
    this.pathname = pathname;
    this.search = search;
  }

  get href(): string {
    return `${this.scheme.toLowerCase()}://${this.hostname}${this.pathname}${this.search}`;
  }
}

function plainLink(text: string): LinkLike | null {
  const m = PLAIN_LINK.exec(text);
  if (!m) return null;
  const path = m[3] ?? '/';
  // The path starts with "/", so a dot segment always follows one.
  if (path.includes('/.') && DOT_SEGMENT.test(path)) return null;
  const hostname = (m[2] as string).toLowerCase();
  if (NUMERIC_HOST.test(hostname)) return null;
  const search = m[4] && m[4].length > 1 ? m[4] : '';
  return new PlainLink(m[1] as string, hostname, path, search);
}

/**
 * The link a text holds, as a URL on http(s) with no tricks: wrapping removed, scheme added when
 * missing, user-info and unusual ports refused. It says nothing yet about which site it is.
 */
export function readLink(raw: string): ReadLink {
  const text = unwrapLinkText(raw);
  const glued = GLUED_LINK.exec(text);
  if (glued && !NOT_WEB_SCHEME.test(text)) {
    return invalid(
      `several links run together: "${shorten(text)}" holds more than one link, joined by "${glued[0]}"; put each link on its own line or in its own cell`,
    );
  }
  // The common shape first: what PLAIN_LINK matches is never empty and holds no whitespace.
  const plain = plainLink(text);
  if (plain) return { ok: true, url: plain };
  if (text === '') return invalid('empty: there is no link here');
  // "site-a\@site-b": browsers take the "\" for "/" and go to site-a, other programs take site-a\ for a
  // user name and go to site-b. Which site it is cannot be known.
  const authority = AUTHORITY.exec(text)?.[1] ?? '';
  if (authority.includes('\\') && authority.includes('@')) {
    return invalid(
      `look-alike address: the "\\" and "@" in "${shorten(authority)}" hide the real site (programs read it as different sites); this link does not lead to a listing`,
    );
  }
  if (WHITESPACE.test(text))
    return invalid(`not a link: "${shorten(text)}" is not a web address; paste the listing's full URL`);
  let withScheme = text;
  if (text.startsWith('//')) withScheme = `https:${text}`;
  else if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) {
    const scheme = text.match(NOT_WEB_SCHEME);
    if (scheme?.[1])
      return invalid(
        `not a web link: only http(s) links can be filed, not "${scheme[1].toLowerCase()}:" links`,
      );
    withScheme = `https://${text}`;
  }
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return invalid(`not a link: "${shorten(text)}" is not a web address; paste the listing's full URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return invalid(`not a web link: only http(s) links can be filed, not "${url.protocol}" links`);
  }
  if (url.username || url.password) {
    return invalid(
      `look-alike address: the part before "@" hides the real site, which is ${url.hostname}; this link does not lead to a listing`,
    );
  }
  if (url.port) return invalid(`look-alike address: a real listing link has no port number (":${url.port}")`);
  if (url.hostname.endsWith('.')) url.hostname = url.hostname.replace(/\.+$/, '');
  if (!url.hostname.includes('.') || NUMERIC_HOST.test(url.hostname) || url.hostname.startsWith('[')) {
    return invalid(`not a link: "${shorten(text)}" has no site name; paste the listing's full URL`);
  }
  return { ok: true, url };
}

function platformPage(platform: Platform, host: string, path: string, search: string): ParsedListingUrl {
  switch (platform) {
    case 'aliexpress':
      return aliexpressPage(host, path);
    case '1688':
      return page1688(host, path, search);
    case 'alibaba':
      return alibabaPage(host, path);
  }
}

/** The first ".html" (or ".htm") followed by what no listing path has there: ";", "&", ",", an encoded "?" or "#". */
const DAMAGED_TAIL = /\.html?(?=[;&,]|%3F|%23)/i;
const ENCODED_SLASH = /%2F/gi;

/**
 * A listing path that was damaged on the way, read when what it names is certain: an encoded "/"
 * (`/item%2F<id>.html`), and after ".html" a path parameter (`;jsessionid=…`), a query whose "?" was
 * lost (`&spm=…`), an encoded "?" or "#" (`%3Fspm%3D…`, `%23nav`), or text that is not part of the
 * link (`,Dress` from a broken CSV line). Null when the path shows none of these; a refusal naming
 * the damage when it cannot be read for sure.
 */
function repairedPage(
  platform: Platform,
  host: string,
  path: string,
  search: string,
): ParsedListingUrl | null {
  let repaired = path.includes('%') ? path.replace(ENCODED_SLASH, '/').replace(SLASH_RUN, '/') : path;
  let query = search;
  const end = DAMAGED_TAIL.exec(repaired);
  if (end) {
    const at = end.index + end[0].length;
    const tail = repaired.slice(at);
    const mark = tail.charAt(0);
    // After ";" or "," a "/" means more path follows: which part names the listing is not certain.
    if ((mark === ';' || mark === ',') && tail.includes('/')) {
      return invalid(
        `damaged link: "${shorten(tail)}" after "${end[0]}" is not part of a listing link; copy the link again from the browser's address bar`,
      );
    }
    if (!query && mark === '&') query = `?${tail.slice(1)}`;
    else if (!query && (tail.charAt(2) === 'F' || tail.charAt(2) === 'f'))
      query = `?${decoded(tail.slice(3))}`;
    repaired = repaired.slice(0, at);
  }
  // A "/" decoded into a dot segment would change which path this is: not read.
  if (repaired === path || DOT_SEGMENT.test(repaired)) return null;
  return platformPage(platform, host, repaired, query);
}

/** Which listing a URL is, or why it cannot be filed. */
export function classifyUrl(url: LinkLike): ParsedListingUrl {
  const host = url.hostname.toLowerCase();
  const path = normalizePath(url.pathname);
  if (isShortLink(url)) {
    return {
      ok: false,
      status: 'unresolved',
      reason: `short link: it has to be followed to find the listing; paste the full listing link or check again with network access`,
    };
  }
  if (ALIEXPRESS_SHORT_HOSTS.includes(host))
    return invalid('incomplete short link: the code after the host is missing');
  const platform = platformOf(host);
  if (platform) {
    const page = platformPage(platform, host, path, url.search);
    return page.ok ? page : (repairedPage(platform, host, path, url.search) ?? page);
  }
  if (lookAlike(host)) return invalid(lookAlikeReason(host));
  return invalid(`unsupported site: ${host.replace(/^www\./, '')}; ${ONLY_PLATFORMS}`);
}

export function parseListingUrl(raw: string): ParsedListingUrl {
  const link = readLink(raw);
  return link.ok ? labelled(raw, classifyUrl(link.url)) : link;
}

/** Whether a link's shown text (a label, a cell's text) is a link to another listing than the one it leads to. */
export function showsOtherListing(shown: string, target: { platform: Platform; itemId: string }): boolean {
  const parsed = parseListingUrl(shown);
  return parsed.ok && (parsed.platform !== target.platform || parsed.itemId !== target.itemId);
}

/**
 * A link whose label is another listing's link (`<https://…/A.html|https://…/B.html>`) is not certain:
 * the person saw B, the link leads to A. Refused with both named; a label that is a title, a shortened
 * form or the same listing lets the link stand.
 */
export function labelled(raw: string, parsed: ParsedListingUrl): ParsedListingUrl {
  if (!parsed.ok) return parsed;
  const label = shownLabel(raw);
  if (label === null || !/^(?:https?:\/\/|www\.)/i.test(label)) return parsed;
  if (!showsOtherListing(label, parsed)) return parsed;
  return invalid(
    `the link shows ${shorten(label)} but leads to ${parsed.url}: not filed, since it is not certain which is meant; paste the listing's own link`,
  );
}

/**
 * Percent-encoding undone, or the text as it is when it is not valid encoding: an encoded query, an id
 * as it was typed ("%EF%BC%91", a full-width digit the URL parser encoded, shown as "１").
 */
function decoded(text: string): string {
  if (!text.includes('%')) return text;
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function shorten(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}
