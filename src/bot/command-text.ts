/** What a `/takedown …` text asks for. Pure: the text in, one request out. */
import type { Platform } from '../core/types.ts';

export type TakedownCommand =
  | { kind: 'modal' }
  | { kind: 'help' }
  | { kind: 'links'; text: string }
  | { kind: 'search'; keyword: string; platform: Platform }
  | { kind: 'search_usage' }
  | { kind: 'ipr_list' }
  | { kind: 'ipr_add' }
  | { kind: 'status'; ref: string }
  | { kind: 'digest' }
  | { kind: 'withdraw'; caseNumber: string }
  | { kind: 'withdraw_usage' };

const PLATFORMS: Record<string, Platform> = {
  aliexpress: 'aliexpress',
  'aliexpress.com': 'aliexpress',
  'www.aliexpress.com': 'aliexpress',
  alibaba: 'alibaba',
  'alibaba.com': 'alibaba',
  'www.alibaba.com': 'alibaba',
  '1688': '1688',
  '1688.com': '1688',
  'china.alibaba.com': '1688',
};

export function parseTakedownCommand(raw: string): TakedownCommand {
  const text = raw.trim();
  if (text === '') return { kind: 'modal' };
  const [first = '', ...rest] = text.split(/\s+/);
  const word = first.toLowerCase();
  const tail = rest.join(' ');
  switch (word) {
    case 'help':
    case '?':
      return { kind: 'help' };
    case 'search': {
      const words = [...rest];
      const last = words.at(-1)?.toLowerCase() ?? '';
      const platform = PLATFORMS[last];
      if (platform) words.pop();
      const keyword = words
        .join(' ')
        .replace(/^["“']|["”']$/g, '')
        .trim();
      return keyword
        ? { kind: 'search', keyword, platform: platform ?? 'aliexpress' }
        : { kind: 'search_usage' };
    }
    case 'ipr':
    case 'iprs':
      return /^add\b/i.test(tail) ? { kind: 'ipr_add' } : { kind: 'ipr_list' };
    case 'status':
      return { kind: 'status', ref: tail.trim() };
    case 'digest':
      return { kind: 'digest' };
    case 'withdraw': {
      const caseNumber = tail.trim().replace(/^#/, '');
      return /^\d{6,30}$/.test(caseNumber) ? { kind: 'withdraw', caseNumber } : { kind: 'withdraw_usage' };
    }
    default:
      return { kind: 'links', text };
  }
}
