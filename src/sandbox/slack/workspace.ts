/**
 * The stand-in's Slack workspace: people, channels, user groups, messages as they stand now,
 * what people have typed or picked in messages, trigger ids and response URLs.
 */
import { SlackApiError } from './api-error.ts';
import { type ElementSite, elementSites, type JsonObject, withSlackIds } from './block-kit.ts';
import { FileStore } from './files.ts';
import { slackId, TsClock, triggerId } from './ids.ts';
import type { FileObject, SlackChannel, SlackUser, SlackUsergroup, StoredMessage } from './model.ts';
import { Recorder } from './recorder.ts';
import { type StateValue, type StateValues, siteKey, stateValues } from './state-values.ts';
import { ViewStore } from './views.ts';

/** Slack: a trigger id is good for one use within 3 seconds. */
const TRIGGER_TTL_MS = 3_000;
/** Slack: a response_url takes up to 5 responses within 30 minutes. */
const RESPONSE_URL_USES = 5;
const RESPONSE_URL_TTL_MS = 30 * 60_000;

export interface WorkspaceIdentity {
  baseUrl: string;
  teamId: string;
  teamDomain: string;
  botToken: string;
  botUserId: string;
  botId: string;
  appId: string;
  botName: string;
}

/** Where a response_url's responses go: the person who acted, the channel, and the message acted on. */
export interface ResponseTarget {
  channel: string;
  userId: string;
  messageTs: string | null;
  threadTs: string | null;
}

export interface NewMessage {
  channel: string;
  user: string;
  botId?: string | null | undefined;
  text: string;
  blocks?: JsonObject[] | undefined;
  threadTs?: string | null | undefined;
  files?: FileObject[] | undefined;
  ephemeralTo?: string | null | undefined;
}

export class Workspace {
  readonly recorder = new Recorder();
  readonly files: FileStore;
  readonly views: ViewStore;
  readonly triggerTtlMs: number;
  private readonly clock = new TsClock();
  private readonly users = new Map<string, SlackUser>();
  private readonly channels = new Map<string, SlackChannel>();
  private readonly usergroups = new Map<string, SlackUsergroup>();
  private readonly history = new Map<string, StoredMessage[]>();
  private readonly entered = new Map<string, Map<string, StateValue>>();
  private readonly triggers = new Map<string, { userId: string; issuedAt: number }>();
  private readonly responseUrls = new Map<string, ResponseTarget & { uses: number; issuedAt: number }>();

  constructor(
    readonly id: WorkspaceIdentity,
    people: {
      users: SlackUser[];
      channels: SlackChannel[];
      usergroups: SlackUsergroup[];
      triggerTtlMs?: number | undefined;
    },
  ) {
    this.files = new FileStore(id.baseUrl, id.teamId);
    this.views = new ViewStore({ teamId: id.teamId, appId: id.appId, botId: id.botId });
    this.triggerTtlMs = people.triggerTtlMs ?? TRIGGER_TTL_MS;
    this.users.set(id.botUserId, { id: id.botUserId, name: id.botName, realName: id.botName, isBot: true });
    for (const u of people.users) this.users.set(u.id, u);
    for (const c of people.channels) this.channels.set(c.id, c);
    for (const g of people.usergroups) this.usergroups.set(g.id, g);
  }

  /** Every person (the bot included) and channel, as renderTranscript takes them. */
  directory(): { users: SlackUser[]; channels: SlackChannel[] } {
    return { users: [...this.users.values()], channels: [...this.channels.values()] };
  }

  user(id: string): SlackUser {
    const user = this.users.get(id);
    if (!user) throw new SlackApiError('user_not_found');
    return user;
  }

  humans(): SlackUser[] {
    return [...this.users.values()].filter((u) => !u.isBot);
  }

  usergroup(id: string): SlackUsergroup {
    const group = this.usergroups.get(id);
    if (!group) throw new SlackApiError('no_such_subteam');
    return group;
  }

  /** A channel by id; a user id stands for the direct-message channel with that person, as in chat.postMessage. */
  channel(id: string): SlackChannel {
    const found = this.channels.get(id);
    if (found) return found;
    const person = this.users.get(id);
    if (person && !person.isBot) {
      const dm: SlackChannel = { id: `D${id.slice(1)}`, name: `@${person.name}`, botIsMember: true };
      this.channels.set(dm.id, dm);
      return dm;
    }
    throw new SlackApiError('channel_not_found');
  }

  join(channelId: string): SlackChannel {
    const channel = this.channel(channelId);
    channel.botIsMember = true;
    return channel;
  }

  /** The channel the bot may post in; `not_in_channel` where it has not joined. */
  postable(channelId: string): SlackChannel {
    const channel = this.channel(channelId);
    if (channel.botIsMember === false) throw new SlackApiError('not_in_channel');
    return channel;
  }

