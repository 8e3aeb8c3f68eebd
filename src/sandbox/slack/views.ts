/** Modals (a stack of up to three per person) and App Home views, with Slack's checks on what an app sends. */
import { randomBytes } from 'node:crypto';
import { SlackApiError } from './api-error.ts';
import {
  blockErrors,
  elementSites,
  isObject,
  type JsonObject,
  VIEW_BLOCK_LIMIT,
  withSlackIds,
} from './block-kit.ts';
import { slackId } from './ids.ts';
import type { StoredView } from './model.ts';
import { stateValues } from './state-values.ts';

const MODAL_STACK_LIMIT = 3;

export interface AppIdentity {
  teamId: string;
  appId: string;
  botId: string;
}

export class ViewStore {
  private readonly views = new Map<string, StoredView>();

  constructor(private readonly app: AppIdentity) {}

  get(id: string): StoredView | undefined {
    return this.views.get(id);
  }

  all(): StoredView[] {
    return [...this.views.values()];
  }

  /** views.open: a new modal at the bottom of a new stack. */
  open(userId: string, view: unknown): StoredView {
    const input = checkedView(view, 'modal');
    for (const v of this.stackOf(userId)) v.open = false;
    return this.store(userId, input, { root: null, previous: null });
  }

  /** views.push: a modal on top of the person's open stack. */
  push(userId: string, view: unknown): StoredView {
    const input = checkedView(view, 'modal');
    const stack = this.stackOf(userId);
    const top = stack.at(-1);
    if (!top) throw new SlackApiError('not_found');
    if (stack.length >= MODAL_STACK_LIMIT) throw new SlackApiError('push_limit_reached');
    return this.store(userId, input, { root: top.root_view_id ?? top.id, previous: top.id });
  }

  /** views.update: replace an existing view in place; a stale hash is a conflict. */
  update(
    ref: { viewId?: string | undefined; externalId?: string | undefined; hash?: string | undefined },
    view: unknown,
  ): StoredView {
    const current = ref.viewId
      ? this.views.get(ref.viewId)
      : this.all().find((v) => ref.externalId && v.external_id === ref.externalId);
    if (!current) throw new SlackApiError('not_found');
    if (ref.hash && ref.hash !== current.hash) throw new SlackApiError('hash_conflict');
    const input = checkedView(view, current.type);
    const next = build(input, current.id, current.userId, this.app, {
      root: current.root_view_id,
      previous: current.previous_view_id,
    });
    this.views.set(current.id, next);
    return next;
  }

  /** views.publish: the person's App Home, created or replaced. */
  publish(userId: string, view: unknown): StoredView {
    const input = checkedView(view, 'home');
    const existing = this.all().find((v) => v.type === 'home' && v.userId === userId);
    const next = build(input, existing?.id ?? slackId('V'), userId, this.app, { root: null, previous: null });
    this.views.set(next.id, next);
    return next;
  }

  /** After a submission: close the top view, or the whole stack for `response_action: clear`. */
  close(viewId: string, all: boolean): StoredView[] {
    const view = this.views.get(viewId);
    if (!view) return [];
    const closing = all ? this.stackOf(view.userId) : [view];
    for (const v of closing) v.open = false;
    return closing;
  }

  /** The person's open modals, bottom first. */
  stackOf(userId: string): StoredView[] {
    return this.all().filter((v) => v.type === 'modal' && v.open && v.userId === userId);
  }

  private store(
    userId: string,
    input: JsonObject,
    links: { root: string | null; previous: string | null },
  ): StoredView {
    const view = build(input, slackId('V'), userId, this.app, links);
    this.views.set(view.id, view);
    return view;
  }
}

function build(
  input: JsonObject,
  id: string,
  userId: string,
  app: AppIdentity,
  links: { root: string | null; previous: string | null },
): StoredView {
  const blocks = withSlackIds(input.blocks as JsonObject[]);
  return {
    id,
    team_id: app.teamId,
    type: input.type as 'modal' | 'home',
    callback_id: typeof input.callback_id === 'string' ? input.callback_id : '',
    private_metadata: typeof input.private_metadata === 'string' ? input.private_metadata : '',
    external_id: typeof input.external_id === 'string' ? input.external_id : '',
    title: isObject(input.title) ? input.title : null,
    submit: isObject(input.submit) ? input.submit : null,
    close: isObject(input.close) ? input.close : null,
    blocks,
    hash: `${Math.floor(Date.now() / 1000)}.${randomBytes(4).toString('hex')}`,
    root_view_id: links.root,
    previous_view_id: links.previous,
    clear_on_close: input.clear_on_close === true,
    notify_on_close: input.notify_on_close === true,
    app_id: app.appId,
    app_installed_team_id: app.teamId,
    bot_id: app.botId,
    state: { values: stateValues(elementSites(blocks), new Map()) },
    userId,
    open: true,
  };
}

/** The view an app sent, checked as Slack checks it; `invalid_arguments` lists what is wrong. */
function checkedView(view: unknown, type: 'modal' | 'home'): JsonObject {
  if (!isObject(view))
    throw SlackApiError.withMessages('invalid_arguments', ['must provide an object [json-pointer:/view]']);
  const errors: string[] = [];
  if (view.type !== type) errors.push(`must be "${type}" here [json-pointer:/view/type]`);
  if (type === 'modal') {
    errors.push(...titleErrors(view.title, 'title', true));
    errors.push(...titleErrors(view.submit, 'submit', false));
    errors.push(...titleErrors(view.close, 'close', false));
  }
  if (!Array.isArray(view.blocks)) errors.push('must provide an array [json-pointer:/view/blocks]');
  else {
    errors.push(...blockErrors(view.blocks, VIEW_BLOCK_LIMIT, '/view/blocks'));
    const hasInputs = view.blocks.some((b) => isObject(b) && b.type === 'input');
    if (type === 'modal' && hasInputs && view.submit === undefined) {
      errors.push('must provide a submit button when the view has input blocks [json-pointer:/view/submit]');
    }
  }
  if (typeof view.private_metadata === 'string' && view.private_metadata.length > 3000) {
    errors.push('must be less than 3001 characters [json-pointer:/view/private_metadata]');
  }
  if (typeof view.callback_id === 'string' && view.callback_id.length > 255) {
    errors.push('must be less than 256 characters [json-pointer:/view/callback_id]');
  }
  if (errors.length > 0) throw SlackApiError.withMessages('invalid_arguments', errors);
  return view;
}

function titleErrors(text: unknown, field: string, required: boolean): string[] {
  if (text === undefined) return required ? [`must provide an object [json-pointer:/view/${field}]`] : [];
  if (
    !isObject(text) ||
    text.type !== 'plain_text' ||
    typeof text.text !== 'string' ||
    text.text.length === 0
  ) {
    return [`must be a plain_text object with text [json-pointer:/view/${field}]`];
  }
  if (text.text.length > 24) return [`must be less than 25 characters [json-pointer:/view/${field}/text]`];
  return [];
}
