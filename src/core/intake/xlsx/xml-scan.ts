/**
 * A streaming tokenizer for the SpreadsheetML parts of an .xlsx (sheets, shared strings, workbook,
 * relationships): tags with their attribute text, and text. Namespace prefixes are dropped (`x:row`
 * is `row`); comments, processing instructions and DOCTYPE are skipped; CDATA is text.
 *
 * Why not a general SAX parser: saxes and htmlparser2 both take about 1 s on the sheet of a
 * 100,000-row workbook, half the time budget of a whole check; this reads it in a tenth of that.
 */

export interface XmlHandler {
  open(name: string, attributes: string, selfClosing: boolean): void;
  close(name: string): void;
  /** Raw text between tags; `literal` for CDATA (no entities to decode). May arrive in pieces. */
  text(raw: string, literal: boolean): void;
}

function localName(qualified: string): string {
  const colon = qualified.indexOf(':');
  return colon < 0 ? qualified : qualified.slice(colon + 1);
}

/** Whether s[from, to) holds an odd number of double quotes (a '>' there is inside an attribute value). */
function insideQuotes(s: string, from: number, to: number): boolean {
  let n = 0;
  for (let i = from; i < to; i++) if (s.charCodeAt(i) === 34) n++;
  return n % 2 === 1;
}

export class XmlScanner {
  private rest = '';

  constructor(private readonly handler: XmlHandler) {}

  write(chunk: string): void {
    const s = this.rest === '' ? chunk : this.rest + chunk;
    this.rest = '';
    const h = this.handler;
    const n = s.length;
    let i = 0;
    while (i < n) {
      const lt = s.indexOf('<', i);
      if (lt < 0) {
        h.text(s.slice(i), false);
        return;
      }
      if (lt > i) h.text(s.slice(i, lt), false);
      if (s.startsWith('<!--', lt)) {
        const end = s.indexOf('-->', lt + 4);
        if (end < 0) {
          i = lt;
          break;
        }
        i = end + 3;
        continue;
      }
      if (s.startsWith('<![CDATA[', lt)) {
        const end = s.indexOf(']]>', lt + 9);
        if (end < 0) {
          i = lt;
          break;
        }
        h.text(s.slice(lt + 9, end), true);
        i = end + 3;
        continue;
      }
      let gt = s.indexOf('>', lt + 1);
      // A '>' inside a quoted attribute value does not end the tag.
      while (gt >= 0 && insideQuotes(s, lt, gt)) gt = s.indexOf('>', gt + 1);
      if (gt < 0) {
        this.rest = s.slice(lt);
        return;
      }
      const first = s.charCodeAt(lt + 1);
      if (first === 47 /* / */) {
        h.close(localName(s.slice(lt + 2, gt).trim()));
      } else if (first !== 63 /* ? */ && first !== 33 /* ! */) {
        const selfClosing = s.charCodeAt(gt - 1) === 47;
        const body = s.slice(lt + 1, selfClosing ? gt - 1 : gt);
        let nameEnd = 0;
        while (nameEnd < body.length && body.charCodeAt(nameEnd) > 32) nameEnd++;
        const name = localName(body.slice(0, nameEnd));
        h.open(name, body.slice(nameEnd), selfClosing);
        if (selfClosing) h.close(name);
      }
      i = gt + 1;
    }
    if (i < n) this.rest = s.slice(i);
  }

  /** Whether the input ended cleanly (nothing left half-read). */
  end(): boolean {
    return this.rest.trim() === '';
  }
}

const ENTITY = /&(#x[0-9a-f]+|#\d+|lt|gt|amp|quot|apos);/gi;
const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Text with XML entities and OOXML's `_xHHHH_` escapes decoded. */
export function decodeXmlText(raw: string): string {
  let out = raw;
  if (out.includes('&')) {
    out = out.replace(ENTITY, (whole, ref: string) => {
      if (ref[0] !== '#') return NAMED[ref.toLowerCase()] ?? whole;
      const code =
        ref[1] === 'x' || ref[1] === 'X'
          ? Number.parseInt(ref.slice(2), 16)
          : Number.parseInt(ref.slice(1), 10);
      return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    });
  }
  if (out.includes('_x'))
    out = out.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) =>
      String.fromCharCode(Number.parseInt(hex, 16)),
    );
  return out;
}

/** One attribute's decoded value from a tag's attribute text, matching on the local name. */
const attributePatterns = new Map<string, RegExp>();

export function attribute(attributes: string, name: string): string | undefined {
  // Fast path: ` name="value"`, the way every producer writes the attributes read here.
  const key = ` ${name}="`;
  const at = attributes.indexOf(key);
  if (at >= 0) {
    const end = attributes.indexOf('"', at + key.length);
    if (end >= 0) {
      const value = attributes.slice(at + key.length, end);
      return value.includes('&') ? decodeXmlText(value) : value;
    }
  }
  let pattern = attributePatterns.get(name);
  if (!pattern) {
    pattern = new RegExp(`(?:^|\\s)(?:[\\w.-]+:)?${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`);
    attributePatterns.set(name, pattern);
  }
  const m = attributes.match(pattern);
  if (!m) return undefined;
  return decodeXmlText(m[1] ?? m[2] ?? '');
}
