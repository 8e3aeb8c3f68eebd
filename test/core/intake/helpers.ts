import { readFileSync } from 'node:fs';
import { deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';

/** The shared fixtures, beside the repository: ../shared/fixtures. */
export function fixture(name: string): Buffer {
  return readFileSync(new URL(`../../../../shared/fixtures/${name}`, import.meta.url));
}

export const LIMITS = { maxBytes: 20 * 1024 * 1024, maxRows: 100_000 };

/** An .xlsx built in memory with exceljs; cells may be hyperlinks or formulas. */
export async function workbook(sheets: Record<string, ExcelJS.CellValue[][]>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const ws = wb.addWorksheet(name);
    for (const r of rows) ws.addRow(r);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export interface ZipFileSpec {
  name: string;
  content: Buffer;
  /** The unpacked size the headers state, when it should not be the true one. */
  declaredSize?: number;
  /** false: the entry is in the archive but not in its directory (hidden from a directory reader). */
  listed?: boolean;
  /** General-purpose flags (bit 0: encrypted). */
  flags?: number;
}

/** A ZIP archive written by hand, so a test can make one that lies about its sizes or hides entries. */
export function zipArchive(files: ZipFileSpec[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  let listed = 0;
  for (const f of files) {
    const packed = deflateRawSync(f.content);
    const name = Buffer.from(f.name);
    const size = f.declaredSize ?? f.content.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(f.flags ?? 0, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, packed);
    if (f.listed !== false) {
      const central = Buffer.alloc(46);
      central.writeUInt32LE(0x02014b50, 0);
      central.writeUInt16LE(20, 6);
      central.writeUInt16LE(f.flags ?? 0, 8);
      central.writeUInt16LE(8, 10);
      central.writeUInt32LE(packed.length, 20);
      central.writeUInt32LE(size, 24);
      central.writeUInt16LE(name.length, 28);
      central.writeUInt32LE(offset, 42);
      centrals.push(central, name);
      listed++;
    }
    offset += 30 + name.length + packed.length;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(listed, 8);
  end.writeUInt16LE(listed, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}

/** The parts of a one-sheet workbook ("S"), by hand, with the given sheet XML as its only sheet. */
export function workbookParts(sheetXml: string): [ZipFileSpec, ZipFileSpec, ZipFileSpec] {
  const workbookXml =
    '<workbook xmlns:r="r"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>';
  const rels =
    '<Relationships><Relationship Id="rId1" Type="x/worksheet" Target="worksheets/sheet1.xml"/></Relationships>';
  return [
    { name: 'xl/workbook.xml', content: Buffer.from(workbookXml) },
    { name: 'xl/_rels/workbook.xml.rels', content: Buffer.from(rels) },
    { name: 'xl/worksheets/sheet1.xml', content: Buffer.from(sheetXml) },
  ];
}

/** A sheet's XML with one inline-string cell per row, in column A. */
export function sheetXml(cells: string[]): string {
  const rows = cells.map(
    (text, i) => `<row r="${i + 1}"><c r="A${i + 1}" t="inlineStr"><is><t>${text}</t></is></c></row>`,
  );
  return `<worksheet><sheetData>${rows.join('')}</sheetData></worksheet>`;
}
