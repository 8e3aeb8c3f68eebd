/**
 * What intake needs from each part of a workbook (ECMA-376 SpreadsheetML), as XmlHandlers:
 * relationships, the workbook's tabs, the shared strings, and a worksheet's rows and hyperlinks.
 * Phonetic guides (`<rPh>`, furigana over Japanese text) are not part of a cell's text and are left out.
 */
import { cellText, type RawCell } from './cell-text.ts';
import { type Attributes, decodeEntities, type XmlHandler } from './xml-reader.ts';

/** A handler that only reads elements, never text. */
abstract class ElementsOnly implements XmlHandler {
  readonly wantsText = false;
  abstract readonly attributes: ReadonlySet<string>;
  abstract open(name: string, attrs: Attributes): void;
  close(): void {}
  text(): void {}
}

export interface Relationship {
  id: string;
  type: string;
  target: string;
}

/** `_rels/*.rels`: every relationship. */
export class RelationshipsPart extends ElementsOnly {
  readonly relationships: Relationship[] = [];
  readonly attributes = new Set(['Id', 'Type', 'Target']);
  open(name: string, attrs: Attributes): void {
    if (name !== 'Relationship') return;
    const id = attrs.get('Id');
    const target = attrs.get('Target');
    if (id && target) this.relationships.push({ id, type: attrs.get('Type') ?? '', target });
  }
}

export interface Tab {
  name: string;
  relationshipId: string;
}

/** `xl/workbook.xml`: the sheets in the order of their tabs. */
export class WorkbookPart extends ElementsOnly {
  readonly tabs: Tab[] = [];
  /** `id` is the relationship (`r:id`). */
  readonly attributes = new Set(['name', 'id']);
  open(name: string, attrs: Attributes): void {
    if (name !== 'sheet') return;
    const relationshipId = attrs.get('id');
    if (relationshipId)
      this.tabs.push({ name: attrs.get('name') ?? `Sheet${this.tabs.length + 1}`, relationshipId });
  }
}

/** `xl/sharedStrings.xml`: each string item's text, runs joined. */
export class SharedStringsPart implements XmlHandler {
  readonly strings: string[] = [];
  readonly attributes: ReadonlySet<string> = new Set();
  wantsText = false;
  private current = '';
  private inItem = false;
  private inPhonetic = false;

  open(name: string, _attrs: Attributes): void {
    if (name === 'si') {
      this.inItem = true;
      this.current = '';
    } else if (name === 't') {
      this.wantsText = this.inItem && !this.inPhonetic;
    } else if (name === 'rPh') {
      this.inPhonetic = true;
    }
  }
  text(text: string): void {
    this.current += text;
  }
  close(name: string): void {
    if (name === 't') this.wantsText = false;
    else if (name === 'rPh') this.inPhonetic = false;
    else if (name === 'si') {
      this.strings.push(decodeEntities(this.current));
      this.inItem = false;
    }
  }
}

/** How many capital letters a cell reference starts with ("AB12": 2). */
function letterCount(ref: string): number {
  let i = 0;
  while (i < ref.length && ref.charCodeAt(i) >= 65 && ref.charCodeAt(i) <= 90) i++;
  return i;
}

/** Column (0-based) of a reference such as "B12"; NaN when it has none. */
export function cellColumn(ref: string): number {
  const letters = letterCount(ref);
  if (letters === 0) return Number.NaN;
  let col = 0;
  for (let i = 0; i < letters; i++) col = col * 26 + (ref.charCodeAt(i) - 64);
  return col - 1;
}

