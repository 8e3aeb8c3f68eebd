import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { TakedownError } from '../../../../src/core/errors.ts';
import { readListingFile } from '../../../../src/core/intake/index.ts';
import { LIMITS, sheetXml, workbookParts, zipArchive } from '../helpers.ts';

const read = (filename: string, data: Buffer, limits = LIMITS) => readListingFile({ filename, data, limits });
const ALI = (n: number) => `https://www.aliexpress.com/item/${32933148400 + n}.html`;

async function build(fill: (wb: ExcelJS.Workbook) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  fill(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('reading a workbook', () => {
  it('sheets come in the order of their tabs, even when their parts are stored in another order', async () => {
    const book =
      '<workbook xmlns:r="r"><sheets><sheet name="First tab" sheetId="2" r:id="rId2"/><sheet name="Later tab" sheetId="1" r:id="rId1"/></sheets></workbook>';
    const rels =
      '<Relationships><Relationship Id="rId1" Type="x/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="x/worksheet" Target="worksheets/sheet2.xml"/></Relationships>';
    const data = zipArchive([
      { name: 'xl/workbook.xml', content: Buffer.from(book) },
      { name: 'xl/_rels/workbook.xml.rels', content: Buffer.from(rels) },
      { name: 'xl/worksheets/sheet1.xml', content: Buffer.from(sheetXml([ALI(1)])) },
      { name: 'xl/worksheets/sheet2.xml', content: Buffer.from(sheetXml([ALI(2)])) },
    ]);
    const raw = await read('tabs.xlsx', data);
    expect(raw.map((e) => [e.location, e.input])).toEqual([
      ['sheet "First tab" row 1', ALI(2)],
      ['sheet "Later tab" row 1', ALI(1)],
    ]);
  });

  it('a hyperlink on the second sheet gives its target to that sheet only', async () => {
    const data = await build((wb) => {
      wb.addWorksheet('Plain').addRow(['see the knife', 'Knife one']);
      wb.addWorksheet('Linked').addRow([{ text: 'see the knife', hyperlink: ALI(7) }, 'Knife two']);
    });
    const raw = await read('links.xlsx', data);
    expect(raw.map((e) => [e.location, e.input, e.title])).toEqual([
      ['sheet "Plain" row 1', 'see the knife', 'Knife one'],
      ['sheet "Linked" row 1', ALI(7), 'Knife two'],
    ]);
  });

  it('rich text, numbers and empty rows between entries are read as a person sees them', async () => {
    const data = await build((wb) => {
      const ws = wb.addWorksheet('S');
      ws.addRow(['Listing URL', 'Title', 'Price']);
      ws.addRow([
        {
          richText: [
            { text: 'https://www.aliexpress.com/item/' },
            { text: '32933148414.html', font: { bold: true } },
          ],
        },
        'Knife',
        12.5,
      ]);
      ws.addRow([]);
      ws.addRow([ALI(3), 'Other knife', 7]);
    });
    const raw = await read('rich.xlsx', data);
    expect(raw.map((e) => [e.position, e.input, e.title, e.price])).toEqual([
      [2, 'https://www.aliexpress.com/item/32933148414.html', 'Knife', '12.5'],
      [4, ALI(3), 'Other knife', '7'],
    ]);
  });

  it('when a workbook keeps its text in the cells (no shared strings part), it is read', async () => {
    const raw = await read('inline.xlsx', zipArchive(workbookParts(sheetXml([ALI(4), ALI(5)]))));
    expect(raw.map((e) => [e.location, e.input])).toEqual([
      ['row 1', ALI(4)],
      ['row 2', ALI(5)],
    ]);
  });

  it('when thousands of rows hold Chinese titles, every title comes back whole', async () => {
    const title = (i: number) => `河石刀具 厨房不锈钢刀 第${i}号 — 正品`;
    const data = await build((wb) => {
      const ws = wb.addWorksheet('1688');
      ws.addRow(['Listing URL', 'Title']);
      for (let i = 0; i < 12_000; i++)
        ws.addRow([`https://detail.1688.com/offer/${600000000000 + i}.html`, title(i)]);
    });
    const raw = await read('cn.xlsx', data);
    expect(raw).toHaveLength(12_000);
    expect(raw.filter((e, i) => e.title !== title(i)).map((e) => e.title)).toEqual([]);
  });

  it('entities come back as the characters they stand for, also one cut in two between pieces, and CDATA as written', async () => {
    const head = '<sst><si><t>';
    const pad = 'x'.repeat(262_144 - head.length - 2); // the 256 KB piece ends inside the next "&amp;"
    const shared = `${head}${pad}&amp;y</t></si><si><t>Knife &#x4E2D;&#22269; &lt;b&gt;</t></si><si><t><![CDATA[R&amp;D <raw>]]></t></si></sst>`;
    const row = (n: number, title: number, seller: number) =>
      `<row r="${n}"><c r="A${n}" t="inlineStr"><is><t>${ALI(n)}</t></is></c><c r="B${n}" t="s"><v>${title}</v></c><c r="C${n}" t="s"><v>${seller}</v></c></row>`;
    const sheet = `<worksheet><sheetData>${row(1, 0, 1)}${row(2, 2, 1)}</sheetData></worksheet>`;
    const [book, rels, sheetPart] = workbookParts(sheet);
    const data = zipArchive([
      book,
      rels,
      sheetPart,
      { name: 'xl/sharedStrings.xml', content: Buffer.from(shared) },
    ]);
    const raw = await read('entities.xlsx', data);
    expect(raw.map((e) => [e.title, e.seller])).toEqual([
      [`${pad}&y`, 'Knife 中国 <b>'],
      ['R&amp;D <raw>', 'Knife 中国 <b>'],
    ]);
  });

  it('a phonetic guide over Japanese text is not read as part of the text', async () => {
    const shared =
      '<sst><si><t>URL</t></si><si><t>東京ナイフ</t><rPh sb="0" eb="2"><t>トウキョウ</t></rPh></si></sst>';
    const sheet = `<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>Title</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>${ALI(1)}</t></is></c><c r="B2" t="s"><v>1</v></c></row></sheetData></worksheet>`;
    const [book, rels, sheetPart] = workbookParts(sheet);
    const relsWithStrings = {
      ...rels,
      content: Buffer.from(
        rels.content
          .toString()
          .replace(
            '</Relationships>',
            '<Relationship Id="rId9" Type="x/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
          ),
      ),
    };
    const data = zipArchive([
      book,
      relsWithStrings,
      sheetPart,
      { name: 'xl/sharedStrings.xml', content: Buffer.from(shared) },
    ]);
    const raw = await read('jp.xlsx', data);
    expect(raw.map((e) => [e.input, e.title])).toEqual([[ALI(1), '東京ナイフ']]);
  });

  it('a sheet written with namespace prefixes and without cell references is read like any other', async () => {
    const sheet = `<x:worksheet xmlns:x="main"><x:sheetData><x:row><x:c t="inlineStr"><x:is><x:t>${ALI(1)}</x:t></x:is></x:c><x:c t="inlineStr"><x:is><x:t>Knife &amp; sheath</x:t></x:is></x:c></x:row><x:row><x:c t="inlineStr"><x:is><x:t>${ALI(2)}</x:t></x:is></x:c></x:row></x:sheetData></x:worksheet>`;
    const raw = await read('prefixed.xlsx', zipArchive(workbookParts(sheet)));
    expect(raw.map((e) => [e.location, e.input, e.title])).toEqual([
      ['row 1', ALI(1), 'Knife & sheath'],
      ['row 2', ALI(2), undefined],
    ]);
  });

  it('a hyperlink over a whole sheet (A1:XFD1048576) gives its target to the cells there are, and no more', async () => {
    const rows = Array.from({ length: 3_000 }, (_, i) => `see knife ${i}`);
    const sheet = sheetXml(rows).replace(
      '</sheetData>',
      '</sheetData><hyperlinks><hyperlink ref="A1:XFD1048576" r:id="rId1"/></hyperlinks>',
    );
    const sheetRels = `<Relationships><Relationship Id="rId1" Type="x/hyperlink" Target="${ALI(9)}" TargetMode="External"/></Relationships>`;
    const data = zipArchive([
      ...workbookParts(sheet),
      { name: 'xl/worksheets/_rels/sheet1.xml.rels', content: Buffer.from(sheetRels) },
    ]);
    const raw = await read('whole-sheet-link.xlsx', data);
    expect(raw).toHaveLength(3_000);
    expect(new Set(raw.map((e) => e.input))).toEqual(new Set([ALI(9)]));
  });

  it('when hyperlinks cover the rows over and over, the workbook is refused naming the file', async () => {
    const links = '<hyperlink ref="A1:A1048576" r:id="rId1"/>'.repeat(2_000);
    const cells = Array.from({ length: 100 }, (_, i) => ALI(i));
    const sheet = sheetXml(cells).replace('</sheetData>', `</sheetData><hyperlinks>${links}</hyperlinks>`);
    const sheetRels = `<Relationships><Relationship Id="rId1" Type="x/hyperlink" Target="${ALI(9)}" TargetMode="External"/></Relationships>`;
    const data = zipArchive([
      ...workbookParts(sheet),
      { name: 'xl/worksheets/_rels/sheet1.xml.rels', content: Buffer.from(sheetRels) },
    ]);
    const err = await read('many-links.xlsx', data).then(
      () => null,
      (e: unknown) => e,
    );
    expect((err as TakedownError).code).toBe('file_unreadable');
    expect((err as TakedownError).userMessage).toContain('many-links.xlsx');
  });

  it('when many tabs name the same sheet part, it is read once, under its first tab', async () => {
    const tabs = Array.from(
      { length: 2_000 },
      (_, i) => `<sheet name="Tab ${i}" sheetId="${i + 1}" r:id="rId1"/>`,
    );
    const [book, rels, sheetPart] = workbookParts(sheetXml([ALI(1), ALI(2)]));
    const manyTabs = {
      ...book,
      content: Buffer.from(`<workbook xmlns:r="r"><sheets>${tabs.join('')}</sheets></workbook>`),
    };
    const raw = await read('tabs.xlsx', zipArchive([manyTabs, rels, sheetPart]));
    expect(raw.map((e) => [e.location, e.input])).toEqual([
      ['row 1', ALI(1)],
      ['row 2', ALI(2)],
    ]);
  });

  it('when a part is compressed far more than spreadsheet XML ever is, the workbook is refused as a zip bomb', async () => {
    const shared = `<sst>${'<si><t>x</t></si>'.repeat(400_000)}</sst>`; // 6.4 MB of one repeated item
    const [book, rels, sheetPart] = workbookParts(sheetXml([ALI(1)]));
    const data = zipArchive([
      book,
      rels,
      sheetPart,
      { name: 'xl/sharedStrings.xml', content: Buffer.from(shared) },
    ]);
    const err = await read('bomb.xlsx', data).then(
      () => null,
      (e: unknown) => e,
    );
    expect((err as TakedownError).userMessage).toContain('bomb.xlsx');
    expect((err as TakedownError).userMessage).toMatch(/compressed more than 200 to 1/);
  });

  it('when a sheet is cut short inside a row, it is refused as unreadable rather than read in part', async () => {
    const cut = sheetXml([ALI(1), ALI(2), ALI(3)]).slice(0, -60);
    const err = await read('cut.xlsx', zipArchive(workbookParts(cut))).then(
      () => null,
      (e: unknown) => e,
    );
    expect((err as TakedownError).code).toBe('file_unreadable');
    expect((err as TakedownError).userMessage).toContain('cut.xlsx is not a readable .xlsx workbook');
  });

  const refusal = (filename: string, data: Buffer) =>
    read(filename, data).then(
      () => null,
      (e: unknown) => e as TakedownError,
    );

  it('when a tab names a sheet part the archive does not hold, the workbook is refused naming the sheet', async () => {
    const book =
      '<workbook xmlns:r="r"><sheets><sheet name="S" sheetId="1" r:id="rId1"/><sheet name="More (1688)" sheetId="2" r:id="rId2"/><sheet name="Gone" sheetId="3" r:id="rId9"/></sheets></workbook>';
    const rels =
      '<Relationships><Relationship Id="rId1" Type="x/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="x/worksheet" Target="worksheets/sheet2.xml"/></Relationships>';
    const [, , sheetPart] = workbookParts(sheetXml([ALI(1)]));
    const parts = [{ name: 'xl/_rels/workbook.xml.rels', content: Buffer.from(rels) }, sheetPart];
    const err = await refusal(
      'nosheet.xlsx',
      zipArchive([{ name: 'xl/workbook.xml', content: Buffer.from(book) }, ...parts]),
    );
    expect(err?.code).toBe('file_unreadable');
    expect(err?.userMessage).toBe(
      'nosheet.xlsx is not a readable .xlsx workbook: it names the sheet "More (1688)" but does not hold its part (xl/worksheets/sheet2.xml); the file is damaged.',
    );
    // A tab whose relationship is missing too.
    const noRel = book.replace('r:id="rId2"', 'r:id="rId8"');
    const err2 = await refusal(
      'norel.xlsx',
      zipArchive([{ name: 'xl/workbook.xml', content: Buffer.from(noRel) }, ...parts]),
    );
    expect(err2?.userMessage).toContain(
      'norel.xlsx is not a readable .xlsx workbook: it names the sheet "More (1688)" but does not hold its part;',
    );
  });

  it('when cells refer to shared strings the workbook does not hold, it is refused rather than read as empty cells', async () => {
    const sheet = (index: number) =>
      `<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>${ALI(1)}</t></is></c></row><row r="2"><c r="B2" t="s"><v>${index}</v></c></row></sheetData></worksheet>`;
    const shared = {
      name: 'xl/sharedStrings.xml',
      content: Buffer.from(`<sst><si><t>${ALI(2)}</t></si></sst>`),
    };
    const [book, rels] = workbookParts('');
    const sheetPart = (index: number) => ({
      name: 'xl/worksheets/sheet1.xml',
      content: Buffer.from(sheet(index)),
    });

    expect(
      (await read('ok.xlsx', zipArchive([book, rels, sheetPart(0), shared]))).map((e) => e.input),
    ).toEqual([ALI(1), ALI(2)]);
    const noTable = await refusal('nosst.xlsx', zipArchive([book, rels, sheetPart(0)]));
    expect(noTable?.code).toBe('file_unreadable');
    expect(noTable?.userMessage).toBe(
      'nosst.xlsx is not a readable .xlsx workbook: cell B2 of sheet "S" refers to shared text the file does not hold (there is no shared-strings part); the file is damaged.',
    );
    const beyond = await refusal('beyond.xlsx', zipArchive([book, rels, sheetPart(1), shared]));
    expect(beyond?.code).toBe('file_unreadable');
    expect(beyond?.userMessage).toBe(
      'beyond.xlsx is not a readable .xlsx workbook: cell B2 of sheet "S" refers to shared text the file does not hold; the file is damaged.',
    );
  });

  it('when a sheet of a workbook is damaged XML, it is refused as unreadable naming the file', async () => {
    const broken = `<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>${ALI(1)}</t></is></c></row></sheetDat></worksheet>`;
    const err = await read('broken.xlsx', zipArchive(workbookParts(broken))).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(TakedownError);
    expect((err as TakedownError).code).toBe('file_unreadable');
    expect((err as TakedownError).userMessage).toContain('broken.xlsx is not a readable .xlsx workbook');
  });

  it('when the row limit is passed across sheets, the workbook is refused naming the limit', async () => {
    const data = await build((wb) => {
      for (const name of ['A', 'B']) {
        const ws = wb.addWorksheet(name);
        ws.addRow(['Listing URL']);
        for (let i = 0; i < 6; i++) ws.addRow([ALI(name === 'A' ? i : 10 + i)]);
      }
    });
    const err = await read('two.xlsx', data, { maxBytes: LIMITS.maxBytes, maxRows: 10 }).then(
      () => null,
      (e: unknown) => e,
    );
    expect((err as TakedownError).code).toBe('too_many_rows');
    expect((err as TakedownError).userMessage).toContain('two.xlsx');
    expect((err as TakedownError).userMessage).toContain('10 rows');
    const fits = await read('two.xlsx', data, { maxBytes: LIMITS.maxBytes, maxRows: 12 });
    expect(fits).toHaveLength(12);
  });
});
