/**
 * Block Kit as Slack's servers treat it: the limits that make Slack answer `invalid_blocks`,
 * the ids Slack fills in when an app leaves them out, and where the interactive elements are.
 */
import { autoElementId } from './ids.ts';

export type JsonObject = Record<string, unknown>;
export type SlackBlock = JsonObject & { type: string };

export const MESSAGE_BLOCK_LIMIT = 50;
export const VIEW_BLOCK_LIMIT = 100;

const KNOWN_BLOCKS = new Set([
  'actions',
  'context',
  'divider',
  'file',
  'header',
  'image',
  'input',
  'markdown',
  'rich_text',
  'section',
  'table',
  'video',
]);

/** Elements whose current value Slack reports in `state.values`. */
const STATEFUL_ELEMENTS = new Set([
  'plain_text_input',
  'email_text_input',
  'url_text_input',
  'number_input',
  'static_select',
  'external_select',
  'multi_static_select',
  'multi_external_select',
  'users_select',
  'multi_users_select',
  'conversations_select',
  'multi_conversations_select',
  'channels_select',
  'multi_channels_select',
  'datepicker',
  'timepicker',
  'datetimepicker',
  'radio_buttons',
  'checkboxes',
  'file_input',
]);

export function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function textOf(v: unknown): string {
  return isObject(v) && typeof v.text === 'string' ? v.text : '';
}

/** One interactive element of a surface and where it sits. */
export interface ElementSite {
  blockId: string;
  actionId: string;
  element: JsonObject & { type: string };
  /** In an `input` block: changing it dispatches nothing unless the block says `dispatch_action`. */
  inInputBlock: boolean;
  dispatches: boolean;
}

/** Every element with an action_id, in display order. */
export function elementSites(blocks: readonly JsonObject[]): ElementSite[] {
  const sites: ElementSite[] = [];
  for (const block of blocks) {
    const blockId = typeof block.block_id === 'string' ? block.block_id : '';
    const candidates: { el: unknown; inInput: boolean }[] = [];
    if (block.type === 'actions' && Array.isArray(block.elements)) {
      for (const el of block.elements) candidates.push({ el, inInput: false });
    } else if (block.type === 'section') {
      candidates.push({ el: block.accessory, inInput: false });
    } else if (block.type === 'input') {
      candidates.push({ el: block.element, inInput: true });
    }
    for (const { el, inInput } of candidates) {
      if (!isObject(el) || typeof el.type !== 'string' || typeof el.action_id !== 'string') continue;
      sites.push({
        blockId,
        actionId: el.action_id,
        element: el as JsonObject & { type: string },
        inInputBlock: inInput,
        dispatches: !inInput || block.dispatch_action === true,
      });
    }
  }
  return sites;
}

export function isStateful(element: { type: string }): boolean {
  return STATEFUL_ELEMENTS.has(element.type);
}

/**
 * A copy of the blocks with a `block_id` on every block and an `action_id` on every interactive
 * element, generated where the app gave none — what Slack stores and echoes back.
 */
export function withSlackIds(blocks: readonly JsonObject[]): SlackBlock[] {
  const copy = structuredClone(blocks) as SlackBlock[];
  for (const block of copy) {
    if (typeof block.block_id !== 'string') block.block_id = autoElementId();
    const elements: unknown[] = [];
    if (block.type === 'actions' && Array.isArray(block.elements)) elements.push(...block.elements);
    if (block.type === 'section') elements.push(block.accessory);
    if (block.type === 'input') elements.push(block.element);
    for (const el of elements) {
      if (
        isObject(el) &&
        typeof el.type === 'string' &&
        el.type !== 'image' &&
        typeof el.action_id !== 'string'
      ) {
        el.action_id = autoElementId();
      }
    }
  }
  return copy;
}

/** The options a select offers, flattened out of option groups. */
export function optionsOf(element: JsonObject): JsonObject[] {
  const out: JsonObject[] = [];
  if (Array.isArray(element.options)) out.push(...element.options.filter(isObject));
  if (Array.isArray(element.option_groups)) {
    for (const g of element.option_groups) {
      if (isObject(g) && Array.isArray(g.options)) out.push(...g.options.filter(isObject));
    }
  }
  return out;
}

/**
 * What Slack would say is wrong with these blocks, as its `[json-pointer:…]` messages.
 * An empty list means Slack would take them.
 */
export function blockErrors(blocks: unknown, limit: number, pointer = '/blocks'): string[] {
  if (!Array.isArray(blocks)) return [`must be an array [json-pointer:${pointer}]`];
  const errors: string[] = [];
  if (blocks.length > limit) errors.push(`must be less than ${limit + 1} items [json-pointer:${pointer}]`);
  const seenBlockIds = new Set<string>();
  blocks.forEach((block, i) => {
    const at = `${pointer}/${i}`;
    if (!isObject(block) || typeof block.type !== 'string') {
      errors.push(`must be a block object with a type [json-pointer:${at}]`);
      return;
    }
    if (!KNOWN_BLOCKS.has(block.type)) {
      errors.push(`unsupported type: ${block.type} [json-pointer:${at}/type]`);
      return;
    }
    if (typeof block.block_id === 'string') {
      if (block.block_id.length > 255)
        errors.push(`must be less than 256 characters [json-pointer:${at}/block_id]`);
      if (seenBlockIds.has(block.block_id)) errors.push(`duplicate block_id [json-pointer:${at}/block_id]`);
      seenBlockIds.add(block.block_id);
    }
    errors.push(...blockShapeErrors(block as SlackBlock, at));
  });
  return errors;
}

