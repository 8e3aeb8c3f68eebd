/** IPR Management: Submit IPR and Submitted IPR. */
import { IPR_TYPES } from '../../../core/types.ts';
import {
  DOCUMENT_EXTENSIONS,
  type FieldErrors,
  IPR_FIELD_LABEL,
  IPR_REGIONS,
  type IprField,
} from '../ipr-form.ts';
import { PATHS } from '../paths.ts';
import type { SimIpr } from '../state.ts';
import { html, type Markup } from './html.ts';
import { type Notices, page } from './layout.ts';

type FormValues = Partial<Record<IprField, string>>;

function fieldError(errors: FieldErrors, field: IprField): Markup | string {
  const message = errors[field];
  return message ? html`<p class="field-error" id="${field}-error">${message}</p>` : '';
}

function invalid(errors: FieldErrors, field: IprField): Markup | string {
  return errors[field] ? html` aria-invalid="true" aria-describedby="${field}-error"` : '';
}

function textField(field: IprField, max: number, values: FormValues, errors: FieldErrors): Markup {
  return html`<div class="field"><label for="${field}">* ${IPR_FIELD_LABEL[field]}</label>
  <input id="${field}" name="${field}" maxlength="${max}" value="${values[field] ?? ''}"${invalid(errors, field)}>
  <small>Maximum of ${max} characters.</small>${fieldError(errors, field)}</div>`;
}

function period(
  legend: string,
  from: IprField,
  to: IprField,
  values: FormValues,
  errors: FieldErrors,
): Markup {
  return html`<fieldset class="field"><legend>${legend}</legend>
  <label for="${from}">From</label> <input id="${from}" name="${from}" type="date" value="${values[from] ?? ''}"${invalid(errors, from)}>
  <label for="${to}">To</label> <input id="${to}" name="${to}" type="date" value="${values[to] ?? ''}"${invalid(errors, to)}>
  ${fieldError(errors, from)}${fieldError(errors, to)}</fieldset>`;
}

export function submitIprPage(
  user: string,
  opts: { values?: FormValues; errors?: FieldErrors; notices?: Notices },
): string {
  const values = opts.values ?? {};
  const errors = opts.errors ?? {};
  const summary = Object.entries(errors).map(([f, m]) => `${IPR_FIELD_LABEL[f as IprField]}: ${m}`);
  return page({
    title: 'Submit IPR',
    user,
    section: 'ipr',
    current: 'Submit IPR',
    notices: {
      ...opts.notices,
      error: summary.length ? `Please correct the following: ${summary.join(' ')}` : opts.notices?.error,
    },
    body: html`<p class="info">Note: Alibaba.com is only able to process an infringement claim after the relevant
Intellectual Property Rights (IPR) details and documents are submitted and verified.</p>
<p>[*] Denotes a required field</p>
<form method="post" action="${PATHS.submitIpr}" enctype="multipart/form-data">
  <h2>IPR Details</h2>
  ${textField('regNo', 50, values, errors)}
  ${textField('name', 100, values, errors)}
  ${textField('owner', 50, values, errors)}
  <fieldset class="field"><legend>* IPR Type</legend>
    ${IPR_TYPES.map(
      (
        t,
        i,
      ) => html`<input type="radio" id="type-${i}" name="type" value="${t}"${values.type === t ? html` checked` : ''}>
    <label for="type-${i}">${t}</label> `,
    )}${fieldError(errors, 'type')}
  </fieldset>
  <div class="field"><label for="region">* IPR Registration Region</label>
    <select id="region" name="region"${invalid(errors, 'region')}>${IPR_REGIONS.map(
      (r) => html`<option${(values.region ?? 'Mainland China') === r ? html` selected` : ''}>${r}</option>`,
    )}</select>${fieldError(errors, 'region')}</div>
  ${period('* IPR Validity Period', 'validFrom', 'validTo', values, errors)}
  ${period('Authorization Validity Period', 'authFrom', 'authTo', values, errors)}
  <h2>IPR Document Submission</h2>
  <p>Please upload the following (Acceptable formats include: ${DOCUMENT_EXTENSIONS.map((e) => e.toUpperCase()).join(', ')})
  documents: 1) IPR documents (e.g. trademark / patent / copyright registration certificate, etc.)
  2) Non-IPR owner must submit authorization verification.</p>
  <div class="field"><label for="documents">Add Documents</label>
    <input id="documents" name="documents" type="file" multiple${invalid(errors, 'documents')}>
    <small>Each file must not exceed 2MB</small>${fieldError(errors, 'documents')}</div>
  <button type="submit">Submit</button>
</form>`,
  });
}

export function submittedIprPage(user: string, iprs: SimIpr[], notices: Notices = {}): string {
  return page({
    title: 'Submitted IPR',
    user,
    section: 'ipr',
    current: 'Submitted IPR',
    notices,
    body: iprs.length
      ? html`<table>
  <caption>Submitted IPR</caption>
  <thead><tr><th scope="col">IPR Reg. No.</th><th scope="col">IPR Name</th><th scope="col">IPR Owner</th>
  <th scope="col">IPR Type</th><th scope="col">IPR Registration Region</th><th scope="col">Status</th></tr></thead>
  <tbody>${iprs.map(
    (
      i,
    ) => html`<tr><td>${i.regNo}</td><td>${i.name}</td><td>${i.owner}</td><td>${i.type}</td><td>${i.region}</td>
    <td>${i.status}</td></tr>`,
  )}</tbody></table>`
      : html`<p>You have not submitted any IPR yet.</p>`,
  });
}
