/**
 * The workbook XML scanner against htmlparser2's tokenizer (which intake used before it): the same
 * elements, attributes and text on random well-formed XML cut into random pieces, and a clear refusal
 * of XML that is not well formed.
 */
import { Tokenizer } from 'htmlparser2';
import { describe, expect, it } from 'vitest';
import {
  type ScanEvents,
  type ScannedAttributes,
  XmlDamage,
  XmlScanner,
} from '../../../../src/core/intake/xlsx/xml-scanner.ts';

type Event = string;

/** What the scanner reports, text pieces joined. */
function scanned(pieces: string[]): Event[] {
  const events: Event[] = [];
  const open: string[] = [];
  let text = '';
  const flush = () => {
    if (text !== '') events.push(`text ${text}`);
    text = '';
  };
  const recorder: ScanEvents = {
    wantsText: true,
    openTag(name: string, attributes: ScannedAttributes, selfClosing: boolean) {
      flush();
      const attrs = Array.from(
        { length: attributes.count },
        (_, i) => `${attributes.name(i)}=${attributes.value(i)}`,
      );
      events.push(`open ${name} [${attrs.join(' ')}]`);
      if (selfClosing) events.push(`close ${name}`);
      else open.push(name);
    },
    closeTag() {
      flush();
      events.push(`close ${open.pop()}`);
    },
    text(piece: string) {
      text += piece;
    },
  };
  const scanner = new XmlScanner(recorder);
  for (const piece of pieces) scanner.write(piece);
  scanner.end();
  flush();
  return events;
}

/** What htmlparser2's tokenizer (XML mode, entities left as written) reports for the whole text. */
function tokenized(xml: string): Event[] {
  const events: Event[] = [];
  let text = '';
  let name = '';
  let attrs: string[] = [];
  let attrName = '';
  let attrValue = '';
  const flush = () => {
    if (text !== '') events.push(`text ${text}`);
    text = '';
  };
  const tokenizer = new Tokenizer(
    { xmlMode: true, decodeEntities: false },
    {
      onopentagname(start, end) {
        flush();
        name = xml.slice(start, end);
        attrs = [];
      },
      onattribname(start, end) {
        attrName = xml.slice(start, end);
        attrValue = '';
      },
      onattribdata(start, end) {
        attrValue += xml.slice(start, end);
      },
      onattribentity() {},
      onattribend() {
        attrs.push(`${attrName}=${attrValue}`);
      },
      onopentagend() {
        events.push(`open ${name} [${attrs.join(' ')}]`);
      },
      onselfclosingtag() {
        events.push(`open ${name} [${attrs.join(' ')}]`, `close ${name}`);
      },
      onclosetag(start, end) {
        flush();
        events.push(`close ${xml.slice(start, end)}`);
      },
      ontext(start, end) {
        text += xml.slice(start, end);
      },
      ontextentity() {},
      oncdata(start, end, endOffset) {
        text += xml.slice(start, end - endOffset).replaceAll('&', '&amp;');
      },
      oncomment() {},
      ondeclaration() {},
      onprocessinginstruction() {},
      onend() {},
    },
  );
  tokenizer.write(xml);
  tokenizer.end();
  flush();
  return events;
}

