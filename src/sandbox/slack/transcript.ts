/**
 * A readable transcript of what people in the workspace would have seen: who said what, the bot's
 * messages with their blocks as text, thread replies under their parent, edits, ephemerals and modals.
 */
import { isObject, type JsonObject, optionsOf, textOf } from './block-kit.ts';
import type { SlackChannel, SlackRecord, SlackUser } from './model.ts';

export interface TranscriptDirectory {
  users: readonly Pick<SlackUser, 'id' | 'name'>[];
  channels: readonly Pick<SlackChannel, 'id' | 'name'>[];
}

interface Item {
  record: SlackRecord;
  followups: SlackRecord[];
  replies: Item[];
}

const INDENT = '    ';
/** Records that put a message somewhere, which later edits, deletions and replies refer to by ts. */
const MESSAGE_KINDS = new Set<SlackRecord['kind']>(['post', 'ephemeral', 'file_upload', 'user_message']);

export function renderTranscript(events: readonly SlackRecord[], dir: TranscriptDirectory): string {
  const names = new Map([
    ['USLACKBOT', 'Slackbot'],
    ...dir.users.map((u): [string, string] => [u.id, u.name]),
  ]);
  const channelNames = new Map(dir.channels.map((c) => [c.id, c.name]));
  const who = (id: string | null): string => (id ? `@${names.get(id) ?? id}` : '@someone');
  const fmt = (text: string): string => readable(text, names, channelNames);

  const sections = new Map<string, Item[]>();
  const byTs = new Map<string, Item>();
  for (const record of [...events].sort((a, b) => a.seq - b.seq)) {
    const key = record.channel ?? '';
    const items = sections.get(key) ?? [];
    sections.set(key, items);
    const known = record.ts && record.channel ? byTs.get(`${record.channel}/${record.ts}`) : undefined;
    if (known && (record.kind === 'update' || record.kind === 'delete' || record.kind === 'ephemeral')) {
      known.followups.push(record);
      continue;
    }
    const item: Item = { record, followups: [], replies: [] };
    const parent = record.threadTs ? byTs.get(`${record.channel}/${record.threadTs}`) : undefined;
    if (parent) parent.replies.push(item);
    else items.push(item);
    if (record.ts && record.channel && MESSAGE_KINDS.has(record.kind))
      byTs.set(`${record.channel}/${record.ts}`, item);
  }

  const out: string[] = [];
  for (const [channel, items] of sections) {
    if (items.length === 0) continue;
    const name = channelNames.get(channel) ?? channel;
    out.push(channel ? (name.startsWith('@') ? `${name} (direct message)` : `#${name}`) : 'Outside channels');
    for (const item of items) out.push(...renderItem(item, '', who, fmt));
    out.push('');
  }
  return out.join('\n').trimEnd();
}

function renderItem(
  item: Item,
  indent: string,
  who: (id: string | null) => string,
  fmt: (t: string) => string,
): string[] {
  const lines = renderRecord(item.record, indent, who, fmt, false);
  for (const f of item.followups) lines.push(...renderRecord(f, indent, who, fmt, true));
  for (const reply of item.replies) {
    const replyLines = renderItem(reply, `${indent}${INDENT}`, who, fmt);
    if (replyLines[0]) replyLines[0] = `${indent}  ↳ ${replyLines[0].slice(indent.length + INDENT.length)}`;
    lines.push(...replyLines);
  }
  return lines;
}

function renderRecord(
  r: SlackRecord,
  indent: string,
  who: (id: string | null) => string,
  fmt: (t: string) => string,
  followup: boolean,
): string[] {
  const edited = followup ? ' (edited)' : '';
  switch (r.kind) {
    case 'user_command':
      return [`${indent}${who(r.user)}: ${r.text}`];
    case 'user_action':
      return [`${indent}· ${who(r.user)} ${actionVerb(r)}`];
    case 'delete':
      return [`${indent}(message deleted)`];
    case 'view_open':
    case 'view_push':
    case 'view_update':
    case 'view_publish':
    case 'view_close': {
      const what = r.kind === 'view_publish' ? 'App Home' : `modal "${r.text}"`;
      const verb = {
        view_open: 'opened',
        view_push: 'pushed',
        view_update: 'updated',
        view_publish: 'published',
        view_close: 'closed',
      }[r.kind];
      const head = `${indent}[${what} ${verb} for ${who(r.user)}]`;
      return r.kind === 'view_close' ? [head] : [head, ...body(r, `${indent}${INDENT}`, fmt)];
    }
    default: {
      const author =
        r.kind === 'ephemeral' ? `${who(r.author)} (only visible to ${who(r.user)})` : who(r.author);
      return [`${indent}${author}${edited}:`, ...body(r, `${indent}${INDENT}`, fmt)];
    }
  }
}