function blockShapeErrors(block: JsonObject & { type: string }, at: string): string[] {
  const errors: string[] = [];
  switch (block.type) {
    case 'section': {
      if (block.text === undefined && block.fields === undefined) {
        errors.push(`must provide either text or fields [json-pointer:${at}]`);
      }
      if (block.text !== undefined) errors.push(...textErrors(block.text, 3000, `${at}/text`));
      if (block.fields !== undefined) {
        if (!Array.isArray(block.fields)) errors.push(`must be an array [json-pointer:${at}/fields]`);
        else {
          if (block.fields.length > 10) errors.push(`must be less than 11 items [json-pointer:${at}/fields]`);
          block.fields.forEach((f, j) => {
            errors.push(...textErrors(f, 2000, `${at}/fields/${j}`));
          });
        }
      }
      if (block.accessory !== undefined) errors.push(...elementErrors(block.accessory, `${at}/accessory`));
      break;
    }
    case 'header':
      errors.push(...textErrors(block.text, 150, `${at}/text`, ['plain_text']));
      break;
    case 'context':
      if (!Array.isArray(block.elements) || block.elements.length === 0) {
        errors.push(`must provide at least one element [json-pointer:${at}/elements]`);
      } else if (block.elements.length > 10) {
        errors.push(`must be less than 11 items [json-pointer:${at}/elements]`);
      }
      break;
    case 'actions':
      if (!Array.isArray(block.elements) || block.elements.length === 0) {
        errors.push(`must provide at least one element [json-pointer:${at}/elements]`);
      } else {
        if (block.elements.length > 25)
          errors.push(`must be less than 26 items [json-pointer:${at}/elements]`);
        errors.push(...duplicateActionIds(block.elements, `${at}/elements`));
        block.elements.forEach((el, j) => {
          errors.push(...elementErrors(el, `${at}/elements/${j}`));
        });
      }
      break;
    case 'input':
      errors.push(...textErrors(block.label, 2000, `${at}/label`, ['plain_text']));
      if (block.element === undefined) errors.push(`must provide an element [json-pointer:${at}/element]`);
      else errors.push(...elementErrors(block.element, `${at}/element`));
      break;
  }
  return errors;
}

function duplicateActionIds(elements: unknown[], at: string): string[] {
  const seen = new Set<string>();
  const errors: string[] = [];
  elements.forEach((el, j) => {
    if (!isObject(el) || typeof el.action_id !== 'string') return;
    if (seen.has(el.action_id)) errors.push(`duplicate action_id [json-pointer:${at}/${j}/action_id]`);
    seen.add(el.action_id);
  });
  return errors;
}

function textErrors(text: unknown, max: number, at: string, types = ['plain_text', 'mrkdwn']): string[] {
  if (!isObject(text)) return [`must provide an object [json-pointer:${at}]`];
  if (typeof text.type !== 'string' || !types.includes(text.type)) {
    return [`must be one of ${types.join(', ')} [json-pointer:${at}/type]`];
  }
  if (typeof text.text !== 'string' || text.text.length === 0) {
    return [`must be more than 0 characters [json-pointer:${at}/text]`];
  }
  if (text.text.length > max) return [`must be less than ${max + 1} characters [json-pointer:${at}/text]`];
  return [];
}

function elementErrors(el: unknown, at: string): string[] {
  if (!isObject(el) || typeof el.type !== 'string')
    return [`must provide an element object [json-pointer:${at}]`];
  const errors: string[] = [];
  if (typeof el.action_id === 'string' && el.action_id.length > 255) {
    errors.push(`must be less than 256 characters [json-pointer:${at}/action_id]`);
  }
  if (el.type === 'button') {
    errors.push(...textErrors(el.text, 75, `${at}/text`, ['plain_text']));
    if (typeof el.value === 'string' && el.value.length > 2000) {
      errors.push(`must be less than 2001 characters [json-pointer:${at}/value]`);
    }
  }
  if (el.type === 'static_select' || el.type === 'multi_static_select') {
    const options = optionsOf(el);
    const where = Array.isArray(el.option_groups) ? 'option_groups' : 'options';
    if (options.length === 0) errors.push(`must provide at least one option [json-pointer:${at}/${where}]`);
    if (options.length > 100) errors.push(`must be less than 101 items [json-pointer:${at}/${where}]`);
    options.forEach((o, j) => {
      if (textOf(o.text).length > 75) {
        errors.push(`must be less than 76 characters [json-pointer:${at}/${where}/${j}/text/text]`);
      }
      if (typeof o.value === 'string' && o.value.length > 150) {
        errors.push(`must be less than 151 characters [json-pointer:${at}/${where}/${j}/value]`);
      }
    });
  }
  return errors;
}
