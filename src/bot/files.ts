/** Downloads a file shared in Slack with the bot token, refusing it before reading past the size limit. */
import { TakedownError } from '../core/errors.ts';

export async function downloadSlackFile(opts: {
  url: string;
  token: string;
  name: string;
  maxBytes: number;
  fetchImpl?: typeof fetch;
}) {
  const f = opts.fetchImpl ?? fetch;
  const res = await f(opts.url, { headers: { Authorization: `Bearer ${opts.token}` }, redirect: 'manual' });
  if (res.status !== 200 || !res.body) {
    throw new TakedownError(
      'file_unreadable',
      `I could not download ${opts.name} from Slack (HTTP ${res.status}).`,
      {
        hint: 'Check that the app has the files:read scope, then share the file again.',
      },
    );
  }
  const declared = Number(res.headers.get('content-length') ?? '0');
  const tooLarge = () =>
    new TakedownError(
      'file_too_large',
      `${opts.name} is larger than ${formatMb(opts.maxBytes)}, the most I read from one file.`,
      {
        hint: 'Split it into smaller files, or paste the links with /takedown.',
      },
    );
  if (declared > opts.maxBytes) throw tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    size += chunk.byteLength;
    if (size > opts.maxBytes) throw tooLarge();
    chunks.push(Buffer.from(chunk));
  }
  return Buffer.concat(chunks);
}

const formatMb = (b: number) => `${Math.round((b / 1024 / 1024) * 10) / 10} MB`;
