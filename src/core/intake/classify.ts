/**
 * Decides every entry: ok, duplicate (naming the first occurrence), already_filed (with the case and
 * its status), invalid or unresolved (with the reason). Output is in input order, one per raw entry.
 */
import { parseListingUrl } from '../listing-url.ts';
import { CASE_STATUS_LABEL, type IntakeEntry, type Platform } from '../types.ts';
import { type FiledCase, type FiledLookup, type ListingKey, listingKey, type RawEntry } from './types.ts';

function describe(raw: RawEntry): string {
  return raw.location ?? `entry ${raw.position}`;
}

function refused(raw: RawEntry, status: 'invalid' | 'unresolved', reason: string): IntakeEntry {
  return withDetails(raw, {
    input: raw.input,
    status,
    platform: null,
    itemId: null,
    url: null,
    reason,
    position: raw.position,
  });
}

function withDetails(raw: RawEntry, entry: IntakeEntry): IntakeEntry {
  if (raw.location !== undefined) entry.location = raw.location;
  if (raw.title) entry.title = raw.title;
  if (raw.seller) entry.seller = raw.seller;
  if (raw.price) entry.price = raw.price;
  return entry;
}

interface Parsed {
  raw: RawEntry;
  platform: Platform;
  itemId: string;
  url: string;
  key: string;
}

export function classifyEntries(raw: RawEntry[], filed: FiledLookup): IntakeEntry[] {
  const out: (IntakeEntry | Parsed)[] = [];
  const keys: ListingKey[] = [];
  const first = new Map<string, RawEntry>();
  for (const entry of raw) {
    const parsed = parseListingUrl(entry.resolvedUrl ?? entry.input);
    if (!parsed.ok) {
      if (entry.resolvedUrl !== undefined) {
        out.push(
          refused(entry, parsed.status, `the short link leads to ${entry.resolvedUrl}: ${parsed.reason}`),
        );
      } else {
        out.push(refused(entry, parsed.status, entry.unresolvedReason ?? parsed.reason));
      }
      continue;
    }
    const key = listingKey(parsed.platform, parsed.itemId);
    if (!first.has(key)) {
      first.set(key, entry);
      keys.push({ platform: parsed.platform, itemId: parsed.itemId });
    }
    out.push({ raw: entry, platform: parsed.platform, itemId: parsed.itemId, url: parsed.url, key });
  }
  const filedCases = keys.length > 0 ? filed(keys) : new Map<string, FiledCase>();
  return out.map((item) => {
    if (!('key' in item)) return item;
    const { raw: entry, platform, itemId, url, key } = item;
    const base = { input: entry.input, platform, itemId, url, position: entry.position };
    const firstSeen = first.get(key);
    if (firstSeen !== entry && firstSeen !== undefined) {
      const reason = `duplicate: the same listing as ${describe(firstSeen)} (${firstSeen.input})`;
      return withDetails(entry, { ...base, status: 'duplicate', reason });
    }
    const done = filedCases.get(key);
    if (done) {
      const reason = `already filed: case ${done.caseNumber} (${CASE_STATUS_LABEL[done.status]})`;
      return withDetails(entry, { ...base, status: 'already_filed', reason });
    }
    return withDetails(entry, { ...base, status: 'ok', reason: null });
  });
}
