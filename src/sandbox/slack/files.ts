/** Files in the workspace: shared by people, uploaded by the bot (files.uploadV2's three steps), downloadable with the bot token. */
import { extname } from 'node:path';
import { SlackApiError } from './api-error.ts';
import { slackId } from './ids.ts';
import type { FileObject } from './model.ts';

const FILE_TYPES: Record<string, { filetype: string; mimetype: string; pretty: string }> = {
  '.csv': { filetype: 'csv', mimetype: 'text/csv', pretty: 'CSV' },
  '.tsv': { filetype: 'tsv', mimetype: 'text/tab-separated-values', pretty: 'TSV' },
  '.txt': { filetype: 'text', mimetype: 'text/plain', pretty: 'Plain Text' },
  '.json': { filetype: 'json', mimetype: 'application/json', pretty: 'JSON' },
  '.xlsx': {
    filetype: 'xlsx',
    mimetype: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    pretty: 'Excel Spreadsheet',
  },
  '.xls': { filetype: 'xls', mimetype: 'application/vnd.ms-excel', pretty: 'Excel Spreadsheet' },
  '.pdf': { filetype: 'pdf', mimetype: 'application/pdf', pretty: 'PDF' },
  '.png': { filetype: 'png', mimetype: 'image/png', pretty: 'PNG' },
  '.html': { filetype: 'html', mimetype: 'text/html', pretty: 'HTML' },
};

interface PendingUpload {
  fileId: string;
  filename: string;
  content: Buffer | null;
}

export interface NewFile {
  name: string;
  content: Buffer | string;
  filetype?: string | undefined;
  title?: string | undefined;
  userId: string;
  channel?: string | undefined;
}

export class FileStore {
  private readonly files = new Map<string, { file: FileObject; content: Buffer }>();
  /** Upload URL secret → the upload it belongs to. */
  private readonly pending = new Map<string, PendingUpload>();

  constructor(
    private readonly baseUrl: string,
    private readonly teamId: string,
  ) {}

  add(input: NewFile, id = slackId('F')): FileObject {
    const content = typeof input.content === 'string' ? Buffer.from(input.content) : input.content;
    const known = FILE_TYPES[extname(input.name).toLowerCase()];
    const filetype = input.filetype ?? known?.filetype ?? 'binary';
    const now = Math.floor(Date.now() / 1000);
    const name = encodeURIComponent(input.name);
    const file: FileObject = {
      id,
      created: now,
      timestamp: now,
      name: input.name,
      title: input.title ?? input.name,
      mimetype: known?.mimetype ?? 'application/octet-stream',
      filetype,
      pretty_type: known?.pretty ?? filetype.toUpperCase(),
      user: input.userId,
      user_team: this.teamId,
      editable: false,
      size: content.length,
      mode: 'hosted',
      is_external: false,
      external_type: '',
      is_public: true,
      public_url_shared: false,
      display_as_bot: false,
      username: '',
      url_private: `${this.baseUrl}files-pri/${this.teamId}-${id}/${name}`,
      url_private_download: `${this.baseUrl}files-pri/${this.teamId}-${id}/download/${name}`,
      permalink: `${this.baseUrl}files/${input.userId}/${id}/${name}`,
      permalink_public: `${this.baseUrl}${this.teamId}-${id}-public`,
      channels: input.channel ? [input.channel] : [],
      groups: [],
      ims: [],
      comments_count: 0,
    };
    this.files.set(id, { file, content });
    return file;
  }

  info(id: string): FileObject {
    const entry = this.files.get(id);
    if (!entry) throw new SlackApiError('file_not_found');
    return entry.file;
  }

  /** The bytes behind a `files-pri` path segment `<team>-<file id>`, or undefined. */
  contentFor(teamAndId: string): { file: FileObject; content: Buffer } | undefined {
    const id = teamAndId.startsWith(`${this.teamId}-`) ? teamAndId.slice(this.teamId.length + 1) : '';
    return this.files.get(id);
  }

  /** files.getUploadURLExternal: a file id and a one-off URL to send the bytes to. */
  reserve(filename: string): { file_id: string; upload_url: string } {
    const secret = slackId('U').slice(1) + slackId('X').slice(1);
    const fileId = slackId('F');
    this.pending.set(secret, { fileId, filename, content: null });
    return { file_id: fileId, upload_url: `${this.baseUrl}upload/v1/${secret}` };
  }

  /** The upload URL received the bytes. False when the URL is not one this store gave out. */
  receive(secret: string, content: Buffer): boolean {
    const upload = this.pending.get(secret);
    if (!upload) return false;
    upload.content = content;
    return true;
  }

  /** files.completeUploadExternal for one file: it becomes a real file, shared where asked. */
  complete(
    fileId: string,
    opts: { title?: string | undefined; userId: string; channel?: string | undefined },
  ): FileObject {
    const entry = [...this.pending.entries()].find(([, u]) => u.fileId === fileId);
    if (!entry) throw new SlackApiError('file_not_found');
    const [secret, upload] = entry;
    if (upload.content === null) throw new SlackApiError('file_not_found');
    this.pending.delete(secret);
    return this.add(
      {
        name: upload.filename,
        content: upload.content,
        title: opts.title,
        userId: opts.userId,
        channel: opts.channel,
      },
      fileId,
    );
  }
}
