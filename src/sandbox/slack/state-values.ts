/**
 * The values of inputs as Slack reports them in `state.values` and in `block_actions`:
 * what an element holds before anyone touches it, and what it holds after a person picks or types.
 */
import { TakedownError } from '../../core/errors.ts';
import { type ElementSite, isObject, isStateful, type JsonObject, optionsOf, textOf } from './block-kit.ts';

export type StateValue = JsonObject & { type: string };
export type StateValues = Record<string, Record<string, StateValue>>;
/** What a person enters: one value, or several for multi-selects and checkboxes. */
export type UserInput = string | string[];

/** The value an element shows before anyone changes it (its initial_* or nothing). */
export function initialValue(element: JsonObject & { type: string }): StateValue {
  const { type } = element;
  switch (type) {
    case 'plain_text_input':
    case 'email_text_input':
    case 'url_text_input':
    case 'number_input':
      return { type, value: typeof element.initial_value === 'string' ? element.initial_value : null };
    case 'static_select':
    case 'external_select':
    case 'radio_buttons':
      return { type, selected_option: isObject(element.initial_option) ? element.initial_option : null };
    case 'multi_static_select':
    case 'multi_external_select':
    case 'checkboxes':
      return {
        type,
        selected_options: Array.isArray(element.initial_options) ? element.initial_options : [],
      };
    case 'users_select':
      return { type, selected_user: element.initial_user ?? null };
    case 'multi_users_select':
      return { type, selected_users: element.initial_users ?? [] };
    case 'conversations_select':
      return { type, selected_conversation: element.initial_conversation ?? null };
    case 'multi_conversations_select':
      return { type, selected_conversations: element.initial_conversations ?? [] };
    case 'channels_select':
      return { type, selected_channel: element.initial_channel ?? null };
    case 'multi_channels_select':
      return { type, selected_channels: element.initial_channels ?? [] };
    case 'datepicker':
      return { type, selected_date: element.initial_date ?? null };
    case 'timepicker':
      return { type, selected_time: element.initial_time ?? null };
    case 'datetimepicker':
      return { type, selected_date_time: element.initial_date_time ?? null };
    case 'file_input':
      return { type, files: [] };
    default:
      return { type };
  }
}

/** The value after a person entered `input` into the element; refuses what the element cannot hold. */
export function enteredValue(site: ElementSite, input: UserInput): StateValue {
  const { element } = site;
  const { type } = element;
  const one = (): string => {
    if (Array.isArray(input)) {
      throw badInput(site, `takes one value, but ${input.length} were given (${input.join(', ')})`);
    }
    return input;
  };
  const many = (): string[] => (Array.isArray(input) ? input : [input]);
  switch (type) {
    case 'plain_text_input':
    case 'email_text_input':
    case 'url_text_input':
    case 'number_input':
      return { type, value: one() };
    case 'static_select':
    case 'radio_buttons':
      return { type, selected_option: pickOption(site, one()) };
    case 'external_select':
      return { type, selected_option: externalOption(one()) };
    case 'multi_static_select':
    case 'checkboxes':
      return { type, selected_options: many().map((v) => pickOption(site, v)) };
    case 'multi_external_select':
      return { type, selected_options: many().map(externalOption) };
    case 'users_select':
      return { type, selected_user: one() };
    case 'multi_users_select':
      return { type, selected_users: many() };
    case 'conversations_select':
      return { type, selected_conversation: one() };
    case 'multi_conversations_select':
      return { type, selected_conversations: many() };
    case 'channels_select':
      return { type, selected_channel: one() };
    case 'multi_channels_select':
      return { type, selected_channels: many() };
    case 'datepicker': {
      const date = one();
      if (!/^\d{4}-\d{2}-\d{2}$/.test(date))
        throw badInput(site, `takes a date as YYYY-MM-DD, not "${date}"`);
      return { type, selected_date: date };
    }
    case 'timepicker': {
      const time = one();
      if (!/^\d{2}:\d{2}$/.test(time)) throw badInput(site, `takes a time as HH:mm, not "${time}"`);
      return { type, selected_time: time };
    }
    default:
      throw badInput(site, `is a ${type}, which holds no value a person can enter`);
  }
}

/** `state.values` for every stateful element of a surface, with the person's entries laid over. */
export function stateValues(
  sites: readonly ElementSite[],
  entered: ReadonlyMap<string, StateValue>,
): StateValues {
  const values: StateValues = {};
  for (const site of sites) {
    if (!isStateful(site.element)) continue;
    const byAction = values[site.blockId] ?? {};
    byAction[site.actionId] = entered.get(siteKey(site)) ?? initialValue(site.element);
    values[site.blockId] = byAction;
  }
  return values;
}

export function siteKey(site: { blockId: string; actionId: string }): string {
  return `${site.blockId}/${site.actionId}`;
}

/** The `actions[0]` of a block_actions payload for this element, as Slack shapes it. */
export function actionFor(site: ElementSite, value: StateValue, actionTs: string): JsonObject {
  const base = { action_id: site.actionId, block_id: site.blockId, action_ts: actionTs };
  const el = site.element;
  if (el.type === 'button') {
    return {
      ...base,
      type: 'button',
      text: el.text,
      ...(typeof el.value === 'string' ? { value: el.value } : {}),
      ...(typeof el.style === 'string' ? { style: el.style } : {}),
      ...(typeof el.url === 'string' ? { url: el.url } : {}),
    };
  }
  const { type: _type, ...held } = value;
  return {
    ...base,
    type: el.type,
    ...held,
    ...(el.placeholder !== undefined ? { placeholder: el.placeholder } : {}),
  };
}

function pickOption(site: ElementSite, value: string): JsonObject {
  const options = optionsOf(site.element);
  const found = options.find((o) => o.value === value);
  if (!found) {
    const offered = options.map((o) => `"${String(o.value)}" (${textOf(o.text)})`).join(', ');
    throw badInput(site, `has no option with value "${value}"; it offers ${offered || 'no options'}`);
  }
  return { text: found.text, value: found.value };
}

function externalOption(value: string): JsonObject {
  return { text: { type: 'plain_text', text: value, emoji: true }, value };
}

function badInput(site: ElementSite, what: string): TakedownError {
  return new TakedownError('bad_input', `The ${site.element.type} "${site.actionId}" ${what}.`, {
    hint: 'Give a value the element offers.',
  });
}