  post(msg: NewMessage): StoredMessage {
    const channel = this.channel(msg.channel);
    let threadTs: string | null = null;
    if (msg.threadTs) {
      const parent = this.message(channel.id, msg.threadTs);
      if (!parent || parent.ephemeralTo) throw new SlackApiError('thread_not_found');
      threadTs = parent.threadTs ?? parent.ts;
    }
    const stored: StoredMessage = {
      channel: channel.id,
      ts: this.clock.next(),
      threadTs,
      user: msg.user,
      botId: msg.botId ?? null,
      text: msg.text,
      blocks: withSlackIds(msg.blocks ?? []),
      files: msg.files ?? [],
      ephemeralTo: msg.ephemeralTo ?? null,
      edited: null,
      deleted: false,
    };
    const list = this.history.get(channel.id) ?? [];
    list.push(stored);
    this.history.set(channel.id, list);
    return stored;
  }

  /** A message as the Web API and payloads show it. */
  messageJson(msg: StoredMessage): JsonObject {
    const bot = msg.botId
      ? {
          bot_id: msg.botId,
          app_id: this.id.appId,
          bot_profile: {
            id: msg.botId,
            app_id: this.id.appId,
            name: this.id.botName,
            deleted: false,
            team_id: this.id.teamId,
          },
        }
      : {};
    return {
      type: 'message',
      ...(msg.files.length > 0 && !msg.botId
        ? { subtype: 'file_share', upload: false, display_as_bot: false }
        : {}),
      text: msg.text,
      user: msg.user,
      ts: msg.ts,
      team: this.id.teamId,
      ...bot,
      ...(msg.blocks.length > 0 ? { blocks: msg.blocks } : {}),
      ...(msg.files.length > 0 ? { files: msg.files } : {}),
      ...(msg.threadTs
        ? { thread_ts: msg.threadTs, parent_user_id: this.message(msg.channel, msg.threadTs)?.user }
        : {}),
      ...(msg.edited ? { edited: msg.edited } : {}),
    };
  }

  /** Any message of the channel by ts, ephemeral ones included; undefined once deleted. */
  message(channel: string, ts: string): StoredMessage | undefined {
    return this.history.get(channel)?.find((m) => m.ts === ts && !m.deleted);
  }

  update(
    channel: string,
    ts: string,
    change: { text: string; blocks?: JsonObject[] | undefined; editor: string },
  ): StoredMessage {
    const msg = this.message(this.channel(channel).id, ts);
    if (!msg) throw new SlackApiError('message_not_found');
    msg.text = change.text;
    msg.blocks = withSlackIds(change.blocks ?? []);
    msg.edited = { user: change.editor, ts: this.clock.next() };
    return msg;
  }

  delete(channel: string, ts: string): StoredMessage {
    const msg = this.message(this.channel(channel).id, ts);
    if (!msg) throw new SlackApiError('message_not_found');
    msg.deleted = true;
    return msg;
  }

  /** Top-level messages of a channel, oldest first, as they stand now (no ephemerals, no thread replies). */
  messages(channel: string): StoredMessage[] {
    return (this.history.get(channel) ?? []).filter(
      (m) => !m.deleted && !m.ephemeralTo && m.threadTs === null,
    );
  }

  /** The replies in a thread, oldest first (the parent not included). */
  thread(channel: string, ts: string): StoredMessage[] {
    return (this.history.get(channel) ?? []).filter((m) => !m.deleted && !m.ephemeralTo && m.threadTs === ts);
  }

  /** The ephemeral messages one person was shown, in every channel, oldest first. */
  ephemerals(userId: string): StoredMessage[] {
    return [...this.history.values()].flat().filter((m) => !m.deleted && m.ephemeralTo === userId);
  }

  /** What a person typed or picked in a message's inputs, laid over the inputs' initial values. */
  messageState(channel: string, ts: string): { sites: ElementSite[]; values: StateValues } {
    const msg = this.message(channel, ts);
    const sites = msg ? elementSites(msg.blocks) : [];
    return { sites, values: stateValues(sites, this.entered.get(`${channel}/${ts}`) ?? new Map()) };
  }

  enter(channel: string, ts: string, site: ElementSite, value: StateValue): void {
    const key = `${channel}/${ts}`;
    const map = this.entered.get(key) ?? new Map<string, StateValue>();
    map.set(siteKey(site), value);
    this.entered.set(key, map);
  }

  issueTrigger(userId: string): string {
    const id = triggerId();
    this.triggers.set(id, { userId, issuedAt: Date.now() });
    return id;
  }

  /** Spend a trigger id: the person it was issued for. */
  useTrigger(id: string): string {
    const trigger = this.triggers.get(id);
    if (!trigger) throw new SlackApiError('invalid_trigger_id');
    this.triggers.delete(id);
    if (Date.now() - trigger.issuedAt > this.triggerTtlMs) throw new SlackApiError('expired_trigger_id');
    return trigger.userId;
  }

  responseUrl(target: ResponseTarget): string {
    const id = `${this.id.teamId}/${slackId('R').slice(1)}`;
    this.responseUrls.set(id, { ...target, uses: 0, issuedAt: Date.now() });
    return `${this.id.baseUrl}response/${id}`;
  }

  /** Spend one use of a response URL; `expired_url`/`used_url` as Slack answers. */
  useResponseUrl(id: string): ResponseTarget {
    const target = this.responseUrls.get(id);
    if (!target || Date.now() - target.issuedAt > RESPONSE_URL_TTL_MS) throw new SlackApiError('expired_url');
    if (target.uses >= RESPONSE_URL_USES) throw new SlackApiError('used_url');
    target.uses += 1;
    return target;
  }
}
