import { describe, expect, it } from 'vitest';
import { parseListingUrl } from '../../src/core/listing-url.ts';

const AE = (id: string) => `https://www.aliexpress.com/item/${id}.html`;
const OFFER = (id: string) => `https://detail.1688.com/offer/${id}.html`;
const AB = (slugAndId: string) => `https://www.alibaba.com/product-detail/${slugAndId}.html`;

type Ok = [input: string, platform: 'aliexpress' | 'alibaba' | '1688', itemId: string, url: string];
type Refused = [input: string, status: 'invalid' | 'unresolved', reasonContains: string];

const accepted: Ok[] = [
  // AliExpress: hosts
  [
    'https://www.aliexpress.com/item/1005007681552454.html',
    'aliexpress',
    '1005007681552454',
    AE('1005007681552454'),
  ],
  ['https://m.aliexpress.com/item/32933148414.html', 'aliexpress', '32933148414', AE('32933148414')],
  [
    'https://es.aliexpress.com/item/1005004150428692.html?gatewayAdapt=glo2usa',
    'aliexpress',
    '1005004150428692',
    AE('1005004150428692'),
  ],
  [
    'https://pt.aliexpress.com/item/1005007903968810.html?spm=a2g0o.productlist.main.46.5c1ae588',
    'aliexpress',
    '1005007903968810',
    AE('1005007903968810'),
  ],
  [
    'https://fr.aliexpress.com/item/1005001581315890.html#nav-specification',
    'aliexpress',
    '1005001581315890',
    AE('1005001581315890'),
  ],
  ['https://de.aliexpress.com/item/4000250404145.html', 'aliexpress', '4000250404145', AE('4000250404145')],
  [
    'https://ko.aliexpress.com/item/4000887812210.html?sku_id=12000022103',
    'aliexpress',
    '4000887812210',
    AE('4000887812210'),
  ],
  [
    'https://it.aliexpress.com/item/1005000275951165.html?spm=a2g0n.detail.0.0',
    'aliexpress',
    '1005000275951165',
    AE('1005000275951165'),
  ],
  [
    'https://ja.aliexpress.com/item/1005005129583807.html',
    'aliexpress',
    '1005005129583807',
    AE('1005005129583807'),
  ],
  [
    'https://www.aliexpress.us/item/3256805943141234.html',
    'aliexpress',
    '3256805943141234',
    AE('3256805943141234'),
  ],
  [
    'https://aliexpress.ru/item/4000242860495.html#nav-specification',
    'aliexpress',
    '4000242860495',
    AE('4000242860495'),
  ],
  [
    'https://m.aliexpress.ru/item/1005007492211746.html?sku_id=12000003141',
    'aliexpress',
    '1005007492211746',
    AE('1005007492211746'),
  ],
  [
    'https://aliexpress.com/item/1005006233825889.html',
    'aliexpress',
    '1005006233825889',
    AE('1005006233825889'),
  ],
  // AliExpress: paths and id generations
  [
    'http://www.aliexpress.com/item/OEM-CRKT-7085-Columbia-River-Knife-CRAWFORD-NATURAL-white-handle-folding-knife-Free-shipping/542508477.html',
    'aliexpress',
    '542508477',
    AE('542508477'),
  ],
  [
    'http://www.aliexpress.com/item/CRKT-IGNITOR-T-Assisted-Opening-G10-Handles-6865-Knife-OEM-/542505755.html',
    'aliexpress',
    '542505755',
    AE('542505755'),
  ],
  [
    'https://www.aliexpress.com/i/1005003099370356.html',
    'aliexpress',
    '1005003099370356',
    AE('1005003099370356'),
  ],
  ['https://m.aliexpress.com/i/32018122049.html', 'aliexpress', '32018122049', AE('32018122049')],
  [
    'https://www.aliexpress.com/store/product/Wholesale-RIVERSTONE-Squid-2490-EDC-knife-8Cr13MoV/5496705_32064443775.html',
    'aliexpress',
    '32064443775',
    AE('32064443775'),
  ],
  [
    'https://www.aliexpress.com/store/product/Retail/Wholesale-RIVERSTONE-6865-Ignitor-T-fixed-blade-knife/6423297_1005001525238837.html',
    'aliexpress',
    '1005001525238837',
    AE('1005001525238837'),
  ],
  ['https://www.aliexpress.com/item/1234567890.html', 'aliexpress', '1234567890', AE('1234567890')],
  // Noise
  [
    'HTTPS://WWW.ALIEXPRESS.COM/item/1005005129583807.html',
    'aliexpress',
    '1005005129583807',
    AE('1005005129583807'),
  ],
  ['www.aliexpress.com/item/1005005129583807.html', 'aliexpress', '1005005129583807', AE('1005005129583807')],
  ['aliexpress.com/item/1005005129583807.html', 'aliexpress', '1005005129583807', AE('1005005129583807')],
  [
    '//www.aliexpress.com/item/1005005129583807.html',
    'aliexpress',
    '1005005129583807',
    AE('1005005129583807'),
  ],
  [
    '"https://www.aliexpress.com/item/1005005129583807.html"',
    'aliexpress',
    '1005005129583807',
    AE('1005005129583807'),
  ],
  [
    '(https://www.aliexpress.com/item/1005005129583807.html).',
    'aliexpress',
    '1005005129583807',
    AE('1005005129583807'),
  ],
  [
    '[https://www.aliexpress.com/item/1005005129583807.html],',
    'aliexpress',
    '1005005129583807',
    AE('1005005129583807'),
  ],
  [
    '“https://www.aliexpress.com/item/1005005129583807.html”',
    'aliexpress',
    '1005005129583807',
    AE('1005005129583807'),
  ],
  [
    '<https://www.aliexpress.com/item/1005005129583807.html?spm=a&amp;algo_pvid=x|this knife>',
    'aliexpress',
    '1005005129583807',
    AE('1005005129583807'),
  ],
  [
    '<https://www.aliexpress.com/item/1005005129583807.html>',
    'aliexpress',
    '1005005129583807',
    AE('1005005129583807'),
  ],
  [
    '=HYPERLINK("https://www.aliexpress.com/item/1005005129583807.html","Knife")',
    'aliexpress',
    '1005005129583807',
    AE('1005005129583807'),
  ],
  [
    '=hyperlink("https://detail.1688.com/offer/682367774901.html"; "offer")',
    '1688',
    '682367774901',
    OFFER('682367774901'),
  ],
  [
    '[the knife](https://www.aliexpress.com/item/1005005129583807.html)',
    'aliexpress',
    '1005005129583807',
    AE('1005005129583807'),
  ],
  [
    'https%3A%2F%2Fwww.aliexpress.com%2Fitem%2F1005005129583807.html',
    'aliexpress',
    '1005005129583807',
    AE('1005005129583807'),
  ],
  [
    'https://www.aliexpress.com/item/%31%30%30%35005129583807.html',
    'aliexpress',
    '1005005129583807',
    AE('1005005129583807'),
  ],
  [
    'https://www.aliexpress.com/item/1005005129583807.html?aff_fcid=abc&aff_platform=portals-tool&utm_source=x&pdp_ext_f=%7B%7D&_randl_shipto=US&scm=1007',
    'aliexpress',
    '1005005129583807',
    AE('1005005129583807'),
  ],
  [
    '\u200bhttps://www.aliexpress.com/item/1005005129583807.html\u00a0',
    'aliexpress',
    '1005005129583807',
    AE('1005005129583807'),
  ],
  [
    'https://www.aliexpress.com./item/1005005129583807.html',
    'aliexpress',
    '1005005129583807',
    AE('1005005129583807'),
  ],
  [
    'https://www.aliexpress.com//item/1005005129583807.html',
    'aliexpress',
    '1005005129583807',
    AE('1005005129583807'),
  ],
  // Damaged on the way, but certain: a path parameter, a lost "?", an encoded "?", "#" or "/", text after ".html"
  [
    'https://www.aliexpress.com/item/1005006123456789.html;jsessionid=ABC',
    'aliexpress',
    '1005006123456789',
    AE('1005006123456789'),
  ],
  [
    'https://www.aliexpress.com/item/1005006123456789.html&spm=a2g0o',
    'aliexpress',
    '1005006123456789',
    AE('1005006123456789'),
  ],
  [
    'https://www.aliexpress.com/item/1005006123456789.html%3Fspm%3Da2g0o',
    'aliexpress',
    '1005006123456789',
    AE('1005006123456789'),
  ],
  [
    'https://www.aliexpress.com/item/1005006123456789.html%23nav',
    'aliexpress',
    '1005006123456789',
    AE('1005006123456789'),
  ],
  [
    'https://www.aliexpress.com/item%2F1005006123456789.html',
    'aliexpress',
    '1005006123456789',
    AE('1005006123456789'),
  ],
  [
    'https://www.aliexpress.com/item/1005006123456789.html,Dress',
    'aliexpress',
    '1005006123456789',
    AE('1005006123456789'),
  ],
  [
    'https://www.alibaba.com/product-detail/Knife_1600279918771.html;jsessionid=1A2B',
    'alibaba',
    '1600279918771',
    AB('Knife_1600279918771'),
  ],
  [
    'https://detail.m.1688.com/page/index.html&offerId=615992760530',
    '1688',
    '615992760530',
    OFFER('615992760530'),
  ],
  // Alibaba.com
  [
    'https://www.alibaba.com/product-detail/Free-shipping-RIVERSTONE-Provoke-4040-karambit-Black_1600279918771.html?spm=a2700.galleryofferlist.normal_offer.d_title.bb61',
    'alibaba',
    '1600279918771',
    AB('Free-shipping-RIVERSTONE-Provoke-4040-karambit-Black_1600279918771'),
  ],
  [
    'https://www.alibaba.com/product-detail/_1600279918771.html',
    'alibaba',
    '1600279918771',
    AB('1600279918771'),
  ],
  [
    'https://alibaba.com/product-detail/Knife_60789012345.html',
    'alibaba',
    '60789012345',
    AB('Knife_60789012345'),
  ],
  [
    'https://spanish.alibaba.com/product-detail/cuchillo-plegable-riverstone-1600279918771.html',
    'alibaba',
    '1600279918771',
    AB('cuchillo-plegable-riverstone_1600279918771'),
  ],
  [
    'https://french.alibaba.com/product-detail/Couteau-4040_1600528546300.html',
    'alibaba',
    '1600528546300',
    AB('Couteau-4040_1600528546300'),
  ],
  [
    'https://m.alibaba.com/product/1600279918771/Free-shipping-RIVERSTONE-karambit.html',
    'alibaba',
    '1600279918771',
    AB('Free-shipping-RIVERSTONE-karambit_1600279918771'),
  ],
  [
    'https://riverstone.en.alibaba.com/product/1600279918771-801234567/High_Quality_Folding_Knife.html',
    'alibaba',
    '1600279918771',
    AB('High-Quality-Folding-Knife_1600279918771'),
  ],
  [
    'https://WWW.ALIBABA.COM/product-detail/Knife_1600279918771.html#tab',
    'alibaba',
    '1600279918771',
    AB('Knife_1600279918771'),
  ],
  // Alibaba.com language sites: /p-detail/<Title-words>-<id>.html
  [
    'https://indonesian.alibaba.com/p-detail/Fitness-1600249994724.html',
    'alibaba',
    '1600249994724',
    AB('Fitness_1600249994724'),
  ],
  [
    'https://korean.alibaba.com/p-detail/Folding-Pocket-Knife-1600279918771.html?spm=a2700.details',
    'alibaba',
    '1600279918771',
    AB('Folding-Pocket-Knife_1600279918771'),
  ],
  [
    'https://german.alibaba.com/p-detail/Klappmesser-62345678901.html',
    'alibaba',
    '62345678901',
    AB('Klappmesser_62345678901'),
  ],
  [
    'https://russian.alibaba.com/p-detail/Nozh-1600279918771.html',
    'alibaba',
    '1600279918771',
    AB('Nozh_1600279918771'),
  ],
  [
    'https://spanish.alibaba.com/p-detail/cuchillo-plegable-riverstone-1600279918771.html',
    'alibaba',
    '1600279918771',
    AB('cuchillo-plegable-riverstone_1600279918771'),
  ],
  [
    'https://french.alibaba.com/p-detail/Couteau-4040-1600528546300.html',
    'alibaba',
    '1600528546300',
    AB('Couteau-4040_1600528546300'),
  ],
  [
    'https://m.alibaba.com/p-detail/Knife-1600279918771.html',
    'alibaba',
    '1600279918771',
    AB('Knife_1600279918771'),
  ],
  [
    'https://www.alibaba.com/p-detail/Knife-1600279918771.html',
    'alibaba',
    '1600279918771',
    AB('Knife_1600279918771'),
  ],
  // 1688
  ['https://detail.1688.com/offer/682367774901.html', '1688', '682367774901', OFFER('682367774901')],
  [
    'https://detail.1688.com/offer/615992760530.html?spm=a26352.13672862.offerlist.10',
    '1688',
    '615992760530',
    OFFER('615992760530'),
  ],
  ['https://m.1688.com/offer/615992760530.html', '1688', '615992760530', OFFER('615992760530')],
  [
    'https://detail.m.1688.com/page/index.html?offerId=615992760530&sortType=',
    '1688',
    '615992760530',
    OFFER('615992760530'),
  ],
  ['http://detail.china.alibaba.com/offer/1234567890.html', '1688', '1234567890', OFFER('1234567890')],
  ['DETAIL.1688.COM/offer/682367774901.html', '1688', '682367774901', OFFER('682367774901')],
];

