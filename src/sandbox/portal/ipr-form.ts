/** The Submit IPR form's rules, as the portal states them next to each field. */
import { z } from 'zod';
import { IPR_TYPES, type IprType } from '../../core/types.ts';

export const IPR_REGIONS = [
  'Mainland China',
  'Hong Kong, China',
  'Taiwan, China',
  'United States',
  'European Union',
  'United Kingdom',
  'Japan',
  'Korea',
  'Other',
] as const;

export const DOCUMENT_EXTENSIONS = [
  'txt',
  'doc',
  'bmp',
  'jpeg',
  'docx',
  'pdf',
  'gif',
  'png',
  'jpg',
  'rar',
] as const;
export const MAX_DOCUMENT_BYTES = 2 * 1024 * 1024;

export type IprField =
  | 'regNo'
  | 'name'
  | 'owner'
  | 'type'
  | 'region'
  | 'validFrom'
  | 'validTo'
  | 'authFrom'
  | 'authTo'
  | 'documents';

export const IPR_FIELD_LABEL: Record<IprField, string> = {
  regNo: 'IPR Registration Number',
  name: 'IPR Name/Description',
  owner: 'IPR Owner',
  type: 'IPR Type',
  region: 'IPR Registration Region',
  validFrom: 'IPR Validity Period (from)',
  validTo: 'IPR Validity Period (to)',
  authFrom: 'Authorization Validity Period (from)',
  authTo: 'Authorization Validity Period (to)',
  documents: 'Add Documents',
};

const required = (max: number) =>
  z
    .string({ error: 'This field is required.' })
    .trim()
    .min(1, 'This field is required.')
    .max(max, `Maximum of ${max} characters.`);
const date = z
  .string({ error: 'Select a date.' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Select a date.')
  .refine((v) => !Number.isNaN(Date.parse(v)), 'Select a valid date.');
const optionalDate = z
  .string()
  .optional()
  .transform((v) => (v?.trim() ? v.trim() : undefined))
  .pipe(date.optional());

const iprFormSchema = z
  .object({
    regNo: required(50),
    name: required(100),
    owner: required(50),
    type: z.enum(IPR_TYPES as [IprType, ...IprType[]], { error: 'Select the IPR Type.' }),
    region: z.enum(IPR_REGIONS, { error: 'Select the IPR Registration Region.' }),
    validFrom: date,
    validTo: date,
    authFrom: optionalDate,
    authTo: optionalDate,
  })
  .superRefine((v, ctx) => {
    if (v.validTo < v.validFrom) {
      ctx.addIssue({
        code: 'custom',
        path: ['validTo'],
        message: 'The end date must not be before the start date.',
      });
    }
    if (Boolean(v.authFrom) !== Boolean(v.authTo)) {
      ctx.addIssue({
        code: 'custom',
        path: [v.authFrom ? 'authTo' : 'authFrom'],
        message: 'Select both dates.',
      });
    } else if (v.authFrom && v.authTo && v.authTo < v.authFrom) {
      ctx.addIssue({
        code: 'custom',
        path: ['authTo'],
        message: 'The end date must not be before the start date.',
      });
    }
  });

export type IprFormInput = z.infer<typeof iprFormSchema>;
export type FieldErrors = Partial<Record<IprField, string>>;

export function parseIprForm(
  body: Record<string, unknown>,
): { ok: true; value: IprFormInput } | { ok: false; errors: FieldErrors } {
  const parsed = iprFormSchema.safeParse(body);
  if (parsed.success) return { ok: true, value: parsed.data };
  const errors: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path[0] as IprField | undefined;
    if (field && !errors[field]) errors[field] = issue.message;
  }
  return { ok: false, errors };
}

/** The reason a document is not accepted, or null when it is. */
export function documentProblem(file: { originalname: string; size: number }): string | null {
  const ext = file.originalname.split('.').pop()?.toLowerCase() ?? '';
  if (!(DOCUMENT_EXTENSIONS as readonly string[]).includes(ext)) {
    return `${file.originalname}: acceptable formats are ${DOCUMENT_EXTENSIONS.map((e) => e.toUpperCase()).join(', ')}.`;
  }
  if (file.size > MAX_DOCUMENT_BYTES) return `${file.originalname}: each file must not exceed 2MB.`;
  return null;
}
