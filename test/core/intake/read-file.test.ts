import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { TakedownError } from '../../../src/core/errors.ts';
import { classifyEntries, nothingFiled, readListingFile } from '../../../src/core/intake/index.ts';
import { fixture, LIMITS, workbook, zipArchive } from './helpers.ts';

const read = (filename: string, data: Buffer | NodeJS.ReadableStream, limits = LIMITS) =>
  readListingFile({ filename, data, limits });

async function refusal(promise: Promise<unknown>): Promise<TakedownError> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(TakedownError);
  return err as TakedownError;
}

describe('the crawler export fixture', () => {
  it('when the 453-row export is read, every row is accounted for with a status', async () => {
    const raw = await read('listings-export.csv', fixture('listings-export.csv'));
    const entries = classifyEntries(raw, nothingFiled);
    expect(entries).toHaveLength(453);
    expect(entries.map((e) => e.position)).toEqual(Array.from({ length: 453 }, (_, i) => i + 2));
    const counts = Object.fromEntries(
      ['ok', 'duplicate', 'invalid', 'unresolved'].map((s) => [
        s,
        entries.filter((e) => e.status === s).length,
      ]),
    );
    expect(counts).toEqual({ ok: 432, duplicate: 12, invalid: 7, unresolved: 2 });
    expect(entries.every((e) => e.status === 'ok' || (e.reason ?? '').length > 10)).toBe(true);
    expect(entries[0]).toMatchObject({
      title: 'OEM 7085 folding knife Free shipping',
      seller: 'mayver2012',
      price: 'US $12.50',
    });
  });

  it("when the guide's two listings are read as text, both are AliExpress listings", async () => {
    const entries = classifyEntries(
      await read('seed-listings.txt', fixture('seed-listings.txt')),
      nothingFiled,
    );
    expect(entries.map((e) => e.url)).toEqual([
      'https://www.aliexpress.com/item/542508477.html',
      'https://www.aliexpress.com/item/542505755.html',
    ]);
  });
});

