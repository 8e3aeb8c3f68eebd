/**
 * Sends an app what Slack would send it — slash commands, clicks, selections, view submissions,
 * shortcuts, Events API callbacks — as real HTTP requests signed exactly as Slack signs them.
 * Payloads are built from what the Slack stand-in recorded, so a click is on the message the bot really posted.
 */
import { TakedownError } from '../../core/errors.ts';
import { SlackApiError } from './api-error.ts';
import { type ElementSite, elementSites, isObject, type JsonObject, textOf } from './block-kit.ts';
import type { FileObject, StoredMessage, StoredView } from './model.ts';
import {
  actionTs,
  blockActionsPayload,
  eventEnvelope,
  fileShareEvents,
  messageShortcutPayload,
  slashCommandBody,
  VERIFICATION_TOKEN,
  viewSubmissionPayload,
} from './payloads.ts';
import type { SlackStandIn } from './server.ts';
import { signatureHeaders } from './signing.ts';
import {
  actionFor,
  enteredValue,
  type StateValue,
  siteKey,
  stateValues,
  type UserInput,
} from './state-values.ts';
import { messageContent } from './web-api.ts';
import type { Workspace } from './workspace.ts';

/** The app's HTTP answer. `body` is parsed JSON when the app answered JSON, else the text ('' when empty). */
export interface DriverResponse {
  status: number;
  body: unknown;
}

export interface SlackDriverOptions {
  /** Where the app listens, e.g. `http://127.0.0.1:3000/slack/events`. */
  appUrl: string;
  signingSecret: string;
  /** The workspace the requests come from: its team, people, channels and the bot's messages. */
  standIn: SlackStandIn;
}

interface MessageRef {
  channel: string;
  messageTs: string;
  actionId: string;
  /** Who acts; defaults to the workspace's first person. */
  userId?: string | undefined;
}

const FORM = 'application/x-www-form-urlencoded';

export class SlackDriver {
  /** The last request sent, to replay it. */
  lastRequest: { body: string; headers: Record<string, string> } | null = null;
  private readonly ws: Workspace;

  constructor(private readonly opts: SlackDriverOptions) {
    this.ws = opts.standIn.workspace;
  }

  /** Slack's signature headers for a body, now or at a given time (seconds) — for stale-request tests. */
  sign(rawBody: string, timestampSec?: number): Record<string, string> {
    return signatureHeaders(this.opts.signingSecret, rawBody, timestampSec);
  }

  /** Send exactly this body and these headers: for forged, stale and replayed requests. */
  async sendRaw(req: { body: string; headers: Record<string, string> }): Promise<DriverResponse> {
    this.lastRequest = req;
    let res: globalThis.Response;
    try {
      res = await fetch(this.opts.appUrl, { method: 'POST', headers: req.headers, body: req.body });
    } catch (err) {
      throw new TakedownError('internal', `The app at ${this.opts.appUrl} did not answer: ${String(err)}.`, {
        hint: 'Start the app (HTTP mode) before driving it, and check the URL and port.',
        cause: err,
      });
    }
    const text = await res.text();
    const isJson = res.headers.get('content-type')?.includes('json') ?? false;
    return { status: res.status, body: isJson && text ? JSON.parse(text) : text };
  }

  /** Form-encoded and signed, as Slack posts slash commands. The ack, if it has a message, is shown as Slack shows it. */
  async slashCommand(a: {
    command: string;
    text: string;
    userId: string;
    channelId: string;
    triggerId?: string | undefined;
  }): Promise<DriverResponse & { triggerId: string; responseUrl: string }> {
    const channel = this.known(() => this.ws.channel(a.channelId), `channel ${a.channelId}`);
    this.known(() => this.ws.user(a.userId), `user ${a.userId}`);
    const triggerId = a.triggerId ?? this.ws.issueTrigger(a.userId);
    const responseUrl = this.ws.responseUrl({
      channel: channel.id,
      userId: a.userId,
      messageTs: null,
      threadTs: null,
    });
    this.ws.recorder.add({
      kind: 'user_command',
      via: 'user',
      method: 'slash_command',
      channel: channel.id,
      user: a.userId,
      author: a.userId,
      text: `${a.command} ${a.text}`.trim(),
    });
    const body = new URLSearchParams(
      slashCommandBody(this.ws, { ...a, channelId: channel.id, triggerId, responseUrl }),
    ).toString();
    const res = await this.send(body, FORM);
    this.showCommandAck(a.command, channel.id, a.userId, res);
    return { ...res, triggerId, responseUrl };
  }

