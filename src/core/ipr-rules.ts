/**
 * The portal's Submit IPR rules, as Part 1 of the guide states them: field lengths, accepted document
 * formats and the size of one file. The Slack modal and the browser automation both check against these.
 */
export const IPR_DOCUMENT_FORMATS = [
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
export const IPR_DOCUMENT_MAX_BYTES = 2 * 1024 * 1024;

/** Each text field of Submit IPR: its label on the portal and its maximum length. */
export const IPR_FIELD_LIMITS = {
  regNo: { label: 'IPR Registration Number', max: 50 },
  name: { label: 'IPR Name/Description', max: 100 },
  owner: { label: 'IPR Owner', max: 50 },
} as const;
