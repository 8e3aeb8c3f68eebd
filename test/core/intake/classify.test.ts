import { describe, expect, it } from 'vitest';
import { TakedownError } from '../../../src/core/errors.ts';
import {
  classifyEntries,
  type FiledLookup,
  nothingFiled,
  type RawEntry,
  splitForPortal,
  splitIntoChunks,
} from '../../../src/core/intake/index.ts';

const raw = (inputs: string[]): RawEntry[] =>
  inputs.map((input, i) => ({ input, position: i + 1, location: `line ${i + 1}` }));

describe('classifying entries', () => {
  it('when the same listing comes twice in different noise, the second is a duplicate naming the first', () => {
    const entries = classifyEntries(
      raw([
        'https://www.aliexpress.com/item/1005005129583807.html?spm=1',
        'https://m.aliexpress.com/item/1005005129583807.html#x',
        'https://detail.1688.com/offer/682367774901.html',
      ]),
      nothingFiled,
    );
    expect(entries.map((e) => e.status)).toEqual(['ok', 'duplicate', 'ok']);
    expect(entries[1]?.reason).toContain('line 1');
    expect(entries[1]?.url).toBe('https://www.aliexpress.com/item/1005005129583807.html');
  });

  it('when a listing was filed before, it is already_filed with the case number and status, in one lookup', () => {
    const calls: number[] = [];
    const filed: FiledLookup = (keys) => {
      calls.push(keys.length);
      return new Map([
        ['1688:682367774901', { caseNumber: '201303080211081192', status: 'removed' as const }],
      ]);
    };
    const entries = classifyEntries(
      raw([
        'https://detail.1688.com/offer/682367774901.html',
        'https://www.aliexpress.com/item/32933148414.html',
        'nope',
      ]),
      filed,
    );
    expect(entries.map((e) => e.status)).toEqual(['already_filed', 'ok', 'invalid']);
    expect(entries[0]?.reason).toBe('already filed: case 201303080211081192 (Listing Removed)');
    expect(calls).toEqual([2]);
  });

  it('when a listing filed before comes twice, the first is already_filed and the second a duplicate naming the first', () => {
    const filed: FiledLookup = () =>
      new Map([
        ['aliexpress:32933148414', { caseNumber: '201303080211081192', status: 'in_progress' as const }],
      ]);
    const entries = classifyEntries(
      raw([
        'https://www.aliexpress.com/item/32933148414.html',
        'https://detail.1688.com/offer/682367774901.html',
        'https://m.aliexpress.com/item/32933148414.html?spm=1',
      ]),
      filed,
    );
    expect(entries.map((e) => [e.status, e.reason])).toEqual([
      ['already_filed', 'already filed: case 201303080211081192 (In Progress)'],
      ['ok', null],
      [
        'duplicate',
        'duplicate: the same listing as line 1 (https://www.aliexpress.com/item/32933148414.html)',
      ],
    ]);
  });

  it('every entry comes out, in input order, with its title, seller and price', () => {
    const input: RawEntry[] = [
      {
        input: 'https://www.aliexpress.com/item/32933148414.html',
        position: 2,
        title: 'Knife',
        seller: 'Mr Chen',
        price: 'US $5',
      },
      { input: 'https://www.ebay.com/itm/1', position: 3 },
    ];
    const entries = classifyEntries(input, nothingFiled);
    expect(entries.map((e) => [e.position, e.status, e.title, e.seller, e.price])).toEqual([
      [2, 'ok', 'Knife', 'Mr Chen', 'US $5'],
      [3, 'invalid', undefined, undefined, undefined],
    ]);
  });

  it('when a short link was resolved, the listing it leads to is what gets classified', () => {
    const entries = classifyEntries(
      [
        {
          input: 'https://a.aliexpress.com/_mRvStN1',
          position: 1,
          resolvedUrl: 'https://www.aliexpress.com/item/32933148414.html?x=1',
        },
        { input: 'https://a.aliexpress.com/_other', position: 2, resolvedUrl: 'https://www.aliexpress.com/' },
        {
          input: 'https://a.aliexpress.com/_gone',
          position: 3,
          unresolvedReason: 'the short link could not be opened',
        },
      ],
      nothingFiled,
    );
    expect(entries.map((e) => [e.input, e.status, e.url])).toEqual([
      ['https://a.aliexpress.com/_mRvStN1', 'ok', 'https://www.aliexpress.com/item/32933148414.html'],
      ['https://a.aliexpress.com/_other', 'invalid', null],
      ['https://a.aliexpress.com/_gone', 'unresolved', null],
    ]);
    expect(entries[1]?.reason).toContain('leads to https://www.aliexpress.com/');
    expect(entries[2]?.reason).toBe('the short link could not be opened');
  });

  it('when the same short link comes twice, the first is unresolved and the second a duplicate naming it', () => {
    const entries = classifyEntries(
      raw([
        'https://a.aliexpress.com/_mKabc12',
        'https://www.aliexpress.com/item/32933148414.html',
        'A.ALIEXPRESS.COM/_mKabc12',
        'https://a.aliexpress.com/_mkabc12',
      ]),
      nothingFiled,
    );
    // Short-link codes are case-sensitive: another code is another link.
    expect(entries.map((e) => e.status)).toEqual(['unresolved', 'ok', 'duplicate', 'unresolved']);
    expect(entries[0]?.reason).toContain('short link: it has to be followed');
    expect(entries[2]?.reason).toBe(
      'duplicate: the same short link as line 1 (https://a.aliexpress.com/_mKabc12)',
    );
  });

  it('when a short link that could not be followed comes twice, the second is a duplicate and the first keeps why', () => {
    const gone = {
      input: 'https://a.aliexpress.com/_gone',
      unresolvedReason: 'the short link could not be opened',
    };
    const entries = classifyEntries(
      [
        { ...gone, position: 1, location: 'line 1' },
        { ...gone, position: 2, location: 'line 2' },
      ],
      nothingFiled,
    );
    expect(entries.map((e) => [e.status, e.reason])).toEqual([
      ['unresolved', 'the short link could not be opened'],
      ['duplicate', 'duplicate: the same short link as line 1 (https://a.aliexpress.com/_gone)'],
    ]);
  });
});

describe('portal batches', () => {
  it('when a batch has 450 listings, it is split into 3 AliProtect submissions of at most 200', () => {
    const chunks = splitForPortal(
      Array.from({ length: 450 }, (_, i) => i),
      'aliprotect',
    );
    expect(chunks.map((c) => c.length)).toEqual([200, 200, 50]);
    expect(chunks.flat()).toEqual(Array.from({ length: 450 }, (_, i) => i));
  });

  it('when the profile is IPP, 450 listings make 2 submissions of at most 300', () => {
    expect(splitForPortal(Array.from({ length: 450 }), 'ipp').map((c) => c.length)).toEqual([300, 150]);
  });

  it('when there is nothing to file, there is no submission', () => {
    expect(splitIntoChunks([], 200)).toEqual([]);
  });

  it('when the limit is not a positive whole number, it is refused', () => {
    expect(() => splitIntoChunks([1], 0)).toThrow(TakedownError);
  });
});