  /** A click on a button of a message (or of an ephemeral message the person sees), with the message's input state. */
  async clickButton(a: MessageRef & { value?: string | undefined }): Promise<DriverResponse> {
    const userId = this.actor(a.userId);
    const message = this.visibleMessage(a.channel, a.messageTs, userId);
    const site = this.site(
      message,
      a.actionId,
      (s) => s.element.type === 'button' && (a.value === undefined || s.element.value === a.value),
    );
    this.ws.recorder.add({
      kind: 'user_action',
      via: 'user',
      method: 'block_actions',
      channel: message.channel,
      ts: message.ts,
      user: userId,
      action: { element: 'button', actionId: site.actionId, label: textOf(site.element.text) },
    });
    return this.dispatch(message, userId, actionFor(site, { type: 'button' }, actionTs()));
  }

  /**
   * Pick an option of a select (or radio buttons/checkboxes) in a message, as a person would. Selects outside
   * input blocks dispatch block_actions at once, as on Slack (null is returned when nothing was dispatched).
   */
  selectOption(a: MessageRef & { value: UserInput }): Promise<DriverResponse | null> {
    return this.enter(a, a.value);
  }

  /** Type into a text input of a message. Dispatches only when its input block has `dispatch_action`. */
  setText(a: MessageRef & { text: string }): Promise<DriverResponse | null> {
    return this.enter(a, a.text);
  }

  /**
   * Submit an open modal. `values` is keyed by action_id (or `block_id/action_id`); inputs not given keep
   * their initial values. The app's answer (`response_action`) is applied to the person's views as Slack would.
   */
  async submitView(a: {
    viewId: string;
    userId: string;
    values: Record<string, UserInput>;
  }): Promise<DriverResponse> {
    const view = this.ws.views.get(a.viewId);
    if (!view?.open || view.userId !== a.userId) {
      throw new TakedownError('not_found', `No open view ${a.viewId} for ${a.userId} to submit.`, {
        hint: `Open views: ${this.openViews()}.`,
      });
    }
    const sites = elementSites(view.blocks);
    const entered = new Map<string, StateValue>();
    for (const [key, input] of Object.entries(a.values)) {
      const site = sites.find((s) => s.actionId === key || siteKey(s) === key);
      if (!site) {
        throw new TakedownError('bad_input', `The view "${view.callback_id}" has no input "${key}".`, {
          hint: `Its inputs: ${sites.map((s) => s.actionId).join(', ') || 'none'}.`,
        });
      }
      entered.set(
        siteKey(site),
        site.element.type === 'file_input' ? this.chosenFiles(site, input) : enteredValue(site, input),
      );
    }
    const state = stateValues(sites, entered);
    requireFilledInputs(view, state);
    this.ws.recorder.add({
      kind: 'user_action',
      via: 'user',
      method: 'view_submission',
      user: a.userId,
      text: textOf(view.title),
      view,
      action: { element: 'view', actionId: view.callback_id, label: textOf(view.submit) || 'Submit' },
    });
    const payload = viewSubmissionPayload(this.ws, {
      view,
      userId: a.userId,
      state,
      triggerId: this.ws.issueTrigger(a.userId),
    });
    const res = await this.sendPayload(payload);
    if (res.status === 200) this.applyViewAnswer(view, res.body);
    return res;
  }

  /**
   * A file a person picks in a modal's file input: stored in the workspace (downloadable with the bot token),
   * shared nowhere yet. Pass its id to submitView for the file input.
   */
  pickFile(a: { userId: string; filename: string; content: Buffer | string }): FileObject {
    this.known(() => this.ws.user(a.userId), `user ${a.userId}`);
    return this.ws.files.add({ name: a.filename, content: a.content, userId: a.userId });
  }