describe('CSV and text files', () => {
  it('when a CSV uses semicolons and has no header, the URL column is found by content and the others kept', async () => {
    const csv =
      'Knife A;https://www.aliexpress.com/item/32933148414.html;Mr Chen;€ 5,20\nKnife B;https://detail.1688.com/offer/682367774901.html;ZJ;€ 7,00\n';
    const raw = await read('export.csv', Buffer.from(csv));
    expect(raw.map((e) => [e.position, e.input, e.title, e.seller, e.price])).toEqual([
      [1, 'https://www.aliexpress.com/item/32933148414.html', 'Knife A', 'Mr Chen', '€ 5,20'],
      [2, 'https://detail.1688.com/offer/682367774901.html', 'Knife B', 'ZJ', '€ 7,00'],
    ]);
  });

  it('when a TSV has a header in another order, the columns are taken by name', async () => {
    const tsv =
      'Price\tStore name\tProduct URL\tTitle\nUS $1\tShop\thttps://www.aliexpress.com/item/32933148414.html\tKnife\n';
    const [entry] = await read('export.tsv', Buffer.from(tsv));
    expect(entry).toMatchObject({
      input: 'https://www.aliexpress.com/item/32933148414.html',
      title: 'Knife',
      seller: 'Shop',
      price: 'US $1',
      position: 2,
    });
  });

  it('when a store link column comes before the product link column, the product links are the listings', async () => {
    const csv =
      'Seller,Store URL,Product URL,Title\nShop,https://www.aliexpress.com/store/1101234,https://www.aliexpress.com/item/32933148414.html,Knife\n';
    const [entry] = await read('two-urls.csv', Buffer.from(csv));
    expect(entry).toMatchObject({
      input: 'https://www.aliexpress.com/item/32933148414.html',
      title: 'Knife',
      seller: 'Shop',
    });
  });

  it('when a row has no link, it still comes out as an entry', async () => {
    const raw = await read(
      'a.csv',
      Buffer.from('url,title\nhttps://www.aliexpress.com/item/32933148414.html,A\n,only a title\n'),
    );
    expect(raw.map((e) => [e.position, e.input, e.title])).toEqual([
      [2, 'https://www.aliexpress.com/item/32933148414.html', 'A'],
      [3, '', 'only a title'],
    ]);
    expect(classifyEntries(raw, nothingFiled)[1]?.status).toBe('invalid');
  });

  it('when text not named .txt has several links on a line (commas, prose, Slack markup), every one is an entry', async () => {
    const item = (n: number) =>
      `https://www.aliexpress.com/item/10050061234567${String(n).padStart(2, '0')}.html`;
    const inputs = async (filename: string, text: string) =>
      (await read(filename, Readable.from([Buffer.from(text)]))).map((e) => e.input.replace(/^</, ''));
    expect(await inputs('standard input', `${item(89)},${item(90)}\n`)).toEqual([item(89), item(90)]);
    expect(
      await inputs('notes.md', `Hi, these are fakes: ${item(1)}, ${item(2)}\nAlso, ${item(5)}, ${item(6)}\n`),
    ).toEqual([item(1), item(2), item(5), item(6)]);
    const pasted = await read('pasted', Buffer.from(`<${item(3)}|Bag> and <${item(4)}|Hat>\n`));
    expect(classifyEntries(pasted, nothingFiled).map((e) => e.url)).toEqual([item(3), item(4)]);
    // Lines of Slack markup are not a table split at the "|" of each link: a label is no listing of its own.
    const slack = await read('standard input', Buffer.from(`<${item(7)}|${item(8)}>\n<${item(9)}|Hat>\n`));
    expect(slack.map((e) => e.location)).toEqual(['line 1', 'line 2']);
  });

  it('when a CSV opens a quote it never closes, it is refused naming the row rather than read as merged rows', async () => {
    const row = (n: number, title: string) =>
      `https://www.aliexpress.com/item/10050061234567${n}.html,${title}`;
    const unclosed = ['url,title', row(61, '"Bag 12'), row(62, 'Hat'), row(63, 'Cap')].join('\n');
    const closedLater = [...unclosed.split('\n'), row(64, '"Scarf, red"'), row(65, 'Belt')].join('\n');
    for (const csv of [unclosed, closedLater]) {
      const err = await refusal(read('quotes.csv', Buffer.from(`${csv}\n`)));
      expect(err.code).toBe('file_unreadable');
      expect(err.userMessage).toContain(
        'quotes.csv could not be read as CSV: row 2 opens a quote that is never closed',
      );
    }
    // A quoted title with line breaks in it is read as the one cell it is.
    const multiline = await read(
      'notes.csv',
      Buffer.from(`url,title\n${row(61, '"Bag\nred, large"')}\n${row(62, 'Hat')}\n`),
    );
    expect(multiline.map((e) => e.title)).toEqual(['Bag\nred, large', 'Hat']);
  });

  it('when quoted cells hold line breaks (links one per line, notes, long descriptions), every row is read as the one record it is', async () => {
    const item = (n: number) => `https://www.aliexpress.com/item/10050061234567${n}.html`;
    // Excel writes a cell edited with Alt+Enter as one quoted field over several lines.
    const cellOfLinks = await read(
      'links.csv',
      Buffer.from(`url,title\n"${item(11)}\n${item(12)}",Bag\n${item(13)},"Hat\nsee ${item(14)}"\n`),
    );
    const verdicts = classifyEntries(cellOfLinks, nothingFiled).map((e) => [e.position, e.input, e.status]);
    expect(verdicts).toEqual([
      [2, item(11), 'ok'],
      [2, item(12), 'ok'],
      [3, item(13), 'ok'],
      // A listing named in a title is reported with its row, not filed: the url column holds those.
      [3, item(14), 'invalid'],
    ]);
    // More lines inside descriptions than rows: the delimiter is still told, each row is one entry.
    const description = '"Folding knife\nG10 handle, 8Cr13MoV\nblade 3.5""\nships in 24 h"';
    const rows = Array.from({ length: 10 }, (_, i) => `${item(20 + i)},${description},Huan Tools`);
    const described = await read('export.csv', Buffer.from(`url,description,seller\n${rows.join('\n')}\n`));
    expect(described).toHaveLength(10);
    expect(described[9]).toMatchObject({ input: item(29), seller: 'Huan Tools' });
  });

  it('when a text file is UTF-16 with a BOM (Excel "Unicode text"), it is read', async () => {
    const text =
      '\ufeffhttps://www.aliexpress.com/item/32933148414.html\r\nhttps://m.aliexpress.com/i/1005005129583807.html\r\n';
    const raw = await read('links.txt', Buffer.from(text, 'utf16le'));
    expect(raw.map((e) => e.input)).toEqual([
      'https://www.aliexpress.com/item/32933148414.html',
      'https://m.aliexpress.com/i/1005005129583807.html',
    ]);
  });

  it('when the data arrives as a stream, it is read the same', async () => {
    const raw = await read(
      'links.txt',
      Readable.from([Buffer.from('https://www.aliexpress.com/item/'), Buffer.from('32933148414.html\n')]),
    );
    expect(raw.map((e) => e.input)).toEqual(['https://www.aliexpress.com/item/32933148414.html']);
  });
});

