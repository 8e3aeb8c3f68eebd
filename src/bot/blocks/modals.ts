/** The modals: links or a file for a new request, and a new IPR with the portal's fields and limits. */
import { IPR_DOCUMENT_FORMATS, IPR_DOCUMENT_MAX_BYTES, IPR_FIELD_LIMITS } from '../../core/ipr-rules.ts';
import { IPR_TYPES } from '../../core/types.ts';

export const VIEWS = { links: 'takedown_links', iprAdd: 'ipr_add' } as const;

/** The portal's accepted formats for IPR documents and identification, and its size limit per file. */
export const IPR_FILE_TYPES = IPR_DOCUMENT_FORMATS;
export const IPR_FILE_MAX_BYTES = IPR_DOCUMENT_MAX_BYTES;
export const LISTING_FILE_TYPES = ['csv', 'tsv', 'txt', 'xlsx'] as const;

export const LINKS_FIELDS = { links: 'links', files: 'files' } as const;
export const IPR_FIELDS = {
  regNo: 'reg_no',
  name: 'name',
  owner: 'owner',
  type: 'type',
  region: 'region',
  validFrom: 'valid_from',
  validTo: 'valid_to',
  authFrom: 'auth_from',
  authTo: 'auth_to',
  documents: 'documents',
  identification: 'identification',
} as const;

const plain = (text: string) => ({ type: 'plain_text', text });

function input(
  id: string,
  label: string,
  element: Record<string, unknown>,
  opts: { optional?: boolean; hint?: string } = {},
) {
  return {
    type: 'input',
    block_id: id,
    label: plain(label),
    element: { action_id: id, ...element },
    ...(opts.optional ? { optional: true } : {}),
    ...(opts.hint ? { hint: plain(opts.hint) } : {}),
  };
}

export function linksModal(channel: string) {
  return {
    type: 'modal',
    callback_id: VIEWS.links,
    private_metadata: JSON.stringify({ channel }),
    title: plain('File takedowns'),
    submit: plain('Check links'),
    close: plain('Cancel'),
    blocks: [
      input(
        LINKS_FIELDS.links,
        'Listing links',
        { type: 'plain_text_input', multiline: true, placeholder: plain('One link or many, any form') },
        {
          optional: true,
          hint: 'AliExpress, Alibaba.com and 1688 product listings.',
        },
      ),
      input(
        LINKS_FIELDS.files,
        'Or a file',
        { type: 'file_input', filetypes: [...LISTING_FILE_TYPES], max_files: 5 },
        {
          optional: true,
          hint: 'A crawler export or a colleague’s list: CSV, TSV, XLSX or TXT.',
        },
      ),
    ],
  };
}

export function iprAddModal(channel: string) {
  const formats = IPR_FILE_TYPES.map((t) => t.toUpperCase()).join(', ');
  const fileInput = { type: 'file_input', filetypes: [...IPR_FILE_TYPES], max_files: 5 };
  return {
    type: 'modal',
    callback_id: VIEWS.iprAdd,
    private_metadata: JSON.stringify({ channel }),
    title: plain('Submit an IPR'),
    submit: plain('Submit to portal'),
    close: plain('Cancel'),
    blocks: [
      {
        type: 'section',
        text: {
          type: 'mrkdwn',
          text: ':warning: *The Complaining Party’s Name of the portal account must match the name on your business licence* (the identification you upload below), or the portal will not verify the IPR.',
        },
      },
      input(
        IPR_FIELDS.regNo,
        IPR_FIELD_LIMITS.regNo.label,
        { type: 'plain_text_input', max_length: IPR_FIELD_LIMITS.regNo.max },
        { hint: `Maximum of ${IPR_FIELD_LIMITS.regNo.max} characters.` },
      ),
      input(
        IPR_FIELDS.name,
        IPR_FIELD_LIMITS.name.label,
        { type: 'plain_text_input', max_length: IPR_FIELD_LIMITS.name.max },
        { hint: `Maximum of ${IPR_FIELD_LIMITS.name.max} characters.` },
      ),
      input(
        IPR_FIELDS.owner,
        IPR_FIELD_LIMITS.owner.label,
        { type: 'plain_text_input', max_length: IPR_FIELD_LIMITS.owner.max },
        { hint: `Maximum of ${IPR_FIELD_LIMITS.owner.max} characters.` },
      ),
      input(IPR_FIELDS.type, 'IPR Type', {
        type: 'static_select',
        options: IPR_TYPES.map((t) => ({ text: plain(t), value: t })),
      }),
      input(IPR_FIELDS.region, 'IPR Registration Region', {
        type: 'plain_text_input',
        max_length: 50,
        initial_value: 'Mainland China',
      }),
      input(IPR_FIELDS.validFrom, 'IPR Validity Period: from', { type: 'datepicker' }),
      input(IPR_FIELDS.validTo, 'IPR Validity Period: to', { type: 'datepicker' }),
      input(
        IPR_FIELDS.authFrom,
        'Authorization Validity Period: from',
        { type: 'datepicker' },
        { optional: true, hint: 'Only when you are not the IPR owner.' },
      ),
      input(
        IPR_FIELDS.authTo,
        'Authorization Validity Period: to',
        { type: 'datepicker' },
        { optional: true },
      ),
      input(IPR_FIELDS.documents, 'IPR documents', fileInput, {
        hint: `Registration certificate; a non-owner adds the authorization. ${formats}; each file at most 2 MB.`,
      }),
      input(IPR_FIELDS.identification, 'Identification of Complaining Party', fileInput, {
        hint: `Business licence (a company) or ID/passport (a person). ${formats}; each file at most 2 MB.`,
      }),
    ],
  };
}