  /**
   * Delivers the last request again, as Slack retries a delivery it thinks failed: same body, fresh
   * signature, and the `X-Slack-Retry-Num` / `X-Slack-Retry-Reason` headers.
   */
  async redeliver(retryNum = 1, reason = 'http_timeout'): Promise<DriverResponse> {
    const last = this.lastRequest;
    if (!last) {
      throw new TakedownError('bad_input', 'Nothing was delivered yet, so there is nothing to retry.', {
        hint: 'Send an event or a command first.',
      });
    }
    return this.sendRaw({
      body: last.body,
      headers: {
        'content-type': last.headers['content-type'] ?? FORM,
        ...this.sign(last.body),
        'x-slack-retry-num': String(retryNum),
        'x-slack-retry-reason': reason,
      },
    });
  }

  /** A message shortcut (the "…" menu on a message). */
  async messageShortcut(a: {
    callbackId: string;
    channel: string;
    messageTs: string;
    userId: string;
  }): Promise<DriverResponse> {
    const message = this.visibleMessage(a.channel, a.messageTs, a.userId);
    this.ws.recorder.add({
      kind: 'user_action',
      via: 'user',
      method: 'message_action',
      channel: message.channel,
      ts: message.ts,
      user: a.userId,
      action: { element: 'shortcut', actionId: a.callbackId, label: a.callbackId },
    });
    const responseUrl = this.ws.responseUrl({
      channel: message.channel,
      userId: a.userId,
      messageTs: null,
      threadTs: null,
    });
    return this.sendPayload(
      messageShortcutPayload(this.ws, {
        callbackId: a.callbackId,
        message,
        userId: a.userId,
        triggerId: this.ws.issueTrigger(a.userId),
        responseUrl,
      }),
    );
  }

  /**
   * A person drops a file into a channel: the file is stored (downloadable with the bot token), the channel
   * shows it, and the app gets the `file_shared` and `message` (subtype file_share) events Slack sends.
   */
  async shareFile(a: {
    channelId: string;
    userId: string;
    filename: string;
    content: Buffer | string;
    comment?: string | undefined;
  }): Promise<DriverResponse & { file: FileObject; message: DriverResponse }> {
    const channel = this.known(() => this.ws.channel(a.channelId), `channel ${a.channelId}`);
    this.known(() => this.ws.user(a.userId), `user ${a.userId}`);
    const file = this.ws.files.add({
      name: a.filename,
      content: a.content,
      userId: a.userId,
      channel: channel.id,
    });
    const posted = this.ws.post({
      channel: channel.id,
      user: a.userId,
      text: a.comment ?? '',
      files: [file],
    });
    this.ws.recorder.add({
      kind: 'user_message',
      via: 'user',
      method: 'file_share',
      channel: channel.id,
      ts: posted.ts,
      user: a.userId,
      author: a.userId,
      text: posted.text,
      files: [file],
    });
    const events = fileShareEvents(this.ws, posted);
    const shared = await this.event(events.fileShared);
    const message = await this.event(events.message);
    return { ...shared, file, message };
  }

  /** An Events API delivery: an inner event (wrapped in an event_callback envelope) or a whole envelope. */
  event(payload: JsonObject): Promise<DriverResponse> {
    const isEnvelope = payload.type === 'event_callback' || payload.type === 'url_verification';
    return this.send(
      JSON.stringify(isEnvelope ? payload : eventEnvelope(this.ws, payload)),
      'application/json',
    );
  }

  /** The check Slack makes when the Request URL is set; the app must echo the challenge. */
  urlVerification(challenge = `challenge-${Date.now()}`): Promise<DriverResponse> {
    return this.event({ token: VERIFICATION_TOKEN, challenge, type: 'url_verification' });
  }

  private send(body: string, contentType: string): Promise<DriverResponse> {
    return this.sendRaw({ body, headers: { 'content-type': contentType, ...this.sign(body) } });
  }

