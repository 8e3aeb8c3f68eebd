/**
 * Decides every entry: ok, duplicate (naming the first occurrence), already_filed (with the case and
 * its status), invalid or unresolved (with the reason). Output is in input order, one per raw entry.
 */
import { classifyUrl, labelled, readLink } from '../listing-url.ts';
import { CASE_STATUS_LABEL, type IntakeEntry, type Platform } from '../types.ts';
import { type FiledCase, type FiledLookup, type ListingKey, listingKey, type RawEntry } from './types.ts';

function describe(raw: RawEntry): string {
  return raw.location ?? `entry ${raw.position}`;
}

/** Every entry has the same fields in the same order (one object shape, cheap at 100,000 rows). */
function makeEntry(
  raw: RawEntry,
  status: IntakeEntry['status'],
  platform: Platform | null,
  itemId: string | null,
  url: string | null,
  reason: string | null,
): IntakeEntry {
  return {
    input: raw.input,
    status,
    platform,
    itemId,
    url,
    reason,
    position: raw.position,
    location: raw.location,
    title: raw.title,
    seller: raw.seller,
    price: raw.price,
  };
}

export function classifyEntries(raw: RawEntry[], filed: FiledLookup): IntakeEntry[] {
  const entries: IntakeEntry[] = [];
  // The first entry of each listing, by platform and then item id: no "platform:id" string per entry.
  const first: Record<Platform, Map<string, RawEntry>> = {
    aliexpress: new Map(),
    alibaba: new Map(),
    '1688': new Map(),
  };
  const keys: ListingKey[] = [];
  // Where the first occurrence of each listing is in `entries`: only those can turn out already filed.
  const firsts: number[] = [];
  // The first entry of each short link that was not followed: the same one again is a duplicate of it.
  const firstShort = new Map<string, RawEntry>();
  for (const entry of raw) {
    if (entry.refusal !== undefined) {
      entries.push(makeEntry(entry, 'invalid', null, null, null, entry.refusal));
      continue;
    }
    const link = readLink(entry.resolvedUrl ?? entry.input);
    const parsed = link.ok ? labelled(entry.resolvedUrl ?? entry.input, classifyUrl(link.url)) : link;
    if (!parsed.ok && parsed.status === 'unresolved' && link.ok && entry.resolvedUrl === undefined) {
      // Its code is in the path (and case matters there); the host is one of the short-link hosts.
      const key = `${link.url.hostname.toLowerCase()}${link.url.pathname}`;
      const firstSeen = firstShort.get(key);
      if (firstSeen !== undefined && firstSeen !== entry) {
        const reason = `duplicate: the same short link as ${describe(firstSeen)} (${firstSeen.input})`;
        entries.push(makeEntry(entry, 'duplicate', null, null, null, reason));
        continue;
      }
      if (firstSeen === undefined) firstShort.set(key, entry);
    }
    if (!parsed.ok) {
      const reason =
        entry.resolvedUrl !== undefined
          ? `the short link leads to ${entry.resolvedUrl}: ${parsed.reason}`
          : (entry.unresolvedReason ?? parsed.reason);
      entries.push(makeEntry(entry, parsed.status, null, null, null, reason));
      continue;
    }
    const { platform, itemId, url } = parsed;
    const firstSeen = first[platform].get(itemId);
    if (firstSeen !== undefined && firstSeen !== entry) {
      const reason = `duplicate: the same listing as ${describe(firstSeen)} (${firstSeen.input})`;
      entries.push(makeEntry(entry, 'duplicate', platform, itemId, url, reason));
      continue;
    }
    if (firstSeen === undefined) {
      first[platform].set(itemId, entry);
      keys.push({ platform, itemId });
    }
    firsts.push(entries.length);
    entries.push(makeEntry(entry, 'ok', platform, itemId, url, null));
  }
  const filedCases = keys.length > 0 ? filed(keys) : new Map<string, FiledCase>();
  if (filedCases.size === 0) return entries;
  for (const index of firsts) {
    const entry = entries[index] as IntakeEntry;
    const done = filedCases.get(listingKey(entry.platform as Platform, entry.itemId as string));
    if (done) {
      entry.status = 'already_filed';
      entry.reason = `already filed: case ${done.caseNumber} (${CASE_STATUS_LABEL[done.status]})`;
    }
  }
  return entries;
}
