/**
 * A saved Playwright trace records the requests around the step with their headers and form bodies
 * (trace.network, and each body as a resources/*.dat file): the portal session's cookie, and the password
 * of a sign-in just before the step, would be in it. This rewrites the trace zip without cookies,
 * authorization headers or request bodies, so a trace can be handed to whoever fixes the page objects
 * without handing over the portal account. The DOM snapshots, which show what changed, are kept.
 */
import { readFile, writeFile } from 'node:fs/promises';
import JSZip from 'jszip';

const SECRET_HEADERS = new Set(['cookie', 'set-cookie', 'authorization', 'proxy-authorization']);

interface HarSide {
  headers?: { name: string; value: string }[];
  cookies?: unknown[];
  postData?: { _file?: string };
}

/** Drops the side's secret headers, cookies and body; returns the resource file that held the body. */
function scrubSide(side: HarSide | undefined): string | undefined {
  if (!side) return undefined;
  if (side.headers) side.headers = side.headers.filter((h) => !SECRET_HEADERS.has(h.name.toLowerCase()));
  if (side.cookies) side.cookies = [];
  const body = side.postData?._file;
  delete side.postData;
  return body;
}

/** One line of trace.network: a resource snapshot (HAR entry); request bodies' files go to `bodies`. */
function scrubLine(line: string, bodies: Set<string>): string {
  if (!line.trim()) return line;
  const event = JSON.parse(line) as { snapshot?: { request?: HarSide; response?: HarSide } };
  const body = scrubSide(event.snapshot?.request);
  if (body) bodies.add(body.startsWith('resources/') ? body : `resources/${body}`);
  scrubSide(event.snapshot?.response);
  return JSON.stringify(event);
}

/** Rewrites the trace at `path` without cookies, authorization headers or request bodies; the file is left 0600. */
export async function scrubTrace(path: string): Promise<void> {
  const zip = await JSZip.loadAsync(await readFile(path));
  const bodies = new Set<string>();
  for (const name of Object.keys(zip.files)) {
    if (!name.endsWith('.network')) continue;
    const text = await zip.file(name)?.async('string');
    if (text !== undefined)
      zip.file(
        name,
        text
          .split('\n')
          .map((l) => scrubLine(l, bodies))
          .join('\n'),
      );
  }
  for (const body of bodies) zip.remove(body);
  const out = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
  await writeFile(path, out, { mode: 0o600 });
}
