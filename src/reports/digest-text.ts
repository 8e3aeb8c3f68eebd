/**
 * The digest's Slack message as plain text for a terminal (`takedown digest --print`): the same
 * sections in the same order, with links written out and Slack's escapes undone.
 */
import type { Block } from '../bot/blocks/digest.ts';

/** mrkdwn to plain text: <url|label> → label (url), <@U1> → @U1, <#C1> → #C1, *bold* → bold. */
export function mrkdwnToText(text: string): string {
  return text
    .replace(/<([^|>]+)\|([^>]*)>/g, (_, url: string, label: string) => `${label} (${url})`)
    .replace(/<([@#!][^>]+)>/g, '$1')
    .replace(/(^|[\s(])\*([^*\n]+)\*/g, '$1$2')
    .replace(/:[a-z_]+: /g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

export function digestAsText(blocks: readonly Block[]): string {
  const out: string[] = [];
  for (const b of blocks) {
    if (b.type === 'header') out.push(b.text.text, '='.repeat(b.text.text.length));
    else if (b.type === 'section') out.push(mrkdwnToText(b.text.text), '');
    else if (b.type === 'context') out.push(b.elements.map((e) => mrkdwnToText(e.text)).join(' '), '');
    else out.push('—'.repeat(40), '');
  }
  return `${out
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd()}\n`;
}