describe('XLSX files', () => {
  it('a cell that shows one listing and links to another is refused, naming both; a label or the same listing shown is not', async () => {
    const ali = (n: number) => `https://www.aliexpress.com/item/100500666000000${n}.html`;
    const data = await workbook({
      S: [
        ['Listing URL', 'Title'],
        [{ text: ali(1), hyperlink: ali(1) }, 'Same link'],
        [{ text: ali(2), hyperlink: ali(3) }, 'Shows another listing'],
        [{ text: 'see the knife', hyperlink: ali(4) }, 'Label'],
        [
          { text: `${ali(5).replace('www.', 'ko.')}?spm=a2g0o`, hyperlink: ali(5) },
          'Same listing, other form',
        ],
        [{ text: ali(6), hyperlink: 'https://www.aliexpress.com/store/1102' }, 'Links to a store'],
      ],
    });
    const entries = classifyEntries(await read('shown.xlsx', data), nothingFiled);
    expect(entries.map((e) => [e.location, e.input, e.status])).toEqual([
      ['row 2', ali(1), 'ok'],
      ['row 3', ali(3), 'invalid'],
      ['row 4', ali(4), 'ok'],
      ['row 5', ali(5), 'ok'],
      ['row 6', 'https://www.aliexpress.com/store/1102', 'invalid'],
    ]);
    expect(entries[1]?.reason).toBe(
      `the cell shows ${ali(2)} but its link leads to ${ali(3)}: not filed, since it is not certain which is meant; put the listing's own link in the cell`,
    );
    expect(entries[4]?.reason).toContain(`the cell shows ${ali(6)} but its link leads to`);
  });

  it('every sheet is read, a hyperlink target wins over its shown text, and HYPERLINK formulas give their URL', async () => {
    const data = await workbook({
      Q3: [
        ['Listing', 'Title'],
        [{ text: 'see the knife', hyperlink: 'https://www.aliexpress.com/item/32933148414.html' }, 'Knife'],
        [
          {
            formula: 'HYPERLINK("https://detail.1688.com/offer/682367774901.html","offer")',
            result: 'offer',
          },
          'Offer',
        ],
      ],
      Q4: [['https://www.alibaba.com/product-detail/Knife_1600279918771.html', 'Alibaba knife']],
    });
    const raw = await read('export.xlsx', data);
    expect(raw.map((e) => [e.location, e.input, e.title])).toEqual([
      ['sheet "Q3" row 2', 'https://www.aliexpress.com/item/32933148414.html', 'Knife'],
      ['sheet "Q3" row 3', 'https://detail.1688.com/offer/682367774901.html', 'Offer'],
      [
        'sheet "Q4" row 1',
        'https://www.alibaba.com/product-detail/Knife_1600279918771.html',
        'Alibaba knife',
      ],
    ]);
  });

  it('when a workbook is a zip bomb, it is refused naming the file', async () => {
    const bomb = zipArchive([
      { name: 'xl/workbook.xml', content: Buffer.from('<workbook/>') },
      { name: 'xl/worksheets/sheet1.xml', content: Buffer.alloc(80 * 1024 * 1024, 0x20) },
    ]);
    const err = await refusal(read('bomb.xlsx', bomb));
    expect(err.code).toBe('file_too_large');
    expect(err.userMessage).toContain('bomb.xlsx');
  });

  it('when a workbook lies about its unpacked size, reading stops with a refusal', async () => {
    const workbookXml =
      '<workbook xmlns:r="r"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>';
    const rels =
      '<Relationships><Relationship Id="rId1" Type="x/worksheet" Target="worksheets/sheet1.xml"/></Relationships>';
    const liar = zipArchive([
      { name: 'xl/workbook.xml', content: Buffer.from(workbookXml) },
      { name: 'xl/_rels/workbook.xml.rels', content: Buffer.from(rels) },
      { name: 'xl/worksheets/sheet1.xml', content: Buffer.alloc(4 * 1024 * 1024, 0x20), declaredSize: 1000 },
    ]);
    const err = await refusal(read('liar.xlsx', liar));
    expect(err.userMessage).toContain('liar.xlsx');
    expect(err.userMessage).toContain('more than it declares');
  });

  it('when an .xlsx is not a workbook, or is cut short, it is refused as unreadable', async () => {
    expect((await refusal(read('fake.xlsx', Buffer.from('just text, renamed')))).code).toBe(
      'file_unreadable',
    );
    const real = await workbook({ S: [['https://www.aliexpress.com/item/32933148414.html']] });
    const cut = await refusal(read('cut.xlsx', real.subarray(0, real.length - 40)));
    expect(cut.userMessage).toContain('cut.xlsx');
    const docx = zipArchive([{ name: 'word/document.xml', content: Buffer.from('<w/>') }]);
    expect((await refusal(read('letter.xlsx', docx))).userMessage).toContain('not an Excel workbook');
  });
});

