/**
 * Strips the wrapping that chat, spreadsheets and prose put around a link, without touching the link:
 * Slack's `<url|label>` markup and HTML entities, `=HYPERLINK("url","label")` formulas, Markdown
 * `[label](url)`, quotes, brackets, trailing punctuation, invisible characters, a fully
 * percent-encoded URL. What comes out is still just text; listing-url.ts decides what it is.
 */

const INVISIBLE = /[\u200b-\u200f\u2028\u2029\u2060\ufeff]/g;
const ENTITY = /&(amp|lt|gt|quot|apos|#39|#x27);/gi;
const ENTITY_TEXT: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  '#39': "'",
  '#x27': "'",
};

const HYPERLINK_FORMULA = /HYPERLINK\(\s*"((?:[^"]|"")*)"/i;
const SLACK_LINK = /<([^<>|\s]+)(?:\|[^<>]*)?>/;
const MARKDOWN_LINK = /\[[^\]]*\]\(([^()\s]+)\)/;
const OPENERS = '"\'“”‘’«»‹›([{<`';
const CLOSERS = '"\'“”‘’«»‹›)]}>`.,;:!?';
const ENCODED_SCHEME = /^https?%3A%2F%2F/i;
/**
 * A "," or ";" right before another link starts: two links run together ("…1.html,https://…2.html").
 * Commas and semicolons are legal in a URL, but a new scheme or "www." right after one is never part of a
 * listing link.
 */
export const GLUED_LINK = /[,;](?=https?:\/\/|www\.)/i;

function decodeEntities(text: string): string {
  let out = text;
  // `&amp;amp;` comes from text that was escaped twice; undo every layer.
  for (let i = 0; i < 3 && out.includes('&'); i++) {
    const next = out.replace(ENTITY, (whole, name: string) => ENTITY_TEXT[name.toLowerCase()] ?? whole);
    if (next === out) break;
    out = next;
  }
  return out;
}

function stripWrappers(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && OPENERS.includes(text.charAt(start))) start++;
  while (end > start && CLOSERS.includes(text.charAt(end - 1))) end--;
  return text.slice(start, end).trim();
}

/** An http(s) link with nothing around it: the common case, which needs no unwrapping. */
const BARE_LINK = /^https?:\/\/[^\s<>"'“”‘’«»‹›()[\]{}`|\u00a0\u200b-\u200f\u2028\u2029\u2060\ufeff]+$/i;
const HAS_ENTITY = /&(?:amp|lt|gt|quot|apos|#39|#x27);/i;

/**
 * A link that is not a web link ("data:text/html,<script>", "javascript:…"): refused whole, and what
 * it holds is never unwrapped, split or read as a link of its own.
 */
export const NOT_WEB_SCHEME =
  /^(javascript|data|file|mailto|about|blob|vbscript|tel|ftp|view-source|chrome):/i;

const SLACK_LABEL = /<[^<>|\s]+\|([^<>]*)>/;
const MARKDOWN_LABEL = /\[([^\]]*)\]\([^()\s]+\)/;
const FORMULA_LABEL = /HYPERLINK\(\s*"(?:[^"]|"")*"\s*[,;]\s*"((?:[^"]|"")*)"/i;

/** What a token shows instead of its link: the label of Slack's `<url|label>`, `[label](url)` or HYPERLINK("url","label"). */
export function shownLabel(raw: string): string | null {
  if (!raw.includes('|') && !raw.includes('](') && !/hyperlink/i.test(raw)) return null;
  const text = decodeEntities(raw);
  const m = text.match(FORMULA_LABEL) ?? text.match(SLACK_LABEL) ?? text.match(MARKDOWN_LABEL);
  const label = m?.[1]?.replace(/""/g, '"').trim();
  return label ? label : null;
}

/** The link inside one pasted or exported token, with its wrapping removed. */
export function unwrapLinkText(raw: string): string {
  if (BARE_LINK.test(raw) && !(raw.includes('&') && HAS_ENTITY.test(raw))) return stripWrappers(raw);
  const bare = raw
    .replace(INVISIBLE, '')
    .replace(/\u00a0/g, ' ')
    .trim();
  if (NOT_WEB_SCHEME.test(bare)) return bare;
  let text = decodeEntities(bare);
  const formula = text.match(HYPERLINK_FORMULA);
  const slack = formula ? null : text.match(SLACK_LINK);
  const markdown = formula || slack ? null : text.match(MARKDOWN_LINK);
  if (formula?.[1] !== undefined) text = formula[1].replace(/""/g, '"');
  else if (slack?.[1] !== undefined) text = slack[1];
  else if (markdown?.[1] !== undefined) text = markdown[1];
  text = stripWrappers(text.trim());
  if (ENCODED_SCHEME.test(text)) {
    try {
      text = decodeURIComponent(text);
    } catch {
      // Not valid percent-encoding: left as it is, for the URL parser to refuse.
    }
  }
  return text;
}
