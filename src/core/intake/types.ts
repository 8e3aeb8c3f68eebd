import type { CaseStatus, Platform } from '../types.ts';

/** One entry as read from the input, before anything is decided about it. */
export interface RawEntry {
  /** The text as the user gave it (a pasted token, a cell's link). */
  input: string;
  /** 1-based line (text) or row (spreadsheet) number. */
  position: number;
  /** For messages: "line 3", "row 12", `sheet "Q3" row 7`. */
  location?: string | undefined;
  title?: string | undefined;
  seller?: string | undefined;
  price?: string | undefined;
  /** Why it is not filed, known when it was read (a listing outside a table's link column). */
  refusal?: string | undefined;
  /** Set by resolveShortLinks: where a short link leads. */
  resolvedUrl?: string | undefined;
  /** Set by resolveShortLinks: why a short link could not be followed. */
  unresolvedReason?: string | undefined;
}

export interface FiledCase {
  caseNumber: string;
  status: CaseStatus;
}

export interface ListingKey {
  platform: Platform;
  itemId: string;
}

/** Batch lookup of listings already filed, keyed `platform:itemId`. */
export type FiledLookup = (keys: ListingKey[]) => Map<string, FiledCase>;

export interface FileLimits {
  /** Largest file accepted, in bytes. */
  maxBytes: number;
  /** Most data rows (or text lines) accepted. */
  maxRows: number;
}

export function listingKey(platform: Platform, itemId: string): string {
  return `${platform}:${itemId}`;
}

/** Nothing filed yet: for a first run, or when there is no database. */
export const nothingFiled: FiledLookup = () => new Map();
