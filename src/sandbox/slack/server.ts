/**
 * A local stand-in for Slack's Web API, over real HTTP (express). The bot reaches it only through
 * `clientOptions.slackApiUrl` (env SLACK_API_URL); it records, in order, everything the bot did.
 */
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type NextFunction, type Request, type Response } from 'express';
import { SlackApiError } from './api-error.ts';
import type { JsonObject } from './block-kit.ts';
import type { NewFile } from './files.ts';
import { slackId } from './ids.ts';
import type {
  ApiCall,
  FileObject,
  SlackChannel,
  SlackRecord,
  SlackUser,
  SlackUsergroup,
  StoredMessage,
  StoredView,
} from './model.ts';
import { type RateLimit, RateLimiter } from './rate-limits.ts';
import { respond, responseBody } from './responses.ts';
import { METHODS } from './web-api.ts';
import { Workspace } from './workspace.ts';

export interface SlackStandInOptions {
  /** 0 (default) picks a free port. */
  port?: number | undefined;
  host?: string | undefined;
  botToken: string;
  teamId?: string | undefined;
  teamDomain?: string | undefined;
  botUserId?: string | undefined;
  botId?: string | undefined;
  appId?: string | undefined;
  /** The bot's display name in transcripts and users.info. Default `takedown`. */
  botName?: string | undefined;
  users?: SlackUser[] | undefined;
  channels?: SlackChannel[] | undefined;
  usergroups?: SlackUsergroup[] | undefined;
  /** Per-method rate limits from the start (more can be set at runtime with setRateLimit). */
  rateLimits?: Record<string, RateLimit> | undefined;
  /** How long a trigger_id stays good. Default 3000 ms, as on Slack. */
  triggerTtlMs?: number | undefined;
}

const LOGIN_PAGE = `<!DOCTYPE html><html><head><title>Slack</title></head><body>
<h1>Sign in to your workspace</h1><form action="/signin" method="post"><input name="email"><input name="password" type="password"><button>Sign in</button></form>
</body></html>`;

export class SlackStandIn {
  /** The Web API base, ending in `/api/`: what `@slack/web-api`'s `slackApiUrl` takes. */
  readonly apiUrl: string;
  private readonly apiCalls: ApiCall[] = [];
  private readonly limiter = new RateLimiter();

  constructor(
    /** The stand-in's root URL, ending in `/`. */
    readonly url: string,
    readonly workspace: Workspace,
    private readonly server: Server,
  ) {
    this.apiUrl = `${url}api/`;
  }

  get teamId(): string {
    return this.workspace.id.teamId;
  }
  get botUserId(): string {
    return this.workspace.id.botUserId;
  }
  get botId(): string {
    return this.workspace.id.botId;
  }
  get appId(): string {
    return this.workspace.id.appId;
  }

  /** Everything that happened, in order. */
  get records(): readonly SlackRecord[] {
    return this.workspace.recorder.records;
  }

  /** The Web API calls answered (all of them, or one method's), oldest first. Tokens are not kept. */
  calls(method?: string): ApiCall[] {
    return method ? this.apiCalls.filter((c) => c.method === method) : [...this.apiCalls];
  }

  /** Top-level messages of a channel as they stand now, oldest first. */
  messages(channel: string): StoredMessage[] {
    return this.workspace.messages(channel);
  }

  /** A message as it stands now, or undefined. */
  message(channel: string, ts: string): StoredMessage | undefined {
    return this.workspace.message(channel, ts);
  }

  /** The replies of a thread, oldest first. */
  thread(channel: string, ts: string): StoredMessage[] {
    return this.workspace.thread(channel, ts);
  }

  /** Ephemeral messages shown to one person, oldest first. */
  ephemerals(userId: string): StoredMessage[] {
    return this.workspace.ephemerals(userId);
  }

  /** Views (modals and App Home), optionally of one person. */
  views(userId?: string): StoredView[] {
    return this.workspace.views.all().filter((v) => !userId || v.userId === userId);
  }

  find(pred: (r: SlackRecord) => boolean): SlackRecord | undefined {
    return this.workspace.recorder.find(pred);
  }

  waitFor(pred: (r: SlackRecord) => boolean, timeoutMs?: number): Promise<SlackRecord> {
    return this.workspace.recorder.waitFor(pred, timeoutMs);
  }

  /** A file a person has in Slack: downloadable at url_private_download with the bot token, and in files.info. */
  registerFile(file: NewFile & { channel: string }): FileObject {
    return this.workspace.files.add(file);
  }

  /** Limit a Web API method (e.g. `chat.postMessage`), or lift the limit with null. */
  setRateLimit(method: string, limit: RateLimit | null): void {
    this.limiter.set(method, limit);
  }

  /** People (the bot included) and channels, as renderTranscript takes them. */
  directory(): { users: SlackUser[]; channels: SlackChannel[] } {
    return this.workspace.directory();
  }

  async close(): Promise<void> {
    const closed = once(this.server, 'close');
    this.server.close();
    this.server.closeAllConnections();
    await closed;
  }

  /** @internal the express handler for `/api/:method`. */
  handleApi(req: Request, res: Response): void {
    const method = String(req.params.method);
    const params: JsonObject = {
      ...(req.query as JsonObject),
      ...((req.body as JsonObject | undefined) ?? {}),
    };
    const bearer = req.get('authorization')?.match(/^Bearer\s+(.+)$/i)?.[1];
    const token = bearer ?? (typeof params.token === 'string' ? params.token : undefined);
    delete params.token;
    const { status, body, retryAfter } = this.answer(method, params, token);
    this.apiCalls.push({
      method,
      params,
      ok: body.ok === true,
      error: typeof body.error === 'string' ? body.error : null,
      status,
    });
    if (retryAfter !== undefined) res.set('Retry-After', String(retryAfter));
    res.status(status).json(body);
  }

