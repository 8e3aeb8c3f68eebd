import { describe, expect, it } from 'vitest';
import { classifyEntries, extractFromText, findLinks, nothingFiled } from '../../../src/core/intake/index.ts';

/** What intake makes of a pasted text: each entry's input, status and canonical URL (or reason). */
const verdicts = (text: string) =>
  classifyEntries(extractFromText(text), nothingFiled).map((e) => [e.input, e.status, e.url ?? e.reason]);

describe('pasted text', () => {
  it('when a Slack message holds link markup, each link is one entry with its line', () => {
    const text = [
      'please file these',
      '<https://www.aliexpress.com/item/1005005129583807.html?spm=a&amp;b=c|knife> and <https://detail.1688.com/offer/682367774901.html>',
      '',
      'www.aliexpress.com/item/32933148414.html, https://www.ebay.com/itm/1',
    ].join('\n');
    expect(extractFromText(text).map((e) => [e.position, e.input])).toEqual([
      [2, '<https://www.aliexpress.com/item/1005005129583807.html?spm=a&amp;b=c|knife>'],
      [2, '<https://detail.1688.com/offer/682367774901.html>'],
      [4, 'www.aliexpress.com/item/32933148414.html'],
      [4, 'https://www.ebay.com/itm/1'],
    ]);
  });

  it('when lines around the links are talk ("thanks!", "cc <@U0123ABC>"), they are no entries; a line that may be a broken link or a bare id is reported', () => {
    const text = [
      'thanks!',
      'https://www.aliexpress.com/item/1005005129583807.html',
      'cc <@U0123ABC> <!here> please check',
      'and 1005004150428609 too',
      'aliexpress item/ 32933148414 html',
      '1005 0061 2345 6782',
      '速卖通 商品号 １００５００６１２３４５６７８９',
      'Ali Express 4000 1234 5678',
    ].join('\n');
    expect(extractFromText(text).map((e) => [e.position, e.input])).toEqual([
      [2, 'https://www.aliexpress.com/item/1005005129583807.html'],
      [4, 'and 1005004150428609 too'],
      [5, 'aliexpress item/ 32933148414 html'],
      [6, '1005 0061 2345 6782'],
      [7, '速卖通 商品号 １００５００６１２３４５６７８９'],
      [8, 'Ali Express 4000 1234 5678'],
    ]);
  });

  it('when a link shows another listing than it leads to (Slack or Markdown label), it is refused naming both; a label that is the same listing or a title lets it stand', () => {
    const ae = (id: string) => `https://www.aliexpress.com/item/${id}.html`;
    const seen = verdicts(
      [
        `<${ae('1005004150428692')}|${ae('1005004150428111')}>`,
        `[${ae('1005004150428112')}](${ae('1005004150428694')})`,
        `<${ae('1005004150428693')}?spm=x|${ae('1005004150428693')}>`,
        `<${ae('1005004150428695')}|Knife>`,
      ].join('\n'),
    );
    expect(seen.map(([, status]) => status)).toEqual(['invalid', 'invalid', 'ok', 'ok']);
    expect(seen[0]?.[2]).toBe(
      `the link shows ${ae('1005004150428111')} but leads to ${ae('1005004150428692')}: not filed, since it is not certain which is meant; paste the listing's own link`,
    );
  });

  it('when a line is prose around a link, only the link is taken', () => {
    const entries = extractFromText('see (https://www.aliexpress.com/item/1005005129583807.html). thanks');
    expect(entries.map((e) => e.input)).toEqual(['https://www.aliexpress.com/item/1005005129583807.html']);
  });

  it('when the text has no link at all, there are no entries', () => {
    expect(extractFromText('hello team, anything new?\nfile.csv is attached')).toEqual([]);
  });

  it('when a line has a formula or a markdown link, the whole of it is one entry', () => {
    const entries = extractFromText(
      '=HYPERLINK("https://www.aliexpress.com/item/1005005129583807.html","a knife")\n[knife](https://m.aliexpress.com/i/32933148414.html)',
    );
    expect(entries.map((e) => e.input)).toEqual([
      '=HYPERLINK("https://www.aliexpress.com/item/1005005129583807.html","a knife")',
      '[knife](https://m.aliexpress.com/i/32933148414.html)',
    ]);
  });

  it('Slack mentions are not links', () => {
    expect(extractFromText('<@U123> <#C123|general> <!here>')).toEqual([]);
  });

  it('a 200,000-character run of letters, dotted letters or brackets (a pasted blob) holds no link and is read to its end', () => {
    // Unbounded, each of these took time growing with the square of its length (40,000 letters: 20 s).
    for (const blob of ['a'.repeat(200_000), 'a.'.repeat(100_000), '['.repeat(200_000)]) {
      expect(findLinks(blob)).toEqual([]);
    }
    const link = 'https://www.aliexpress.com/item/1005005129583807.html';
    expect(findLinks(`${'a.'.repeat(100_000)} ${link}`)).toEqual([link]);
  });

  it('when a link is pasted percent-encoded whole, it is one entry and reads as the listing, as it does in a CSV cell', () => {
    const encoded = 'https%3A%2F%2Fwww.aliexpress.com%2Fitem%2F1005006123456803.html';
    expect(verdicts(`${encoded}\nsee ${encoded.replace('.html', '.html%3Fspm%3Da2g0o%26x%3D1')}.`)).toEqual([
      [encoded, 'ok', 'https://www.aliexpress.com/item/1005006123456803.html'],
      [
        encoded.replace('.html', '.html%3Fspm%3Da2g0o%26x%3D1'),
        'duplicate',
        'https://www.aliexpress.com/item/1005006123456803.html',
      ],
    ]);
  });

  it('when links are run together by a comma or a semicolon, each is an entry of its own', () => {
    const ae = (id: string) => `https://www.aliexpress.com/item/${id}.html`;
    expect(
      verdicts(
        [
          `${ae('1005006123456789')},${ae('1005006123456790')}`,
          `${ae('1005006123456791')};www.aliexpress.com/item/1005006123456792.html`,
        ].join('\n'),
      ),
    ).toEqual([
      [ae('1005006123456789'), 'ok', ae('1005006123456789')],
      [ae('1005006123456790'), 'ok', ae('1005006123456790')],
      [ae('1005006123456791'), 'ok', ae('1005006123456791')],
      ['www.aliexpress.com/item/1005006123456792.html', 'ok', ae('1005006123456792')],
    ]);
  });

  it('when a "data:" link holds markup or a "\\" hides the real site, it is one refused entry, not two that look harmless', () => {
    const seen = verdicts(
      [
        'data:text/html,<script>alert(1)</script>',
        'https://www.aliexpress.com\\@evil.com/item/1005006123456789.html',
        'see www.aliexpress.com\\@evil.com/item/1005006123456789.html please',
        'javascript:alert(1);https://www.aliexpress.com/item/1005007681552454.html',
      ].join('\n'),
    );
    expect(seen.map(([input, status]) => [input, status])).toEqual([
      ['data:text/html,<script>alert(1)</script>', 'invalid'],
      ['https://www.aliexpress.com\\@evil.com/item/1005006123456789.html', 'invalid'],
      ['www.aliexpress.com\\@evil.com/item/1005006123456789.html', 'invalid'],
      ['javascript:alert(1);https://www.aliexpress.com/item/1005007681552454.html', 'invalid'],
    ]);
    expect(seen[3]?.[2]).toContain('not "javascript:" links');
    expect(seen[0]?.[2]).toContain('not "data:" links');
    expect(seen[1]?.[2]).toContain('hide the real site');
    expect(seen[2]?.[2]).toContain('hide the real site');
  });

  it('when a link has "\\" for "/" and no "@", it is one entry read as browsers read it, as in a CSV cell', () => {
    expect(verdicts('https://www.aliexpress.com\\item\\1005006123456789.html')).toEqual([
      [
        'https://www.aliexpress.com\\item\\1005006123456789.html',
        'ok',
        'https://www.aliexpress.com/item/1005006123456789.html',
      ],
    ]);
  });
});