/** A small deterministic generator (mulberry32). */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Random well-formed XML with what workbooks hold and what they might: prefixes, entities, CDATA, comments. */
function randomXml(rand: () => number): string {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const names = ['c', 'v', 'row', 'x:row', 'si', 't', 'r:id', 'hyperlink', 'is', 'rPh', 'sheetData'];
  const texts = [
    '4',
    'RIVERSTONE knife',
    'a &amp; b',
    '&#x4E2D;文',
    ' ',
    'https://www.aliexpress.com/item/1.html?a=1&amp;b=2',
    '"quoted" \'x\'',
    '>',
  ];
  const values = ['A1', 's', '1:4', 'a > b', "it's", '&lt;x&gt;', '', 'x y'];
  const space = () => pick([' ', '  ', '\n', '\t', '\r\n ']);
  const attribute = () => {
    const value = pick(values);
    const quote = value.includes("'") ? '"' : pick(['"', "'"]);
    return `${space()}${pick(['r', 't', 's', 'x14ac:dyDescent', 'ref'])}${pick(['', ' '])}=${pick(['', ' '])}${quote}${value}${quote}`;
  };
  const element = (depth: number): string => {
    const name = pick(names);
    const attrs = Array.from({ length: Math.floor(rand() * 3) }, attribute).join('');
    if (rand() < 0.2) return `<${name}${attrs}${pick(['', ' '])}/>`;
    let body = '';
    const parts = depth > 3 ? 1 : Math.floor(rand() * 4);
    for (let i = 0; i < parts; i++) {
      const r = rand();
      if (r < 0.45) body += pick(texts);
      else if (r < 0.55) body += `<![CDATA[${pick(['<b>', 'x & y', ']] >', ''])}]]>`;
      else if (r < 0.62) body += `<!--${pick([' a comment ', '<c>', '- x -'])}-->`;
      else if (r < 0.66) body += '<?pi data?>';
      else body += element(depth + 1);
    }
    return `<${name}${attrs}>${body}</${name}${pick(['', ' '])}>`;
  };
  return `<?xml version="1.0" encoding="UTF-8"?>\n${element(0)}`;
}

/** The text cut at random places into pieces (some of one character). */
function cut(xml: string, rand: () => number): string[] {
  const pieces: string[] = [];
  for (let i = 0; i < xml.length; ) {
    const size = 1 + Math.floor(rand() * (rand() < 0.3 ? 3 : 40));
    pieces.push(xml.slice(i, i + size));
    i += size;
  }
  return pieces;
}

describe('the workbook XML scanner', () => {
  it('on 2,000 random well-formed documents cut into random pieces, it reports what htmlparser2 reports', () => {
    const rand = random(20261203);
    for (let n = 0; n < 2000; n++) {
      const xml = randomXml(rand);
      expect(scanned(cut(xml, rand)), xml).toEqual(tokenized(xml));
    }
  });

  it('a document cut at every position gives the same elements, attributes and text as when whole', () => {
    const xml = `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e "v">]><x:root a='1 > 0' b = "&amp;"><!-- <c> --><c r="A1" t="s"><v>12</v></c><c r="B1"/><t><![CDATA[<b> & ]]>tail &#x4E2D;</t></x:root>`;
    const whole = scanned([xml]);
    // htmlparser2 ends a DOCTYPE at its first ">", inside the internal subset; the scanner skips all of it.
    expect(whole).toEqual(tokenized(xml.replace(/<!DOCTYPE[^\]]*\]>/, '')));
    for (let i = 1; i < xml.length; i++)
      expect(scanned([xml.slice(0, i), xml.slice(i)]), `cut at ${i}`).toEqual(whole);
  });

  it.each([
    ['<a><b></a>', 'the end tag </a> does not close <b>'],
    ['<a>text', 'it ends inside <a>'],
    ['<a x="1>', 'it ends inside a tag'],
    ['<a x=1>', 'the value of the attribute "x" is not in quotes'],
    ['<a x>', 'the attribute "x" has no value'],
    ['<a x="<">', 'the value of the attribute "x" holds a "<"'],
    ['<a x="1"y="2">', 'the attributes of a tag are not separated by spaces'],
    ['</a>', 'an end tag </a> closes nothing'],
    ['<a>< b</a>', 'a "<" starts no tag'],
    ['<a/ >', 'a "/" inside a tag is not followed by ">"'],
    ['<a><!-- never closed', 'it ends inside a tag'],
    ['<a><!bogus></a>', 'starts no comment, CDATA or DOCTYPE'],
    ['<a></a x>', 'is malformed'],
  ])('XML that is not well formed (%s) is refused: %s', (xml, message) => {
    expect(() => scanned([xml])).toThrow(XmlDamage);
    expect(() => scanned([xml])).toThrow(message);
  });
});