describe('file limits', () => {
  it('when a file is larger than the size limit, it is refused naming the file and the limit', async () => {
    const err = await refusal(read('big.csv', Buffer.alloc(2048, 'a'), { maxBytes: 1024, maxRows: 10 }));
    expect(err.code).toBe('file_too_large');
    expect(err.userMessage).toMatch(/big\.csv .*0\.0 MB|big\.csv is larger than/);
  });

  it('when a stream goes past the size limit, reading stops there', async () => {
    const stream = Readable.from(
      (function* () {
        for (let i = 0; i < 100; i++) yield Buffer.alloc(1024, 'a');
      })(),
    );
    expect((await refusal(read('stream.txt', stream, { maxBytes: 10 * 1024, maxRows: 10 }))).code).toBe(
      'file_too_large',
    );
  });

  it('when a file has more rows than the limit, it is refused naming the file and the limit', async () => {
    const csv = `url\n${Array.from({ length: 11 }, (_, i) => `https://www.aliexpress.com/item/${32933148400 + i}.html`).join('\n')}\n`;
    const err = await refusal(read('many.csv', Buffer.from(csv), { maxBytes: LIMITS.maxBytes, maxRows: 10 }));
    expect(err.code).toBe('too_many_rows');
    expect(err.userMessage).toContain('many.csv');
    // Reading stops just past the limit, so a count beyond it is not claimed.
    expect(err.userMessage).toContain('many.csv has more than 10 rows; the limit for one file is 10');
    const headerless = csv.split('\n').slice(1).join('\n');
    const exact = await refusal(
      read('eleven.csv', Buffer.from(headerless), { maxBytes: LIMITS.maxBytes, maxRows: 10 }),
    );
    expect(exact.userMessage).toContain('eleven.csv has 11 rows; the limit for one file is 10');
    const ok = await read('ten.csv', Buffer.from(csv.split('\n').slice(0, 11).join('\n')), {
      maxBytes: LIMITS.maxBytes,
      maxRows: 10,
    });
    expect(ok).toHaveLength(10);
  });

  it('when the rows of a CSV are separated by blank lines, every listing is read or the file is refused', async () => {
    const links = (n: number) =>
      Array.from({ length: n }, (_, i) => `https://www.aliexpress.com/item/${32933148400 + i}.html\n`);
    const limits = { maxBytes: LIMITS.maxBytes, maxRows: 10 };
    const eight = await read('spaced.csv', Buffer.from(links(8).join('\n')), limits);
    expect(eight.map((e) => e.position)).toEqual([1, 3, 5, 7, 9, 11, 13, 15]);
    const twelve = await refusal(read('spaced.csv', Buffer.from(links(12).join('\n')), limits));
    expect(twelve.userMessage).toContain('spaced.csv has 12 rows; the limit for one file is 10');
  });

  it('when a workbook has more rows than the limit, it is refused', async () => {
    const rows = Array.from({ length: 12 }, (_, i) => [
      `https://www.aliexpress.com/item/${32933148400 + i}.html`,
    ]);
    const err = await refusal(
      read('many.xlsx', await workbook({ S: rows }), { maxBytes: LIMITS.maxBytes, maxRows: 10 }),
    );
    expect(err.code).toBe('too_many_rows');
  });

  it('when a file is empty, binary, an old .xls, locked with a password or has no links, it is refused with what to do', async () => {
    expect((await refusal(read('empty.csv', Buffer.alloc(0)))).userMessage).toContain('empty.csv is empty');
    expect((await refusal(read('blank.txt', Buffer.from('\n\n  \n')))).userMessage).toContain('blank.txt');
    expect(
      (await refusal(read('photo.csv', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13, 1, 2])))).code,
    ).toBe('file_unreadable');
    const ole = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]);
    expect((await refusal(read('old.xls', ole))).userMessage).toContain('.xls');
    // Excel keeps a workbook saved with a password as an OLE file holding an "EncryptedPackage" stream.
    const locked = Buffer.concat([ole, Buffer.from('EncryptedPackage', 'utf16le')]);
    const err = await refusal(read('locked.xlsx', locked));
    expect(err.userMessage).toBe('locked.xlsx is protected with a password, so I cannot open it.');
    expect(err.hint).toContain('remove the password');
    expect((await refusal(read('notes.txt', Buffer.from('nothing to see\nhere')))).userMessage).toContain(
      'no listing links',
    );
    const headerOnly = await refusal(read('header.csv', Buffer.from('Listing URL,Title\n')));
    expect(headerOnly.userMessage).toContain('header.csv');
  });
});

