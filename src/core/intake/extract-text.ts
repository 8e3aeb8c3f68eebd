/**
 * Pasted text to entries: every link-like token on every line, in order. Slack's `<url|label>` markup
 * (and its `&amp;`), `=HYPERLINK(...)` formulas and Markdown links count as one token each. A line
 * that holds no link but might be a broken one or a bare item id becomes an entry of its own, so it is
 * reported rather than dropped; talk ("thanks!") is not. A text with no link anywhere gives no entries
 * (the caller says "no links found").
 */
import { GLUED_LINK, NOT_WEB_SCHEME } from './link-text.ts';
import type { RawEntry } from './types.ts';

const STOP_BUT_BACKSLASH = String.raw`\s<>"'“”‘’«»|\``;
const STOP = String.raw`${STOP_BUT_BACKSLASH}\\`;
/**
 * Every repeated part that must be followed by something specific is bounded (a scheme, a user name of
 * at most 64 characters,
 * a DNS label and their number, a Markdown label), so a long run of letters with no link in it is scanned in linear
 * time: unbounded, each starting position scanned to the end of the run (40,000 letters took 20 s).
 */
const LINK = new RegExp(
  [
    // Slack link markup; not user, channel or special mentions (<@U1>, <#C1|x>, <!here>).
    String.raw`<(?![@#!])[^<>\s|]+(?:\|[^<>]*)?>`,
    String.raw`=?HYPERLINK\(\s*"(?:[^"]|"")*"[^)]*\)`,
    String.raw`\[[^\]\n]{0,200}\]\([^()\s]+\)`,
    // A "\" in the host part ("https://www.aliexpress.com\@evil.com/…") is where programs disagree on
    // the site: the link runs on past it (and is refused whole), not cut into two that look harmless.
    String.raw`[a-z][a-z0-9+.-]{0,31}:\/\/(?:[^${STOP}/?#]{0,256}\\[^${STOP_BUT_BACKSLASH}]*|[^${STOP}]+)`,
    // A link that is not a web link runs to the next space: "data:text/html,<script>" is one refusal.
    String.raw`\b(?:javascript|data|mailto|vbscript):\S+`,
    // A link percent-encoded whole (https%3A%2F%2F…), as it comes out of another link's query.
    `https?%3A%2F%2F[^${STOP}]+`,
    // A bare address: www.…, a host followed by a path, or a host on a platform domain.
    String.raw`(?:[^${STOP}@/]{1,64}@)?(?:[a-z0-9-]{1,63}\.){1,10}[a-z]{2,63}(?::\d+)?(?:[/?#][^${STOP}]*|\\[^${STOP_BUT_BACKSLASH}]*)?`,
  ].join('|'),
  'gi',
);
const PLATFORM_NAME = /aliexpress|alibaba|1688/i;
const MAY_BE_LINK = /[.:<[%]/;
/** What a broken link or a bare item id holds: a line with none of it is talk. */
const MIGHT_BE_LISTING =
  /:\/\/|www\.|ali\s*express|alibaba|1688|taobao|tmall|速卖通|阿里巴巴|淘宝|天猫|\.html?\b|\b(?:item|offer|product|store|detail|i)\/|\d{6,}/i;
/** Six digits or more in a line, however written ("1005 0061 2345", full-width "１００５…"): maybe an id. */
const DIGIT = /[0-9\uff10-\uff19]/g;
const mightBeListing = (line: string) => MIGHT_BE_LISTING.test(line) || (line.match(DIGIT)?.length ?? 0) >= 6;

/** Whether a bare `host.tld` match is meant as a link (and not "file.csv" or "Mr.Chen"). */
function meantAsLink(token: string): boolean {
  if (/^(<|=|\[|[a-z][a-z0-9+.-]*:|https?%3A%2F%2F)/i.test(token)) return true;
  if (/^www\./i.test(token) || /[/?#]/.test(token)) return true;
  return PLATFORM_NAME.test(token);
}

/** Trailing sentence punctuation and a closing bracket with no opening one belong to the prose. */
function trimProse(token: string): string {
  let out = token.replace(/[.,;:!?]+$/, '');
  for (const [open, close] of [
    ['(', ')'],
    ['[', ']'],
  ] as const) {
    while (out.endsWith(close) && out.split(open).length < out.split(close).length) out = out.slice(0, -1);
  }
  return out.replace(/[.,;:!?]+$/, '');
}

const GLUED_LINKS = new RegExp(GLUED_LINK.source, 'gi');

/** The link-like tokens of a text, in order. Links run together by "," or ";" are taken apart. */
export function findLinks(text: string): string[] {
  // Every link form holds one of these: a long title or note without them is not scanned at all.
  if (!MAY_BE_LINK.test(text)) return [];
  const found: string[] = [];
  for (const m of text.matchAll(LINK)) {
    // Markup and formulas are one token whatever they hold; a plain run may be several links glued.
    // A data: or javascript: link is one refusal whatever it holds, never the listing inside it.
    const whole = /^[<=[]/.test(m[0]) || NOT_WEB_SCHEME.test(m[0]) || !GLUED_LINK.test(m[0]);
    const parts = whole ? [m[0]] : m[0].split(GLUED_LINKS);
    for (const part of parts) {
      const token = trimProse(part);
      if (token && meantAsLink(token)) found.push(token);
    }
  }
  return found;
}

export function extractFromText(text: string): RawEntry[] {
  const entries: RawEntry[] = [];
  const linkless: RawEntry[] = [];
  const lines = text.split(/\r\n|\r|\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] ?? '').trim();
    if (line === '') continue;
    const position = i + 1;
    const location = `line ${position}`;
    const links = findLinks(line);
    if (links.length === 0) {
      // Chat around the links ("thanks!", "cc <@U123>") is not an entry; a line that might be a broken
      // link or a bare item id is, so it is reported rather than dropped.
      if (!mightBeListing(line)) continue;
      const entry = { input: line, position, location };
      linkless.push(entry);
      entries.push(entry);
      continue;
    }
    for (const input of links) entries.push({ input, position, location });
  }
  // No link anywhere: nothing was meant to be filed ("no links found"), whatever the lines hold.
  return entries.length === linkless.length ? [] : entries;
}