const refused: Refused[] = [
  // Not product listings
  ['https://www.aliexpress.com/', 'invalid', 'not a product listing: the portal only takes product listings'],
  ['https://www.aliexpress.com/store/1102345678', 'invalid', 'store page'],
  ['https://www.aliexpress.com/store/1102345678/search?SearchText=knife', 'invalid', 'store page'],
  ['https://www.aliexpress.com/wholesale?SearchText=riverstone+knife', 'invalid', 'search page'],
  ['https://www.aliexpress.com/w/wholesale-riverstone-knife.html', 'invalid', 'search page'],
  ['https://www.aliexpress.com/category/100003109/knives.html', 'invalid', 'category page'],
  ['https://www.alibaba.com/showroom/riverstone-knife.html', 'invalid', 'not a product listing'],
  ['https://www.alibaba.com/trade/search?SearchText=knife', 'invalid', 'search page'],
  ['https://www.alibaba.com/', 'invalid', 'home page'],
  ['https://riverstone.en.alibaba.com/', 'invalid', 'store page'],
  ['https://riverstone.en.alibaba.com/productlist.html', 'invalid', 'store page'],
  ['https://s.1688.com/selloffer/offer_search.htm?keywords=knife', 'invalid', 'search page'],
  ['https://shop1234567.1688.com/page/offerlist.htm', 'invalid', 'store page'],
  ['https://www.1688.com/', 'invalid', 'home page'],
  // Other sites and look-alikes
  ['https://www.ebay.com/itm/123456789012', 'invalid', 'unsupported site: ebay.com'],
  ['https://www.amazon.com/dp/B0EXAMPLE01', 'invalid', 'unsupported site'],
  ['https://aliexpress.com.example.net/item/1005005129583807.html', 'invalid', 'look-alike'],
  ['https://www.aliexpress.com@evil.example/item/1005005129583807.html', 'invalid', 'hides the real site'],
  ['https://user:pw@www.aliexpress.com/item/1005005129583807.html', 'invalid', 'hides the real site'],
  ['https://evilaliexpress.com/item/1005005129583807.html', 'invalid', 'look-alike'],
  ['https://aliexpress-deals.shop/item/1005005129583807.html', 'invalid', 'look-alike'],
  ['https://xn--liexpress-9hb.com/item/1005005129583807.html', 'invalid', 'look-alike'],
  ['https://www.aliexpress.com:8443/item/1005005129583807.html', 'invalid', 'port'],
  ['javascript:alert(1)//www.aliexpress.com/item/1005005129583807.html', 'invalid', 'only http(s) links'],
  ['ftp://www.aliexpress.com/item/1005005129583807.html', 'invalid', 'only http(s) links'],
  ['https://www.aliexpress.com\\@evil.com/item/1005006123456789.html', 'invalid', 'hide the real site'],
  ['www.aliexpress.com\\@evil.com/item/1005006123456789.html', 'invalid', 'hide the real site'],
  ['data:text/html,<script>', 'invalid', 'not "data:" links'],
  [
    'javascript:alert(1)<https://www.aliexpress.com/item/1005006123456789.html>',
    'invalid',
    'only http(s) links',
  ],
  ['file:///etc/passwd', 'invalid', 'only http(s) links'],
  ['https://127.0.0.1/item/1005005129583807.html', 'invalid', 'no site name'],
  // Malformed ids
  ['https://www.aliexpress.com/item/12345.html', 'invalid', 'malformed item id'],
  ['https://www.aliexpress.com/item/100500512958380.html', 'invalid', 'malformed item id'],
  ['https://www.aliexpress.com/item/5005005129583807.html', 'invalid', 'malformed item id'],
  ['https://www.aliexpress.com/item/4100887812210.html', 'invalid', 'malformed item id'],
  ['https://www.aliexpress.com/item/1005OO5129583807.html', 'invalid', 'malformed item id'],
  ['https://www.aliexpress.com/item/.html', 'invalid', 'malformed item id'],
  ['https://detail.1688.com/offer/12ab.html', 'invalid', 'malformed item id'],
  ['https://www.alibaba.com/product-detail/Knife-Black.html', 'invalid', 'malformed item id'],
  ['https://www.alibaba.com/product-detail/Knife_123.html', 'invalid', 'malformed item id'],
  ['https://indonesian.alibaba.com/p-detail/Fitness.html', 'invalid', 'malformed item id'],
  ['https://indonesian.alibaba.com/p-detail/Fitness-123.html', 'invalid', 'malformed item id'],
  ['https://indonesian.alibaba.com/p-detail/', 'invalid', 'has no product id'],
  // Damaged so that what it names is not certain
  ['https://www.aliexpress.com/i/1005006123456789.html;x/y', 'invalid', 'damaged link: ";x/'],
  // The reason shows an id as it was typed, and a long one shortened.
  [
    'https://www.aliexpress.com/item/１００５００４１５０４２８６９２.html',
    'invalid',
    '"１００５００４１５０４２８６９２" is not',
  ],
  [`https://www.aliexpress.com/item/${'1'.repeat(300)}.html`, 'invalid', `"${'1'.repeat(57)}…" is not`],
  // More path than a listing has: never read as one.
  ['https://www.alibaba.com/p-detail/trade/search-1600279918771.html', 'invalid', 'this one has more'],
  ['https://www.alibaba.com/product-detail/x/y/Knife_1600279918771.html', 'invalid', 'this one has more'],
  // Two item ids in one path are two links run together, never the second one guessed.
  [
    'https://www.alibaba.com/product-detail/foo_1600279918771_1600279918772.html',
    'invalid',
    'it names two items ("1600279918771" and "1600279918772")',
  ],
  [
    'https://spanish.alibaba.com/p-detail/knife-1600279918771-1600279918772.html',
    'invalid',
    'it names two items',
  ],
  ['https://m.alibaba.com/product/1600279918771/knife_1600279918772.html', 'invalid', 'it names two items'],
  [
    'https://www.aliexpress.com/item/knife-1005004150428692/1005004150428693.html',
    'invalid',
    'it names two items',
  ],
  [
    'https://www.aliexpress.com/item/1005006123456789.html/1005006123456790.html',
    'invalid',
    'it names two items',
  ],
  ['https://www.aliexpress.com/item/1005006123456789/1005006123456790.html', 'invalid', 'it names two items'],
  [
    'https://www.aliexpress.com/item/1005006123456789.html;x/1005006123456790.html',
    'invalid',
    'damaged link',
  ],
  [
    'https://www.aliexpress.com/item/1005006123456789.html,more/text',
    'invalid',
    'after ".html" is not part of a listing link',
  ],
  // Several links in one (a spreadsheet cell holding two, joined)
  [
    'https://www.aliexpress.com/item/1005006123456789.html,https://www.aliexpress.com/item/1005006123456790.html',
    'invalid',
    'several links run together',
  ],
  [
    'https://www.aliexpress.com/item/1005006123456789.html;www.aliexpress.com/item/1005006123456790.html',
    'invalid',
    'joined by ";"; put each link on its own line or in its own cell',
  ],
  // Not links at all
  ['not a url', 'invalid', 'not a link'],
  ['', 'invalid', 'empty'],
  ['   ', 'invalid', 'empty'],
  ['https://', 'invalid', 'not a link'],
  // Short links: never guessed
  ['https://s.click.aliexpress.com/e/_DkRvStn', 'unresolved', 'short link'],
  ['https://a.aliexpress.com/_mRvStN1', 'unresolved', 'short link'],
  ['a.aliexpress.com/_mKqBxyz', 'unresolved', 'short link'],
  ['https://www.alibaba.com/x/B0vqEZ?ck=pdp', 'unresolved', 'short link'],
  ['https://qr.1688.com/s/AbCd1234', 'unresolved', 'short link'],
  ['https://s.click.aliexpress.com/', 'invalid', 'incomplete short link'],
];

