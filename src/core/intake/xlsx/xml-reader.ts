/**
 * A workbook part's XML, read as a stream by htmlparser2's tokenizer (in XML mode, entities decoded) and
 * handed to a part handler as elements and text. Element names come without their namespace prefix
 * (`x:row` is `row`), as generators differ in prefixes. The tokenizer is lenient, so well-formedness is
 * checked here: every end tag must close the element that is open, and the part must end with every
 * element closed; anything else is damage, never guessed around.
 *
 * The bytes are decoded as UTF-8 across chunk boundaries (a character split between two chunks stays
 * whole). The tokenizer reports positions, not strings; text is cut from the chunks only when the
 * handler asks for it, which is most of why this is several times faster than a SAX parser that builds
 * an object for every tag and a string for every text.
 */
import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { decodeXML } from 'entities';
import { Tokenizer, type TokenizerCallbacks } from 'htmlparser2';

/** The attributes of the element that opens, by local name ("r:id" is "id"); only those the handler reads. */
export class Attributes {
  private readonly names: string[] = [];
  private readonly values: string[] = [];
  private count = 0;

  get(name: string): string | undefined {
    for (let i = 0; i < this.count; i++) if (this.names[i] === name) return this.values[i];
    return undefined;
  }
  /** @internal */
  clear(): void {
    this.count = 0;
  }
  /** @internal */
  add(name: string, value: string): void {
    this.names[this.count] = name;
    this.values[this.count++] = value;
  }
}

export interface XmlHandler {
  /** The local names of the attributes `open` reads; the values of others are not even cut out. */
  readonly attributes: ReadonlySet<string>;
  /** An element opens; `attrs` is only good until the next element. */
  open(name: string, attrs: Attributes): void;
  /** An element closes (also right after `open` for an empty element such as `<c r="A1"/>`). */
  close(name: string): void;
  /**
   * Text of the open element as written (entities not decoded: an entity may be split between two
   * pieces), perhaps in several pieces; only while `wantsText`. Join the pieces, then decodeEntities.
   */
  text(text: string): void;
  /** Whether the handler wants the text that follows; checked before each piece of text. */
  readonly wantsText: boolean;
}

/** Text as written in XML (`&amp;`, `&#x4E2D;`) to the text it stands for. */
export function decodeEntities(text: string): string {
  return text.includes('&') ? decodeXML(text) : text;
}

function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon === -1 ? name : name.slice(colon + 1);
}

/** Thrown for XML that is not well formed; the workbook reader tells it as the part's damage. */
export class XmlDamage extends Error {}

class PartTokenizer implements TokenizerCallbacks {
  private readonly tokenizer = new Tokenizer({ xmlMode: true, decodeEntities: false }, this);
  /** The chunks not yet wholly read, and the position of the first one in the part. */
  private readonly chunks: string[] = [];
  private chunksStart = 0;
  /** The open elements: names as written (to match end tags) and local names (for the handler). */
  private readonly openRaw: string[] = [];
  private readonly openLocal: string[] = [];
  private readonly attrs = new Attributes();
  private tagRaw = '';
  private tagName = '';
  /** The local name of the attribute being read, or null when the handler does not read it. */
  private attrName: string | null = null;
  private attrValue = '';

  constructor(private readonly handler: XmlHandler) {}

  write(chunk: string): void {
    if (chunk === '') return;
    this.chunks.push(chunk);
    this.tokenizer.write(chunk);
  }

  end(): void {
    this.tokenizer.end();
  }

  /** Drops the chunks wholly before a position; the first chunk then holds it. */
  private firstChunkFor(position: number): string {
    let first = this.chunks[0] as string;
    while (position - this.chunksStart >= first.length) {
      this.chunksStart += first.length;
      this.chunks.shift();
      first = this.chunks[0] as string;
    }
    return first;
  }

  /** The text between two positions of the part, which may span chunks. */
  private slice(start: number, end: number): string {
    if (start >= end) return '';
    const first = this.firstChunkFor(start);
    let text = first.slice(start - this.chunksStart, end - this.chunksStart);
    let offset = this.chunksStart + first.length;
    for (let i = 1; end > offset; i++) {
      const next = this.chunks[i] as string;
      text += next.slice(0, end - offset);
      offset += next.length;
    }
    return text;
  }

  /** Whether the text between two positions is `expected`, without cutting it out when it is in one chunk. */
  private equals(start: number, end: number, expected: string): boolean {
    if (end - start !== expected.length) return false;
    const first = this.firstChunkFor(start);
    const from = start - this.chunksStart;
    if (end - this.chunksStart > first.length) return this.slice(start, end) === expected;
    for (let i = 0; i < expected.length; i++) {
      if (first.charCodeAt(from + i) !== expected.charCodeAt(i)) return false;
    }
    return true;
  }

  onopentagname(start: number, end: number): void {
    this.tagRaw = this.slice(start, end);
    this.tagName = localName(this.tagRaw);
    this.attrs.clear();
  }
  onattribname(start: number, end: number): void {
    const name = localName(this.slice(start, end));
    this.attrName = this.handler.attributes.has(name) ? name : null;
    this.attrValue = '';
  }
  onattribdata(start: number, end: number): void {
    if (this.attrName !== null) this.attrValue += this.slice(start, end);
  }
  onattribentity(codepoint: number): void {
    if (this.attrName !== null) this.attrValue += String.fromCodePoint(codepoint);
  }
  onattribend(): void {
    if (this.attrName !== null) this.attrs.add(this.attrName, decodeEntities(this.attrValue));
  }
  onopentagend(): void {
    this.openRaw.push(this.tagRaw);
    this.openLocal.push(this.tagName);
    this.handler.open(this.tagName, this.attrs);
  }
  onselfclosingtag(): void {
    this.handler.open(this.tagName, this.attrs);
    this.handler.close(this.tagName);
  }
  onclosetag(start: number, end: number): void {
    const expected = this.openRaw.pop();
    if (expected === undefined || !this.equals(start, end, expected)) {
      const name = this.slice(start, end);
      throw new XmlDamage(
        expected === undefined
          ? `an end tag </${name}> closes nothing`
          : `the end tag </${name}> does not close <${expected}>`,
      );
    }
    this.handler.close(this.openLocal.pop() as string);
  }
  ontext(start: number, end: number): void {
    if (this.handler.wantsText) this.handler.text(this.slice(start, end));
  }
  ontextentity(codepoint: number): void {
    if (this.handler.wantsText) this.handler.text(String.fromCodePoint(codepoint));
  }
  oncdata(start: number, end: number, endOffset: number): void {
    // Literal text: its "&" escaped, so that decoding the element's text gives it back as written.
    if (this.handler.wantsText)
      this.handler.text(this.slice(start, end - endOffset).replaceAll('&', '&amp;'));
  }
  onend(): void {
    const unclosed = this.openRaw.at(-1);
    if (unclosed !== undefined) throw new XmlDamage(`it ends inside <${unclosed}> (cut short?)`);
  }
  oncomment(): void {}
  ondeclaration(): void {}
  onprocessinginstruction(): void {}
}

/** Reads a part to its end through the handler. Throws XmlDamage for XML that is not well formed. */
export async function readXml(part: Readable | AsyncIterable<Buffer>, handler: XmlHandler): Promise<void> {
  const decoder = new StringDecoder('utf8');
  const tokens = new PartTokenizer(handler);
  for await (const chunk of part as AsyncIterable<Buffer>) tokens.write(decoder.write(chunk));
  tokens.write(decoder.end());
  tokens.end();
}
