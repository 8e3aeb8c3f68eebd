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
import { Tokenizer, type TokenizerCallbacks } from 'htmlparser2';

export interface XmlHandler {
  /**
   * An element opens. `attrs` is [name, value, name, value, …] with names as written (prefix included).
   */
  open(name: string, attrs: readonly string[]): void;
  /** An element closes (also right after `open` for an empty element such as `<c r="A1"/>`). */
  close(name: string): void;
  /** Text of the open element (entities decoded), perhaps in several pieces; only while `wantsText`. */
  text(text: string): void;
  /** Whether the handler wants the text that follows; checked before each piece of text. */
  readonly wantsText: boolean;
}

/** The value of the attribute named `name` (as written, e.g. "r" or "r:id"), or undefined. */
export function attr(attrs: readonly string[], name: string): string | undefined {
  for (let i = 0; i < attrs.length; i += 2) if (attrs[i] === name) return attrs[i + 1];
  return undefined;
}

/** The value of a namespaced attribute by its local name, whatever its prefix ("r:id", "ns1:id"). */
export function prefixedAttr(attrs: readonly string[], local: string): string | undefined {
  const suffix = `:${local}`;
  for (let i = 0; i < attrs.length; i += 2) if (attrs[i]?.endsWith(suffix)) return attrs[i + 1];
  return undefined;
}

function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon === -1 ? name : name.slice(colon + 1);
}

/** Thrown for XML that is not well formed; the workbook reader tells it as the part's damage. */
export class XmlDamage extends Error {}

class PartTokenizer implements TokenizerCallbacks {
  private readonly tokenizer = new Tokenizer({ xmlMode: true, decodeEntities: true }, this);
  /** The chunks not yet wholly read, and the position of the first one in the part. */
  private readonly chunks: string[] = [];
  private chunksStart = 0;
  private readonly open: string[] = [];
  private attrs: string[] = [];
  private tagName = '';
  private attrName = '';
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

  /** The text between two positions of the part, which may span chunks. */
  private slice(start: number, end: number): string {
    if (start >= end) return '';
    let first = this.chunks[0] as string;
    while (start - this.chunksStart >= first.length) {
      this.chunksStart += first.length;
      this.chunks.shift();
      first = this.chunks[0] as string;
    }
    let text = first.slice(start - this.chunksStart, end - this.chunksStart);
    let offset = this.chunksStart + first.length;
    for (let i = 1; end > offset; i++) {
      const next = this.chunks[i] as string;
      text += next.slice(0, end - offset);
      offset += next.length;
    }
    return text;
  }

  onopentagname(start: number, end: number): void {
    this.tagName = localName(this.slice(start, end));
    this.attrs = [];
  }
  onattribname(start: number, end: number): void {
    this.attrName = this.slice(start, end);
    this.attrValue = '';
  }
  onattribdata(start: number, end: number): void {
    this.attrValue += this.slice(start, end);
  }
  onattribentity(codepoint: number): void {
    this.attrValue += String.fromCodePoint(codepoint);
  }
  onattribend(): void {
    this.attrs.push(this.attrName, this.attrValue);
  }
  onopentagend(): void {
    this.open.push(this.tagName);
    this.handler.open(this.tagName, this.attrs);
  }
  onselfclosingtag(): void {
    this.handler.open(this.tagName, this.attrs);
    this.handler.close(this.tagName);
  }
  onclosetag(start: number, end: number): void {
    const name = localName(this.slice(start, end));
    const expected = this.open.pop();
    if (expected !== name) {
      throw new XmlDamage(
        expected === undefined
          ? `an end tag </${name}> closes nothing`
          : `the end tag </${name}> does not close <${expected}>`,
      );
    }
    this.handler.close(name);
  }
  ontext(start: number, end: number): void {
    if (this.handler.wantsText) this.handler.text(this.slice(start, end));
  }
  ontextentity(codepoint: number): void {
    if (this.handler.wantsText) this.handler.text(String.fromCodePoint(codepoint));
  }
  oncdata(start: number, end: number, endOffset: number): void {
    if (this.handler.wantsText) this.handler.text(this.slice(start, end - endOffset));
  }
  onend(): void {
    const unclosed = this.open.at(-1);
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