describe('a title or slug holding a long number', () => {
  it.each([
    'https://www.aliexpress.com/item/EAN-4902505123456-Pilot-Pen/1005006123456791.html',
    'https://www.aliexpress.com/item/Brake-Pad-for-BMW-34116794300/1005006123456797.html',
    'https://www.aliexpress.com/item/Phone-Case-for-iPhone-15-1005006123456798/1005006123456798.html',
    'https://www.alibaba.com/product-detail/Bosch-0242236565-Spark-Plug_1600123456790.html',
    'https://www.alibaba.com/product-detail/EAN-6901234567892-Tea-Cup_1600123456792.html',
    'https://spanish.alibaba.com/p-detail/Canon-8278B001-4549292012345-1600123456798.html',
    'https://m.alibaba.com/product/1600123456799/Bosch-0242236565-Spark-Plug.html',
  ])('when it is a barcode, a part number or the listing’s own id (%s), the listing is read', (input) => {
    expect(parseListingUrl(input).ok).toBe(true);
  });
});

describe('a listing link', () => {
  it.each(accepted)('when it is %s, it is filed as %s listing %s', (input, platform, itemId, url) => {
    expect(parseListingUrl(input)).toEqual({ ok: true, platform, itemId, url });
  });

  it.each(refused)('when it is %j, it is refused as %s with a reason about "%s"', (input, status, reason) => {
    const parsed = parseListingUrl(input);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.status).toBe(status);
    expect(parsed.reason).toContain(reason);
  });

  it('when two links differ only in noise, they give the same canonical URL', () => {
    const forms = [
      'https://www.aliexpress.com/item/1005005129583807.html',
      'http://es.aliexpress.com/item/1005005129583807.html?spm=x&gatewayAdapt=glo2esp#reviews',
      '<https://m.aliexpress.com/item/1005005129583807.html?sku_id=1&amp;utm_source=y|knife>',
      'https://aliexpress.ru/item/1005005129583807.html',
      'https://www.aliexpress.com/item/Some-Title-Words/1005005129583807.html',
    ];
    const urls = new Set(
      forms.map((f) => {
        const p = parseListingUrl(f);
        return p.ok ? p.url : p.reason;
      }),
    );
    expect([...urls]).toEqual(['https://www.aliexpress.com/item/1005005129583807.html']);
  });

  it('when an Alibaba.com listing comes as /p-detail/ on a language site and as /product-detail/, both give the same canonical URL', () => {
    const forms = [
      'https://spanish.alibaba.com/p-detail/cuchillo-plegable-riverstone-1600279918771.html',
      'https://spanish.alibaba.com/product-detail/cuchillo-plegable-riverstone-1600279918771.html',
    ];
    const urls = new Set(
      forms.map((f) => {
        const p = parseListingUrl(f);
        return p.ok ? p.url : p.reason;
      }),
    );
    expect([...urls]).toEqual([AB('cuchillo-plegable-riverstone_1600279918771')]);
  });

  it('when a host passes for a platform with a Cyrillic or Greek letter, the reason names the letter and the platform', () => {
    const reason = (input: string) => {
      const parsed = parseListingUrl(input);
      return parsed.ok ? 'accepted' : parsed.reason;
    };
    expect(reason('https://www.\u0430liexpress.com/item/1005001234567890.html')).toBe(
      'look-alike address: the host "www.\u0430liexpress.com" contains a Cyrillic letter ("\u0430"), so it is not AliExpress; only AliExpress, Alibaba.com and 1688 listings can be filed',
    );
    expect(reason('https://\u03b1lib\u03b1b\u03b1.com/product-detail/Knife_1600000000000.html')).toBe(
      'look-alike address: the host "\u03b1lib\u03b1b\u03b1.com" contains a Greek letter ("\u03b1"), so it is not Alibaba.com; only AliExpress, Alibaba.com and 1688 listings can be filed',
    );
    expect(reason('https://detail.1688.c\u043e\u043c/offer/682367774901.html')).toContain(
      'contains Cyrillic letters ("\u043e", "\u043c"), so it is not 1688',
    );
  });

  it('when a host is internationalized but passes for no platform, the reason shows it as people read it, not as xn--', () => {
    const parsed = parseListingUrl(
      'https://www.\u043f\u0440\u0438\u043c\u0435\u0440.\u0440\u0444/item/1.html',
    );
    expect(parsed).toMatchObject({ ok: false, status: 'invalid' });
    if (parsed.ok) return;
    expect(parsed.reason).toBe(
      'look-alike address: www.\u043f\u0440\u0438\u043c\u0435\u0440.\u0440\u0444 is not an AliExpress, Alibaba.com or 1688 site; only AliExpress, Alibaba.com and 1688 listings can be filed',
    );
  });

  it('the corpus has at least 80 cases', () => {
    expect(accepted.length + refused.length).toBeGreaterThanOrEqual(80);
  });
});

describe('the reason a malformed item id is refused', () => {
  it.each([
    ['https://www.aliexpress.com/item/12345.html', 'is not an AliExpress item id'],
    ['https://www.alibaba.com/product-detail/Knife_123.html', 'is not an Alibaba.com item id'],
    ['https://detail.1688.com/offer/123.html', 'is not a 1688 item id'],
  ])('reads as English for %s: "%s"', (link, words) => {
    const parsed = parseListingUrl(link);
    expect(parsed.ok ? '' : parsed.reason).toContain(words);
  });
});
