/**
 * The simulator's stand-in for the marketplaces: a deterministic product title and seller for any
 * listing, derived from its platform, item id and the simulator's seed.
 */
import type { Platform } from '../../core/types.ts';
import { pick, randomFor } from './random.ts';

const HOOKS = [
  'HOT!!',
  'NEW',
  '2024 NEW',
  'Wholesale',
  'Top Quality',
  'Free Shipping',
  'OEM',
  'Retail/Wholesale',
];
const ADJECTIVES = [
  'Folding',
  'Tactical',
  'Outdoor',
  'Camping',
  'Survival',
  'Pocket',
  'EDC',
  'Hunting',
  'Stainless',
];
const PRODUCTS = [
  'Knife',
  'Multi Tool',
  'Flashlight',
  'Pocket Knife',
  'Machete',
  'Sharpener',
  'Axe',
  'Knife Set',
];
const DETAILS = [
  'G10 Handle',
  'Silver Blade',
  'Black Blade',
  'Wood Handle',
  'Assisted Opening',
  'with Sheath',
  'D2 Steel',
];
const TAILS = ['Free Shipping', 'Retail/Wholesale', 'Gift Box', 'Fast Delivery', 'Factory Price', ''];

const SURNAMES = ['Chen', 'Wang', 'Li', 'Zhang', 'Liu', 'Huang', 'Zhao', 'Wu', 'Zhou', 'Xu'];
const CITIES = ['Yangjiang', 'Shenzhen', 'Yiwu', 'Guangzhou', 'Ningbo', 'Dongguan'];
const TRADES = ['Hardware', 'Trading', 'Outdoor Products', 'Industry & Trade', 'Cutlery', 'Tools'];
const HANDLES = ['mayver', 'bestedc', 'knifeking', 'outdoorpro', 'sharpshop', 'toolmaster'];

export interface CatalogueEntry {
  productName: string;
  companyName: string;
}

export function catalogueEntry(seed: number, platform: Platform, itemId: string): CatalogueEntry {
  const rand = randomFor(seed, `${platform}:${itemId}`);
  const productName = [
    pick(rand, HOOKS),
    pick(rand, ADJECTIVES),
    pick(rand, PRODUCTS),
    pick(rand, DETAILS),
    pick(rand, TAILS),
  ]
    .filter(Boolean)
    .join(' ');
  return { productName, companyName: companyName(rand, platform) };
}

function companyName(rand: () => number, platform: Platform): string {
  switch (platform) {
    case 'aliexpress':
      return rand() < 0.5
        ? `Mr ${pick(rand, SURNAMES)}'s store`
        : `${pick(rand, HANDLES)}${2010 + Math.floor(rand() * 15)}`;
    case 'alibaba':
      return `${pick(rand, CITIES)} ${pick(rand, SURNAMES)}xin ${pick(rand, TRADES)} Co., Ltd.`;
    case '1688':
      return `${pick(rand, CITIES)}${pick(rand, SURNAMES)}${pick(rand, TRADES)}`;
  }
}

export const PLATFORM_SITE: Record<Platform, string> = {
  aliexpress: 'Aliexpress.com',
  alibaba: 'Alibaba.com',
  '1688': '1688.com',
};

/** Option 1's world: listings on each platform that a keyword search can find, with their price. */
export interface CatalogueListing {
  platform: Platform;
  itemId: string;
  url: string;
  title: string;
  seller: string;
  price: string;
}

const BRANDS = ['RIVERSTONE', 'CRKT', 'Buck', 'Kershaw', 'Generic'];
const LISTINGS_PER_PLATFORM = 60;
const FIRST_ITEM_ID: Record<Platform, number> = {
  aliexpress: 1_005_008_000_000_000,
  alibaba: 1_600_800_000_000,
  '1688': 680_000_000_000,
};

export function listingUrl(platform: Platform, itemId: string): string {
  switch (platform) {
    case 'aliexpress':
      return `https://www.aliexpress.com/item/${itemId}.html`;
    case 'alibaba':
      return `https://www.alibaba.com/product-detail/${itemId}.html`;
    case '1688':
      return `https://detail.1688.com/offer/${itemId}.html`;
  }
}

/** The listing of the catalogue with this id, or undefined. */
export function catalogueListing(
  seed: number,
  platform: Platform,
  itemId: string,
): CatalogueListing | undefined {
  const n = Number(itemId) - FIRST_ITEM_ID[platform];
  if (!Number.isInteger(n) || n < 0 || n >= LISTINGS_PER_PLATFORM) return undefined;
  const rand = randomFor(seed, `catalogue:${platform}:${itemId}`);
  const entry = catalogueEntry(seed, platform, itemId);
  return {
    platform,
    itemId,
    url: listingUrl(platform, itemId),
    title: `${pick(rand, BRANDS)} ${entry.productName}`,
    seller: entry.companyName,
    price: `US $${(2 + Math.floor(rand() * 60)).toFixed(0)}.99`,
  };
}

/** Option 1: the platform's listings whose title holds every word of the keyword, in catalogue order. */
export function searchCatalogue(seed: number, keyword: string, platform: Platform): CatalogueListing[] {
  const words = keyword.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [];
  const out: CatalogueListing[] = [];
  for (let n = 0; n < LISTINGS_PER_PLATFORM; n++) {
    const l = catalogueListing(seed, platform, String(FIRST_ITEM_ID[platform] + n));
    if (l && words.every((w) => l.title.toLowerCase().includes(w))) out.push(l);
  }
  return out;
}
