/** What the Slack stand-in knows: the workspace's people and channels, messages, files, views, and its record. */
import type { JsonObject, SlackBlock } from './block-kit.ts';
import type { StateValues } from './state-values.ts';

export interface SlackUser {
  id: string;
  name: string;
  realName?: string | undefined;
  isBot?: boolean | undefined;
}

export interface SlackChannel {
  id: string;
  name: string;
  /** Whether the bot is in the channel; posting where it is not answers `not_in_channel`. Default true. */
  botIsMember?: boolean | undefined;
}

export interface SlackUsergroup {
  id: string;
  handle: string;
  users: string[];
}

/** A file as `files.info` and events show it. */
export interface FileObject {
  id: string;
  created: number;
  timestamp: number;
  name: string;
  title: string;
  mimetype: string;
  filetype: string;
  pretty_type: string;
  user: string;
  user_team: string;
  editable: boolean;
  size: number;
  mode: 'hosted';
  is_external: boolean;
  external_type: string;
  is_public: boolean;
  public_url_shared: boolean;
  display_as_bot: boolean;
  username: string;
  url_private: string;
  url_private_download: string;
  permalink: string;
  permalink_public: string;
  channels: string[];
  groups: string[];
  ims: string[];
  comments_count: number;
}

/** A message as it stands now (after any updates). Ephemeral ones carry the one person who sees them. */
export interface StoredMessage {
  channel: string;
  ts: string;
  /** The parent's ts for a thread reply; null for a top-level message. */
  threadTs: string | null;
  /** The author: a person's id, or the bot user's id for the app's posts. */
  user: string;
  botId: string | null;
  text: string;
  blocks: SlackBlock[];
  files: FileObject[];
  ephemeralTo: string | null;
  edited: { user: string; ts: string } | null;
  deleted: boolean;
}

/** A modal or App Home view, as Slack keeps it and echoes it in payloads. */
export interface StoredView {
  id: string;
  team_id: string;
  type: 'modal' | 'home';
  callback_id: string;
  private_metadata: string;
  external_id: string;
  title: JsonObject | null;
  submit: JsonObject | null;
  close: JsonObject | null;
  blocks: SlackBlock[];
  hash: string;
  root_view_id: string | null;
  previous_view_id: string | null;
  clear_on_close: boolean;
  notify_on_close: boolean;
  app_id: string;
  app_installed_team_id: string;
  bot_id: string;
  state: { values: StateValues };
  /** Who sees it. */
  userId: string;
  open: boolean;
}

export type RecordKind =
  | 'user_command'
  | 'user_message'
  | 'user_action'
  | 'post'
  | 'update'
  | 'delete'
  | 'ephemeral'
  | 'file_upload'
  | 'view_open'
  | 'view_push'
  | 'view_update'
  | 'view_publish'
  | 'view_close';

/** How the bot (or a person) caused it: a Web API call, a response_url, the HTTP ack, or a person's own act. */
export type RecordVia = 'api' | 'response_url' | 'ack' | 'user';

/** One entry of the stand-in's transcript, in the order it happened. */
export interface SlackRecord {
  seq: number;
  at: string;
  kind: RecordKind;
  via: RecordVia;
  /** The Web API method, `response_url`, or what the person did (`slash_command`, `file_share`, `block_actions`, …). */
  method: string;
  channel: string | null;
  ts: string | null;
  threadTs: string | null;
  /** The author of a message, the one person who sees an ephemeral or a view, or the person who acted. */
  user: string | null;
  /** Who wrote it, for messages (the bot user, a person, or USLACKBOT); null otherwise. */
  author: string | null;
  text: string;
  blocks: SlackBlock[];
  files: FileObject[];
  view: StoredView | null;
  /** For user_action: the element acted on (`button`, `static_select`, `view`, `shortcut`), its action_id, and what was clicked or chosen. */
  action: { element: string; actionId: string; label: string } | null;
}

/** One Web API call the stand-in answered. */
export interface ApiCall {
  method: string;
  params: JsonObject;
  ok: boolean;
  error: string | null;
  /** HTTP status: 200, or 429 when rate-limited. */
  status: number;
}