function actionVerb(r: SlackRecord): string {
  const { element = '', actionId = '', label = '' } = r.action ?? {};
  if (element === 'view') return `submitted "${r.text}" [${label}]`;
  if (element === 'shortcut') return `used the message shortcut "${label}"`;
  if (element === 'button') return `clicked [${label}]`;
  return `chose "${label}" in ${actionId}`;
}

function body(r: SlackRecord, indent: string, fmt: (t: string) => string): string[] {
  const lines = r.blocks.length > 0 ? r.blocks.flatMap((b) => renderBlock(b, fmt)) : fmt(r.text).split('\n');
  for (const f of r.files) lines.push(`📎 ${f.name} (${f.size} bytes)`);
  return lines.filter((l) => l !== '').map((l) => `${indent}${l}`);
}

function renderBlock(block: JsonObject, fmt: (t: string) => string): string[] {
  switch (block.type) {
    case 'header':
      return [`*${fmt(textOf(block.text))}*`];
    case 'section': {
      const lines = block.text ? fmt(textOf(block.text)).split('\n') : [];
      if (Array.isArray(block.fields)) lines.push(block.fields.map((f) => fmt(textOf(f))).join('  |  '));
      if (isObject(block.accessory)) lines.push(renderElement(block.accessory, fmt));
      return lines;
    }
    case 'context':
      return [
        (Array.isArray(block.elements) ? block.elements : [])
          .map((e) =>
            isObject(e) && e.type === 'image' ? `[${String(e.alt_text ?? 'image')}]` : fmt(textOf(e)),
          )
          .join(' · '),
      ];
    case 'divider':
      return ['───'];
    case 'actions':
      return [
        (Array.isArray(block.elements) ? block.elements : [])
          .filter(isObject)
          .map((e) => renderElement(e, fmt))
          .join(' '),
      ];
    case 'input':
      return [`${textOf(block.label)}: ${isObject(block.element) ? renderElement(block.element, fmt) : ''}`];
    case 'image':
      return [`[image: ${String(block.alt_text ?? '')}]`];
    case 'markdown':
      return fmt(String(block.text ?? '')).split('\n');
    case 'rich_text':
      return fmt(richText(block)).split('\n');
    default:
      return [`[${String(block.type)}]`];
  }
}

function renderElement(el: JsonObject, fmt: (t: string) => string): string {
  const type = String(el.type);
  if (type === 'button') return `[${fmt(textOf(el.text))}]`;
  if (type.includes('select') || type === 'radio_buttons' || type === 'checkboxes' || type === 'overflow') {
    const label = textOf(el.placeholder) || String(el.action_id ?? type);
    const chosen = isObject(el.initial_option)
      ? textOf(el.initial_option.text)
      : Array.isArray(el.initial_options) && el.initial_options.length > 0
        ? el.initial_options.map((o) => textOf(isObject(o) ? o.text : undefined)).join(', ')
        : '…';
    if (type === 'radio_buttons' || type === 'checkboxes') {
      return optionsOf(el)
        .map((o) => `(${textOf(o.text) === chosen ? 'x' : ' '}) ${textOf(o.text)}`)
        .join(' ');
    }
    return `[${label}: ${chosen}▾]`;
  }
  if (type.endsWith('_input')) return `[${textOf(el.placeholder) || '…'}]`;
  if (type === 'datepicker') return `[📅 ${String(el.initial_date ?? '…')}]`;
  if (type === 'image') return `[${String(el.alt_text ?? 'image')}]`;
  return `[${type}]`;
}

function richText(node: unknown): string {
  if (!isObject(node)) return '';
  if (typeof node.text === 'string') return node.text;
  if (node.type === 'link' && typeof node.url === 'string') return node.url;
  if (!Array.isArray(node.elements)) return '';
  const sep = node.type === 'rich_text' || node.type === 'rich_text_list' ? '\n' : '';
  return node.elements.map(richText).join(sep);
}

/** Slack's markup made readable: `<@U1>` → `@alice`, `<#C1|x>` → `#x`, `<url|label>` → `label`. */
function readable(text: string, names: Map<string, string>, channels: Map<string, string>): string {
  return text.replace(/<([^<>]+)>/g, (_all, inner: string) => {
    const [target = '', label] = inner.split('|');
    if (target.startsWith('@')) return `@${names.get(target.slice(1)) ?? label ?? target.slice(1)}`;
    if (target.startsWith('#')) return `#${channels.get(target.slice(1)) ?? label ?? target.slice(1)}`;
    if (target.startsWith('!')) return `@${label ?? target.slice(1).replace(/^subteam\^/, '')}`;
    return label ?? target;
  });
}