  private sendPayload(payload: JsonObject): Promise<DriverResponse> {
    return this.send(new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), FORM);
  }

  private async enter(a: MessageRef, input: UserInput): Promise<DriverResponse | null> {
    const userId = this.actor(a.userId);
    const message = this.visibleMessage(a.channel, a.messageTs, userId);
    const site = this.site(message, a.actionId, (s) => s.element.type !== 'button');
    const value = enteredValue(site, input);
    this.ws.enter(message.channel, message.ts, site, value);
    if (!site.dispatches) return null;
    this.ws.recorder.add({
      kind: 'user_action',
      via: 'user',
      method: 'block_actions',
      channel: message.channel,
      ts: message.ts,
      user: userId,
      action: { element: site.element.type, actionId: site.actionId, label: chosenLabel(value) },
    });
    return this.dispatch(message, userId, actionFor(site, value, actionTs()));
  }

  private dispatch(message: StoredMessage, userId: string, action: JsonObject): Promise<DriverResponse> {
    const { values } = this.ws.messageState(message.channel, message.ts);
    const responseUrl = this.ws.responseUrl({
      channel: message.channel,
      userId,
      messageTs: message.ts,
      threadTs: message.threadTs,
    });
    return this.sendPayload(
      blockActionsPayload(this.ws, {
        message,
        userId,
        action,
        state: values,
        triggerId: this.ws.issueTrigger(userId),
        responseUrl,
      }),
    );
  }

  /** Slack shows a slash command's ack message: to the person (default) or in the channel (`in_channel`). */
  private showCommandAck(command: string, channel: string, userId: string, res: DriverResponse): void {
    const slackbot = (text: string) =>
      this.ws.recorder.add({
        kind: 'ephemeral',
        via: 'ack',
        method: 'slash_command',
        channel,
        ts: this.ws.post({ channel, user: 'USLACKBOT', text, ephemeralTo: userId }).ts,
        user: userId,
        author: 'USLACKBOT',
        text,
      });
    if (res.status !== 200) {
      slackbot(`${command} failed with the error "dispatch_failed"`);
      return;
    }
    if (res.body === '' || res.body === undefined) return;
    const body = typeof res.body === 'string' ? { text: res.body } : res.body;
    if (!isObject(body)) return;
    let content: ReturnType<typeof messageContent>;
    try {
      content = messageContent(body);
    } catch (err) {
      if (!(err instanceof SlackApiError)) throw err;
      slackbot(`${command} failed with the error "${err.error}"`);
      return;
    }
    const inChannel = body.response_type === 'in_channel';
    const msg = this.ws.post({
      channel,
      user: this.ws.id.botUserId,
      botId: this.ws.id.botId,
      ...content,
      ephemeralTo: inChannel ? null : userId,
    });
    this.ws.recorder.add({
      kind: inChannel ? 'post' : 'ephemeral',
      via: 'ack',
      method: 'slash_command',
      channel,
      ts: msg.ts,
      user: inChannel ? msg.user : userId,
      author: msg.user,
      text: msg.text,
      blocks: msg.blocks,
    });
  }

  /** What Slack does with the app's answer to a view submission. */
  private applyViewAnswer(view: StoredView, body: unknown): void {
    const answer = isObject(body) ? body : {};
    const action = answer.response_action;
    if (action === 'errors') return;
    try {
      if (action === 'update' || action === 'push') {
        const next =
          action === 'update'
            ? this.ws.views.update({ viewId: view.id }, answer.view)
            : this.ws.views.push(view.userId, answer.view);
        this.ws.recorder.add({
          kind: action === 'update' ? 'view_update' : 'view_push',
          via: 'ack',
          method: 'view_submission',
          user: view.userId,
          text: textOf(next.title),
          blocks: next.blocks,
          view: next,
        });
        return;
      }
    } catch (err) {
      if (!(err instanceof SlackApiError)) throw err;
      throw new TakedownError(
        'bad_input',
        `Slack would refuse the app's answer to the view submission: ${err.error}.`,
        {
          hint: JSON.stringify(err.extra),
        },
      );
    }
    for (const closed of this.ws.views.close(view.id, action === 'clear')) {
      this.ws.recorder.add({
        kind: 'view_close',
        via: 'ack',
        method: 'view_submission',
        user: closed.userId,
        text: textOf(closed.title),
        view: closed,
      });
    }
  }

  private visibleMessage(channel: string, ts: string, userId: string): StoredMessage {
    const message = this.ws.message(channel, ts);
    if (!message || (message.ephemeralTo !== null && message.ephemeralTo !== userId)) {
      throw new TakedownError(
        'not_found',
        `There is no message ${ts} in ${channel} that ${userId} can see.`,
        {
          hint: 'Use the channel and ts the bot posted (see standIn.messages(channel)).',
        },
      );
    }
    return message;
  }

  private site(message: StoredMessage, actionId: string, fits: (s: ElementSite) => boolean): ElementSite {
    const sites = elementSites(message.blocks);
    const site = sites.find((s) => s.actionId === actionId && fits(s));
    if (!site) {
      const offered = sites.map((s) => `${s.actionId} (${s.element.type})`).join(', ');
      throw new TakedownError(
        'bad_input',
        `The message ${message.ts} has no suitable element "${actionId}".`,
        {
          hint: `It has: ${offered || 'no interactive elements'}.`,
        },
      );
    }
    return site;
  }

  private actor(userId: string | undefined): string {
    if (userId) return this.known(() => this.ws.user(userId), `user ${userId}`).id;
    const first = this.ws.humans()[0];
    if (!first) {
      throw new TakedownError('bad_input', 'The Slack stand-in has no people to act as.', {
        hint: 'Pass users to startSlackStandIn, or give a userId.',
      });
    }
    return first.id;
  }

  private known<T>(lookup: () => T, what: string): T {
    try {
      return lookup();
    } catch (err) {
      if (!(err instanceof SlackApiError)) throw err;
      throw new TakedownError('not_found', `The Slack stand-in has no ${what}.`, {
        hint: 'Add it to the users/channels given to startSlackStandIn.',
      });
    }
  }

  /** A file input's value: the files picked (by id), as Slack reports them, within the element's limits. */
  private chosenFiles(site: ElementSite, input: UserInput): StateValue {
    const ids = Array.isArray(input) ? input : [input];
    const max = typeof site.element.max_files === 'number' ? site.element.max_files : 10;
    if (ids.length > max) {
      throw new TakedownError('bad_input', `The file input "${site.actionId}" takes at most ${max} files.`, {
        hint: 'Pick fewer files.',
      });
    }
    const files = ids.map((id) => this.known(() => this.ws.files.info(id), `file ${id}`));
    const types = Array.isArray(site.element.filetypes) ? site.element.filetypes.map(String) : [];
    for (const f of files) {
      const ext = f.name.split('.').pop()?.toLowerCase() ?? '';
      if (types.length > 0 && !types.includes(ext)) {
        throw new TakedownError('bad_input', `Slack would not accept ${f.name} in "${site.actionId}".`, {
          hint: `It takes ${types.join(', ')} files.`,
        });
      }
    }
    return { type: 'file_input', files };
  }

  private openViews(): string {
    const open = this.ws.views.all().filter((v) => v.open && v.type === 'modal');
    return open.map((v) => `${v.id} (${v.callback_id}, ${v.userId})`).join(', ') || 'none';
  }
}

/** Slack will not submit a modal while a required input is empty. */
function requireFilledInputs(view: StoredView, state: ReturnType<typeof stateValues>): void {
  for (const block of view.blocks) {
    if (block.type !== 'input' || block.optional === true) continue;
    const [site] = elementSites([block]);
    if (!site) continue;
    const value = state[site.blockId]?.[site.actionId];
    if (!value || isEmpty(value)) {
      throw new TakedownError(
        'bad_input',
        `Slack would not submit "${textOf(view.title)}": "${textOf(block.label)}" is required.`,
        {
          hint: `Give a value for "${site.actionId}".`,
        },
      );
    }
  }
}

function isEmpty(value: StateValue): boolean {
  const held = Object.entries(value).filter(([k]) => k !== 'type');
  return held.every(
    ([, v]) => v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0),
  );
}

/** What a person sees as chosen: option texts, or the value typed or picked. */
function chosenLabel(value: StateValue): string {
  const held = Object.entries(value).find(([k]) => k !== 'type')?.[1];
  const one = (v: unknown): string =>
    isObject(v) ? textOf(v.text) || String(v.value ?? '') : String(v ?? '');
  return Array.isArray(held) ? held.map(one).join(', ') : one(held);
}
