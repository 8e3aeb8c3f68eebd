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