describe('files named for one format but holding another', () => {
  it('when a file named .xlsx is really a CSV export, its rows are read like any CSV', async () => {
    const csv =
      'Product URL,Title,Store name\nhttps://www.aliexpress.com/item/32933148414.html,Knife,Shop\nhttps://detail.1688.com/offer/682367774901.html,Offer,ZJ\n';
    const raw = await read('renamed-export.xlsx', Buffer.from(csv));
    expect(raw.map((e) => [e.location, e.input, e.title, e.seller])).toEqual([
      ['row 2', 'https://www.aliexpress.com/item/32933148414.html', 'Knife', 'Shop'],
      ['row 3', 'https://detail.1688.com/offer/682367774901.html', 'Offer', 'ZJ'],
    ]);
  });

  it('when a file named .xlsx holds tab-separated or plain lines of links, they are read', async () => {
    const tsv = 'url\ttitle\nhttps://www.aliexpress.com/item/32933148414.html\tKnife\n';
    expect((await read('tabs.xlsx', Buffer.from(tsv))).map((e) => [e.input, e.title])).toEqual([
      ['https://www.aliexpress.com/item/32933148414.html', 'Knife'],
    ]);
    const lines =
      'https://www.aliexpress.com/item/32933148414.html\nhttps://detail.1688.com/offer/682367774901.html\n';
    expect((await read('links.xlsm', Buffer.from(lines))).map((e) => e.input)).toEqual([
      'https://www.aliexpress.com/item/32933148414.html',
      'https://detail.1688.com/offer/682367774901.html',
    ]);
  });

  it('when a file named .xlsx is text without links, it is refused saying it is text and not a workbook', async () => {
    const err = await refusal(read('fake.xlsx', Buffer.from('just text, renamed')));
    expect(err.userMessage).toContain('fake.xlsx');
    expect(err.userMessage).toContain('no listing links');
  });

  it('when a workbook is named .csv or .txt, it is read as the workbook it is', async () => {
    const data = await workbook({
      S: [
        ['Listing', 'Title'],
        ['https://www.aliexpress.com/item/32933148414.html', 'Knife'],
      ],
    });
    for (const name of ['export.csv', 'links.txt']) {
      expect(
        (await read(name, data)).map((e) => [e.input, e.title]),
        name,
      ).toEqual([['https://www.aliexpress.com/item/32933148414.html', 'Knife']]);
    }
  });

  it('when a ZIP that is not a workbook is named .csv, it is refused saying it is a ZIP archive', async () => {
    const docs = zipArchive([{ name: 'word/document.xml', content: Buffer.from('<w/>') }]);
    const err = await refusal(read('export.csv', docs));
    expect(err.code).toBe('file_unreadable');
    expect(err.userMessage).toContain('export.csv is a ZIP archive but not an Excel workbook');
  });
});

