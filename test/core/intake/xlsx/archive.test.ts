import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { TakedownError } from '../../../../src/core/errors.ts';
import { readListingFile } from '../../../../src/core/intake/index.ts';
import { openArchive } from '../../../../src/core/intake/xlsx/archive.ts';
import { LIMITS, sheetXml, workbook, workbookParts, zipArchive } from '../helpers.ts';

const ZIP_LIMITS = { maxUnpackedBytes: 64 * 1024 * 1024, maxEntries: 100, maxRatio: 1000 };
const ALI = (n: number) => `https://www.aliexpress.com/item/${32933148400 + n}.html`;

async function refusal(promise: Promise<unknown>): Promise<TakedownError> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(TakedownError);
  expect((err as TakedownError).userMessage).toContain('upload.xlsx');
  return err as TakedownError;
}

const open = (data: Buffer, limits = ZIP_LIMITS) => openArchive('upload.xlsx', data, limits);
const read = (data: Buffer) => readListingFile({ filename: 'upload.xlsx', data, limits: LIMITS });

describe('the archive of a workbook', () => {
  it('when a workbook written by a spreadsheet program is opened, the names of all its parts come back', async () => {
    const archive = await open(await workbook({ S: [[ALI(1)]] }));
    expect(archive.names).toContain('xl/workbook.xml');
    expect(archive.names).toContain('xl/worksheets/sheet1.xml');
    archive.close();
  });

  it('when a sheet is in the archive but hidden from its directory, it is never read: the workbook is refused as missing it', async () => {
    const [book, rels, sheet] = workbookParts(sheetXml([ALI(1)]));
    const twoTabs = {
      ...book,
      content: Buffer.from(
        '<workbook xmlns:r="r"><sheets><sheet name="S" sheetId="1" r:id="rId1"/><sheet name="H" sheetId="2" r:id="rId2"/></sheets></workbook>',
      ),
    };
    const twoRels = {
      ...rels,
      content: Buffer.from(
        '<Relationships><Relationship Id="rId1" Type="x/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="x/worksheet" Target="worksheets/sheet2.xml"/></Relationships>',
      ),
    };
    const hidden = {
      name: 'xl/worksheets/sheet2.xml',
      content: Buffer.from(sheetXml([ALI(2)])),
      listed: false,
    };
    const err = await refusal(read(zipArchive([twoTabs, twoRels, sheet, hidden])));
    expect(err.code).toBe('file_unreadable');
    expect(err.userMessage).toContain(
      'it names the sheet "H" but does not hold its part (xl/worksheets/sheet2.xml)',
    );
    expect(err.userMessage).not.toContain(ALI(2));
  });

  it('when a part unpacks to less than it declares, the workbook is refused as damaged', async () => {
    const [book, rels, sheet] = workbookParts(sheetXml([ALI(1)]));
    const err = await refusal(read(zipArchive([book, rels, { ...sheet, declaredSize: 1_000_000 }])));
    expect(err.code).toBe('file_unreadable');
    expect(err.userMessage).toContain('"xl/worksheets/sheet1.xml" is damaged');
  });

  it('when the archive holds more files than the limit, it is refused naming the limit', async () => {
    const err = await refusal(
      open(zipArchive(workbookParts(sheetXml([ALI(1)]))), { ...ZIP_LIMITS, maxEntries: 2 }),
    );
    expect(err.code).toBe('file_too_large');
    expect(err.userMessage).toContain('holds 3 files (limit 2)');
  });

  it('when the declared unpacked sizes add up to more than the limit, it is refused naming the limit in MB', async () => {
    const noise = { name: 'xl/media/noise.bin', content: randomBytes(3 * 1024 * 1024) };
    const err = await refusal(
      open(zipArchive([...workbookParts(sheetXml([ALI(1)])), noise]), {
        ...ZIP_LIMITS,
        maxUnpackedBytes: 2 * 1024 * 1024,
      }),
    );
    expect(err.code).toBe('file_too_large');
    expect(err.userMessage).toContain('unpacks to more than 2 MB');
  });

  it('when a part is password-protected, the workbook is refused as unreadable', async () => {
    const [book, rels, sheet] = workbookParts(sheetXml([ALI(1)]));
    const err = await refusal(open(zipArchive([book, rels, { ...sheet, flags: 1 }])));
    expect(err.code).toBe('file_unreadable');
    expect(err.userMessage).toContain('password-protected');
  });
});
