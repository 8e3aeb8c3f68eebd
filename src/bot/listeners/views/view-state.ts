/** Reading what a modal's inputs hold, as Slack reports them in view.state.values. */
import type { SlackFileRef } from '../../ipr-requests.ts';

type Values = Record<
  string,
  Record<
    string,
    {
      value?: string | null;
      selected_date?: string | null;
      selected_option?: { value: string } | null;
      files?: unknown[];
    }
  >
>;

export function textValue(values: Values, id: string): string {
  return (values[id]?.[id]?.value ?? '').trim();
}

export function dateValue(values: Values, id: string): string | undefined {
  return values[id]?.[id]?.selected_date ?? undefined;
}

export function optionValue(values: Values, id: string): string | undefined {
  return values[id]?.[id]?.selected_option?.value;
}

/** The files picked in a file input: name, size and where to download them. */
export function pickedFiles(
  values: Values,
  id: string,
): (SlackFileRef & { size: number; filetype: string })[] {
  const files = values[id]?.[id]?.files ?? [];
  return files.flatMap((f) => {
    const o = f as {
      name?: string;
      size?: number;
      url_private_download?: string;
      url_private?: string;
      filetype?: string;
    };
    const url = o.url_private_download ?? o.url_private;
    return url
      ? [{ name: o.name ?? 'file', url, size: o.size ?? 0, filetype: (o.filetype ?? '').toLowerCase() }]
      : [];
  });
}

/** The channel a modal was opened from (kept in private_metadata). */
export function modalChannel(privateMetadata: string): string {
  try {
    const parsed = JSON.parse(privateMetadata) as { channel?: unknown };
    if (typeof parsed.channel === 'string') return parsed.channel;
  } catch {
    // fall through
  }
  return '';
}