  private answer(
    method: string,
    params: JsonObject,
    token: string | undefined,
  ): { status: number; body: JsonObject; retryAfter?: number } {
    const handler = METHODS[method];
    if (!handler) return { status: 200, body: { ok: false, error: 'unknown_method', req_method: method } };
    if (!token) return { status: 200, body: { ok: false, error: 'not_authed' } };
    if (token !== this.workspace.id.botToken)
      return { status: 200, body: { ok: false, error: 'invalid_auth' } };
    const wait = this.limiter.hit(method);
    if (wait !== null) return { status: 429, body: { ok: false, error: 'ratelimited' }, retryAfter: wait };
    try {
      return { status: 200, body: { ok: true, ...handler(this.workspace, params) } };
    } catch (err) {
      if (!(err instanceof SlackApiError)) throw err;
      return { status: 200, body: { ok: false, error: err.error, ...err.extra } };
    }
  }
}

function routes(standIn: () => SlackStandIn): express.Express {
  const app = express();
  app.disable('x-powered-by');
  const bodies = [express.urlencoded({ extended: false, limit: '10mb' }), express.json({ limit: '10mb' })];

  app.all('/api/:method', ...bodies, (req, res) => standIn().handleApi(req, res));

  app.post('/upload/v1/:secret', express.raw({ type: () => true, limit: '100mb' }), async (req, res) => {
    const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const content = await uploadedBytes(raw, req.get('content-type'));
    if (!standIn().workspace.files.receive(String(req.params.secret), content)) {
      res.status(404).type('text').send('Not Found');
      return;
    }
    res.status(200).type('text').send(`OK - ${content.length}`);
  });

  app.post('/response/:team/:id', ...bodies, (req, res) => {
    try {
      respond(standIn().workspace, `${req.params.team}/${req.params.id}`, responseBody(req.body));
      res.status(200).json({ ok: true });
    } catch (err) {
      if (!(err instanceof SlackApiError)) throw err;
      const gone = err.error === 'expired_url' || err.error === 'used_url';
      res.status(gone ? 404 : 400).json({ ok: false, error: err.error, ...err.extra });
    }
  });

  const download = (req: Request, res: Response): void => {
    const ws = standIn().workspace;
    const auth = req.get('authorization');
    if (!auth) {
      res.redirect(302, `/signin?redir=${encodeURIComponent(req.originalUrl)}`);
      return;
    }
    if (auth !== `Bearer ${ws.id.botToken}`) {
      res.status(403).type('html').send(LOGIN_PAGE);
      return;
    }
    const entry = ws.files.contentFor(String(req.params.file));
    if (!entry) {
      res.status(404).type('text').send('File not found');
      return;
    }
    res.type(entry.file.mimetype).set('content-disposition', `attachment; filename="${entry.file.name}"`);
    res.send(entry.content);
  };
  app.get('/files-pri/:file/download/:name', download);
  app.get('/files-pri/:file/:name', download);
  app.get('/signin', (_req, res) => {
    res.type('html').send(LOGIN_PAGE);
  });

  app.use((_req: Request, res: Response) => {
    res.status(404).type('text').send('Not Found');
  });
  app.use((err: unknown, req: Request, res: Response, _next: NextFunction) => {
    const parseError =
      typeof err === 'object' && err !== null && 'type' in err && err.type === 'entity.parse.failed';
    if (req.path.startsWith('/api/')) {
      res.status(200).json({ ok: false, error: parseError ? 'invalid_json' : 'internal_error' });
      return;
    }
    res
      .status(parseError ? 400 : 500)
      .json({ ok: false, error: parseError ? 'invalid_payload' : 'internal_error' });
  });
  return app;
}

/** The bytes sent to an upload URL: the raw body, or the file part of a multipart form (what files.uploadV2 sends). */
async function uploadedBytes(raw: Buffer, contentType: string | undefined): Promise<Buffer> {
  if (!contentType?.startsWith('multipart/form-data')) return raw;
  const form = await new globalThis.Request('http://upload.invalid/', {
    method: 'POST',
    headers: { 'content-type': contentType },
    body: new Uint8Array(raw),
  }).formData();
  let file: Blob | undefined;
  form.forEach((value) => {
    if (!file && typeof value !== 'string') file = value;
  });
  return file ? Buffer.from(await file.arrayBuffer()) : raw;
}

/** Start the stand-in on a real port. */
export async function startSlackStandIn(opts: SlackStandInOptions): Promise<SlackStandIn> {
  let standIn: SlackStandIn | undefined;
  const app = routes(() => {
    if (!standIn) throw new Error('The Slack stand-in is still starting.');
    return standIn;
  });
  const server = createServer(app);
  const host = opts.host ?? '127.0.0.1';
  server.listen(opts.port ?? 0, host);
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  const url = `http://${host}:${port}/`;
  const workspace = new Workspace(
    {
      baseUrl: url,
      teamId: opts.teamId ?? 'T0SANDBOX01',
      teamDomain: opts.teamDomain ?? 'takedown-sandbox',
      botToken: opts.botToken,
      botUserId: opts.botUserId ?? 'U0TAKEDOWN1',
      botId: opts.botId ?? 'B0TAKEDOWN1',
      appId: opts.appId ?? slackId('A'),
      botName: opts.botName ?? 'takedown',
    },
    {
      users: opts.users ?? [],
      channels: opts.channels ?? [],
      usergroups: opts.usergroups ?? [],
      triggerTtlMs: opts.triggerTtlMs,
    },
  );
  standIn = new SlackStandIn(url, workspace, server);
  for (const [method, limit] of Object.entries(opts.rateLimits ?? {})) standIn.setRateLimit(method, limit);
  return standIn;
}