describe('text that is not UTF-8', () => {
  const bytes = (...parts: (string | number[])[]) =>
    Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));
  // "耐克 运动鞋" and "男士 跑步鞋 透气" in GBK.
  const GBK_NIKE = [0xc4, 0xcd, 0xbf, 0xcb, 0x20, 0xd4, 0xcb, 0xb6, 0xaf, 0xd0, 0xac];
  const GBK_MENS = [
    0xc4, 0xd0, 0xca, 0xbf, 0x20, 0xc5, 0xdc, 0xb2, 0xbd, 0xd0, 0xac, 0x20, 0xcd, 0xb8, 0xc6, 0xf8,
  ];
  // "ナイキ スニーカー" and "運動靴 メンズ" in Shift_JIS.
  const SJIS_NIKE = [
    0x83, 0x69, 0x83, 0x43, 0x83, 0x4c, 0x20, 0x83, 0x58, 0x83, 0x6a, 0x81, 0x5b, 0x83, 0x4a, 0x81, 0x5b,
  ];
  const SJIS_SHOES = [0x89, 0x5e, 0x93, 0xae, 0x8c, 0x43, 0x20, 0x83, 0x81, 0x83, 0x93, 0x83, 0x59];
  // "耐吉 運動鞋" in Big5.
  const BIG5_NIKE = [0xad, 0x40, 0xa6, 0x4e, 0x20, 0xb9, 0x42, 0xb0, 0xca, 0xbe, 0x63];

  it('when a CSV is in GBK (a Chinese crawler export), its Chinese titles come back right', async () => {
    const csv = bytes(
      'url,title\nhttps://www.aliexpress.com/item/32933148414.html,',
      GBK_NIKE,
      '\nhttps://detail.1688.com/offer/682367774901.html,',
      GBK_MENS,
      '\n',
    );
    const raw = await read('gbk-export.csv', csv);
    expect(raw.map((e) => [e.input, e.title])).toEqual([
      ['https://www.aliexpress.com/item/32933148414.html', '耐克 运动鞋'],
      ['https://detail.1688.com/offer/682367774901.html', '男士 跑步鞋 透气'],
    ]);
  });

  it('when a CSV is in Shift_JIS (a Japanese export), its Japanese titles come back right', async () => {
    const csv = bytes(
      'url,title\r\nhttps://www.aliexpress.com/item/32933148414.html,',
      SJIS_NIKE,
      '\r\nhttps://www.aliexpress.com/item/1005005129583807.html,',
      SJIS_SHOES,
      '\r\n',
    );
    const raw = await read('sjis-export.csv', csv);
    expect(raw.map((e) => e.title)).toEqual(['ナイキ スニーカー', '運動靴 メンズ']);
  });

  it('when a text file is in Big5, its traditional Chinese text comes back right', async () => {
    const tsv = bytes('https://www.aliexpress.com/item/32933148414.html\t', BIG5_NIKE, '\n');
    const [entry] = await read('big5.tsv', tsv);
    expect(entry).toMatchObject({
      input: 'https://www.aliexpress.com/item/32933148414.html',
      title: '耐吉 運動鞋',
    });
  });

  it('when a CSV is in Windows-1252 (a Western export), its accented titles and prices come back right', async () => {
    const csv = bytes(
      'url,title,seller,price\nhttps://www.aliexpress.com/item/32933148414.html,Caf',
      [0xe9],
      ' cr',
      [0xe8],
      'me br',
      [0xfb],
      'l',
      [0xe9],
      'e,M',
      [0xfc],
      'ller,',
      [0x80],
      ' 5\n',
    );
    const [entry] = await read('western.csv', csv);
    expect(entry).toMatchObject({ title: 'Café crème brûlée', seller: 'Müller', price: '€ 5' });
  });

  it('when a Windows-1252 CSV in French or Portuguese has accented words of one letter ("Sac à main", "é de couro"), it is read, not refused', async () => {
    const rows = (title: string) =>
      Buffer.concat(
        Array.from({ length: 20 }, (_, i) =>
          Buffer.from(
            `https://www.aliexpress.com/item/10050061234${5000 + i}.html;${title};12,50 \x80\r\n`,
            'latin1',
          ),
        ),
      );
    const french = await read(
      'fr.csv',
      Buffer.concat([Buffer.from('url;title;price\r\n'), rows('Sac \xe0 main cuir')]),
    );
    expect(french).toHaveLength(20);
    expect(french[0]).toMatchObject({ title: 'Sac à main cuir', price: '12,50 €' });
    const portuguese = await read(
      'pt.csv',
      Buffer.concat([Buffer.from('url;title;price\r\n'), rows('Bolsa \xe9 de couro')]),
    );
    expect(portuguese[19]).toMatchObject({ title: 'Bolsa é de couro' });
  });

  it('when a UTF-8 file has a title cut in the middle of a character, the rest is still read as UTF-8', async () => {
    const cut = Buffer.from('耐克 运动鞋', 'utf8').subarray(0, 8);
    const csv = Buffer.concat([
      Buffer.from('url,title\nhttps://www.aliexpress.com/item/32933148414.html,'),
      cut,
      Buffer.from('\nhttps://detail.1688.com/offer/682367774901.html,男士 跑步鞋 透气\n'),
    ]);
    const raw = await read('cut.csv', csv);
    expect(raw.map((e) => e.title)).toEqual(['耐克 \ufffd', '男士 跑步鞋 透气']);
  });

  it('when the bytes read as well in two encodings, the file is refused saying to save it as UTF-8', async () => {
    // "耐克" alone: as valid, and as common, in GBK as in Big5.
    const csv = bytes('https://www.aliexpress.com/item/32933148414.html,', [0xc4, 0xcd, 0xbf, 0xcb], '\n');
    const err = await refusal(read('short.csv', csv));
    expect(err.code).toBe('file_unreadable');
    expect(err.userMessage).toContain('short.csv');
    expect(err.userMessage).toContain('GBK');
    expect(err.forUser).toContain('UTF-8');
  });

  it('when the text is in an encoding it cannot tell, the file is refused rather than read garbled', async () => {
    // "Привет мир" in Windows-1251 (Cyrillic): not CJK, and not Western text either.
    const csv = bytes(
      'https://www.aliexpress.com/item/32933148414.html,',
      [0xcf, 0xf0, 0xe8, 0xe2, 0xe5, 0xf2, 0x20, 0xec, 0xe8, 0xf0],
      '\n',
    );
    const err = await refusal(read('cyrillic.csv', csv));
    expect(err.code).toBe('file_unreadable');
    expect(err.userMessage).toContain('cyrillic.csv');
    expect(err.forUser).toContain('UTF-8');
  });
});
