import { describe, expect, it } from 'vitest';
import { parseTakedownCommand } from '../../src/bot/command-text.ts';

describe('what a /takedown text asks for', () => {
  it('nothing at all opens the modal, and "help" is the guide', () => {
    expect(parseTakedownCommand('   ')).toEqual({ kind: 'modal' });
    expect(parseTakedownCommand('Help')).toEqual({ kind: 'help' });
  });

  it('a search names its keyword and, last, an optional platform (AliExpress when none)', () => {
    expect(parseTakedownCommand('search riverstone knife 1688')).toEqual({
      kind: 'search',
      keyword: 'riverstone knife',
      platform: '1688',
    });
    expect(parseTakedownCommand('search "riverstone" alibaba.com')).toEqual({
      kind: 'search',
      keyword: 'riverstone',
      platform: 'alibaba',
    });
    expect(parseTakedownCommand('search riverstone')).toEqual({
      kind: 'search',
      keyword: 'riverstone',
      platform: 'aliexpress',
    });
    expect(parseTakedownCommand('search aliexpress')).toEqual({ kind: 'search_usage' });
  });

  it('ipr lists, ipr add opens the form', () => {
    expect(parseTakedownCommand('ipr')).toEqual({ kind: 'ipr_list' });
    expect(parseTakedownCommand('ipr add')).toEqual({ kind: 'ipr_add' });
  });

  it('status, digest and withdraw take their argument; a withdraw without a case number asks for one', () => {
    expect(parseTakedownCommand('status #12')).toEqual({ kind: 'status', ref: '#12' });
    expect(parseTakedownCommand('digest')).toEqual({ kind: 'digest' });
    expect(parseTakedownCommand('withdraw 201303080211081192')).toEqual({
      kind: 'withdraw',
      caseNumber: '201303080211081192',
    });
    expect(parseTakedownCommand('withdraw the knives')).toEqual({ kind: 'withdraw_usage' });
  });

  it('anything else is links to file', () => {
    const text = 'https://www.aliexpress.com/item/1005007681552454.html';
    expect(parseTakedownCommand(text)).toEqual({ kind: 'links', text });
  });
});
