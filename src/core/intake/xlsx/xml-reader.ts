/**
 * A workbook part's XML, read as a stream by XmlScanner and handed to a part handler as elements and
 * text. Element names come without their namespace prefix (`x:row` is `row`), as generators differ in
 * prefixes. Well-formedness is checked: every end tag must close the element that is open, and the part
 * must end with every element closed; anything else is damage, never guessed around.
 *
 * The bytes are decoded as UTF-8 across chunk boundaries (a character split between two chunks stays
 * whole). Attribute values and text are cut out only when the handler reads them.
 */
import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { decodeXML } from 'entities';
import { type ScanEvents, type ScannedAttributes, XmlDamage, XmlScanner } from './xml-scanner.ts';

export { XmlDamage };

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

/** Turns the scanner's tags into the handler's elements, by local name and with the attributes it reads. */
class PartReader implements ScanEvents {
  private readonly scanner = new XmlScanner(this);
  /** The local names of the open elements, for the handler. */
  private readonly open: string[] = [];
  private readonly attrs = new Attributes();

  constructor(private readonly handler: XmlHandler) {}

  get wantsText(): boolean {
    return this.handler.wantsText;
  }

  write(piece: string): void {
    if (piece !== '') this.scanner.write(piece);
  }

  end(): void {
    this.scanner.end();
  }

  openTag(raw: string, attributes: ScannedAttributes, selfClosing: boolean): void {
    const name = localName(raw);
    const wanted = this.handler.attributes;
    const attrs = this.attrs;
    attrs.clear();
    for (let i = 0; i < attributes.count; i++) {
      const attr = localName(attributes.name(i));
      if (wanted.has(attr)) attrs.add(attr, decodeEntities(attributes.value(i)));
    }
    this.handler.open(name, attrs);
    if (selfClosing) this.handler.close(name);
    else this.open.push(name);
  }

  closeTag(): void {
    this.handler.close(this.open.pop() as string);
  }

  text(text: string): void {
    this.handler.text(text);
  }
}

/** Reads a part to its end through the handler. Throws XmlDamage for XML that is not well formed. */
export async function readXml(part: Readable | AsyncIterable<Buffer>, handler: XmlHandler): Promise<void> {
  const decoder = new StringDecoder('utf8');
  const reader = new PartReader(handler);
  for await (const chunk of part as AsyncIterable<Buffer>) reader.write(decoder.write(chunk));
  reader.write(decoder.end());
  reader.end();
}
