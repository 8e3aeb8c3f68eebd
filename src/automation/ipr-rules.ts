/**
 * The Submit IPR form's rules as the portal states them (Part 1 of the guide): field lengths, the IPR
 * types, both dates of a period, accepted document formats and 2 MB a file. Checked before the browser
 * opens, so a person hears every problem at once and in plain words.
 */
import { stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { TakedownError } from '../core/errors.ts';
import { IPR_DOCUMENT_FORMATS, IPR_DOCUMENT_MAX_BYTES, IPR_FIELD_LIMITS } from '../core/ipr-rules.ts';
import type { NewIpr } from '../core/ports.ts';
import { IPR_TYPES } from '../core/types.ts';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Throws a bad_input TakedownError naming every problem of the IPR, or returns when the portal should take it. */
export async function checkNewIpr(ipr: NewIpr): Promise<void> {
  const problems: string[] = [];
  for (const key of Object.keys(IPR_FIELD_LIMITS) as (keyof typeof IPR_FIELD_LIMITS)[]) {
    const { label, max } = IPR_FIELD_LIMITS[key];
    const value = ipr[key].trim();
    if (!value) problems.push(`${label} is required`);
    else if (value.length > max)
      problems.push(`${label} has ${value.length} characters; the portal takes at most ${max}`);
  }
  if (!IPR_TYPES.includes(ipr.type)) problems.push(`IPR Type must be one of ${IPR_TYPES.join(', ')}`);
  if (!ipr.region.trim()) problems.push('IPR Registration Region is required');
  problems.push(...periodProblems('IPR Validity Period', ipr.validFrom, ipr.validTo, true));
  problems.push(...periodProblems('Authorization Validity Period', ipr.authFrom, ipr.authTo, false));
  for (const doc of ipr.documents ?? []) {
    const name = basename(doc.path);
    const ext = extname(name).slice(1).toLowerCase();
    if (!(IPR_DOCUMENT_FORMATS as readonly string[]).includes(ext)) {
      problems.push(
        `${name} is not an accepted format (${IPR_DOCUMENT_FORMATS.map((f) => f.toUpperCase()).join(', ')})`,
      );
      continue;
    }
    const size = await stat(doc.path).then(
      (s) => s.size,
      () => null,
    );
    if (size === null) problems.push(`${doc.path} cannot be read`);
    else if (size > IPR_DOCUMENT_MAX_BYTES)
      problems.push(`${name} is ${(size / 1024 / 1024).toFixed(1)} MB; each file must not exceed 2MB`);
  }
  if (problems.length > 0) {
    throw new TakedownError(
      'bad_input',
      `The IPR ${ipr.regNo || '(no number)'} cannot be submitted: ${problems.join('; ')}.`,
      {
        hint: 'Correct these and submit it again.',
      },
    );
  }
}

function periodProblems(
  label: string,
  from: string | undefined,
  to: string | undefined,
  required: boolean,
): string[] {
  if (!from && !to) return required ? [`${label} needs both dates`] : [];
  if (!from || !to) return [`${label} needs both dates`];
  if (!DAY.test(from) || Number.isNaN(Date.parse(from)) || !DAY.test(to) || Number.isNaN(Date.parse(to)))
    return [`${label} dates must be YYYY-MM-DD`];
  return to < from ? [`${label} ends before it starts`] : [];
}