/** The letters of a 0-based column ("A", "AB"). */
export function columnLetters(col: number): string {
  let letters = '';
  for (let n = col + 1; n > 0; n = Math.floor((n - 1) / 26))
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

/** Column (0-based) and row (1-based) of a reference such as "B12"; NaN parts when it has none. */
export function cellRef(ref: string): { col: number; row: number } {
  return { col: cellColumn(ref), row: Number.parseInt(ref.slice(letterCount(ref)), 10) };
}

export interface SheetLink {
  /** A cell or range reference ("B2", "B2:B9"). */
  ref: string;
  relationshipId: string;
}

/** Called with each row that has content; may throw to stop reading (the row limit). */
export type RowSink = (cells: string[], rowNumber: number) => void;

type Capture = 'none' | 'value' | 'formula' | 'inline';

/**
 * A worksheet: each row's cells as text (`cells[col]`, empty cells left as holes), in order, and the
 * sheet's hyperlinks. Rows and cells without a reference follow the one before, as the format allows.
 */
export class WorksheetPart implements XmlHandler {
  readonly links: SheetLink[] = [];
  /** The first cell (t="s") whose shared-string index is not in the table: the workbook is damaged. */
  missingString: string | null = null;
  /** Row and cell references, cell types, and a hyperlink's cells and relationship (`r:id`). */
  readonly attributes = new Set(['r', 't', 'ref', 'id']);
  wantsText = false;
  private rowNumber = 0;
  private cells: string[] | null = null;
  private nextCol = 0;
  private readonly cell: RawCell = { type: 'n', value: '', formula: null, inline: '' };
  private col = 0;
  private inCell = false;
  private inInline = false;
  private inPhonetic = false;
  private capture: Capture = 'none';

  constructor(
    private readonly sharedStrings: readonly string[],
    private readonly onRow: RowSink,
  ) {}

  open(name: string, attrs: Attributes): void {
    switch (name) {
      case 'row': {
        const r = Number.parseInt(attrs.get('r') ?? '', 10);
        this.rowNumber = Number.isFinite(r) ? r : this.rowNumber + 1;
        this.cells = [];
        this.nextCol = 0;
        return;
      }
      case 'c': {
        if (!this.cells) return;
        const ref = attrs.get('r');
        const col = ref ? cellColumn(ref) : Number.NaN;
        this.col = Number.isFinite(col) ? col : this.nextCol;
        this.inCell = true;
        this.cell.type = attrs.get('t') ?? 'n';
        this.cell.value = '';
        this.cell.formula = null;
        this.cell.inline = '';
        return;
      }
      case 'v':
        this.startCapture('value');
        return;
      case 'f':
        if (this.inCell) this.cell.formula = '';
        this.startCapture('formula');
        return;
      case 'is':
        this.inInline = this.inCell;
        return;
      case 'rPh':
        this.inPhonetic = true;
        return;
      case 't':
        if (this.inInline && !this.inPhonetic) this.startCapture('inline');
        return;
      case 'hyperlink': {
        const ref = attrs.get('ref');
        const relationshipId = attrs.get('id');
        if (ref && relationshipId) this.links.push({ ref, relationshipId });
        return;
      }
      default:
        return;
    }
  }

  /** An empty `<v>` is an empty cell; any other value must be an index into the table. */
  private hasSharedString(value: string): boolean {
    const v = value.trim();
    if (v === '') return true;
    const index = /^\d+$/.test(v) ? Number(v) : Number.NaN;
    return index < this.sharedStrings.length;
  }

  private startCapture(what: Capture): void {
    if (!this.inCell) return;
    this.capture = what;
    this.wantsText = true;
  }

  text(text: string): void {
    if (this.capture === 'value') this.cell.value += text;
    else if (this.capture === 'formula') this.cell.formula += text;
    else if (this.capture === 'inline') this.cell.inline += text;
  }

  close(name: string): void {
    switch (name) {
      case 'v':
      case 'f':
      case 't':
        this.capture = 'none';
        this.wantsText = false;
        return;
      case 'rPh':
        this.inPhonetic = false;
        return;
      case 'is':
        this.inInline = false;
        return;
      case 'c': {
        if (!this.inCell || !this.cells) return;
        this.inCell = false;
        const cell = this.cell;
        cell.value = decodeEntities(cell.value);
        cell.inline = decodeEntities(cell.inline);
        if (cell.formula) cell.formula = decodeEntities(cell.formula);
        if (cell.type === 's' && this.missingString === null && !this.hasSharedString(cell.value)) {
          this.missingString = `${columnLetters(this.col)}${this.rowNumber}`;
        }
        const text = cellText(cell, this.sharedStrings);
        if (text !== '') this.cells[this.col] = text;
        this.nextCol = this.col + 1;
        return;
      }
      case 'row': {
        const cells = this.cells;
        this.cells = null;
        if (cells && cells.length > 0) this.onRow(cells, this.rowNumber);
        return;
      }
      default:
        return;
    }
  }
}
