/**
 * Intake: what people paste or export becomes listings, or refusals with a reason.
 *   raw = extractFromText(text) | await readListingFile({ filename, data, limits })
 *   raw = await resolveShortLinks(raw, { timeoutMs, maxHops })   // optional, needs the network
 *   entries = classifyEntries(raw, filedLookup(db))
 *   chunks = splitIntoChunks(listings, PORTAL_PROFILES[profile])
 */
export { splitForPortal, splitIntoChunks } from './chunks.ts';
export { classifyEntries } from './classify.ts';
export { extractFromText, findLinks } from './extract-text.ts';
export { type ListingFileInput, readListingFile } from './read-file.ts';
export { resolveShortLinks, type ShortLinkOptions } from './short-links.ts';
export {
  type FiledCase,
  type FiledLookup,
  type FileLimits,
  type ListingKey,
  listingKey,
  nothingFiled,
  type RawEntry,
} from './types.ts';
