/**
 * `/takedown ipr add` submitted: checked against the portal's limits (field lengths, dates, formats, 2 MB a
 * file), refused in the modal with what to fix, else closed at once and submitted to the portal in the background.
 */
import type { App } from '@slack/bolt';
import { IPR_TYPES, type IprType } from '../../../core/types.ts';
import { IPR_FIELDS, IPR_FILE_MAX_BYTES, IPR_FILE_TYPES, VIEWS } from '../../blocks/modals.ts';
import type { BotDeps } from '../../context.ts';
import { submitIprFromSlack } from '../../ipr-requests.ts';
import { dateValue, modalChannel, optionValue, pickedFiles, textValue } from './view-state.ts';

export function registerIprAdd(app: App, deps: BotDeps) {
  app.view(VIEWS.iprAdd, async ({ ack, view, body }) => {
    const v = view.state.values as Parameters<typeof textValue>[0];
    const errors: Record<string, string> = {};
    const limit = (id: string, max: number, label: string) => {
      const value = textValue(v, id);
      if (!value) errors[id] = `Enter the ${label}.`;
      else if (value.length > max) errors[id] = `At most ${max} characters (this is ${value.length}).`;
      return value;
    };
    const regNo = limit(IPR_FIELDS.regNo, 50, 'IPR registration number');
    const name = limit(IPR_FIELDS.name, 100, 'IPR name or description');
    const owner = limit(IPR_FIELDS.owner, 50, 'IPR owner');
    const region = limit(IPR_FIELDS.region, 50, 'registration region');
    const type = optionValue(v, IPR_FIELDS.type);
    if (!type || !IPR_TYPES.includes(type as IprType))
      errors[IPR_FIELDS.type] = `Choose one of: ${IPR_TYPES.join(', ')}.`;
    const validFrom = dateValue(v, IPR_FIELDS.validFrom);
    const validTo = dateValue(v, IPR_FIELDS.validTo);
    if (!validFrom) errors[IPR_FIELDS.validFrom] = 'Choose the date the IPR is valid from.';
    if (!validTo) errors[IPR_FIELDS.validTo] = 'Choose the date the IPR is valid until.';
    if (validFrom && validTo && validTo <= validFrom)
      errors[IPR_FIELDS.validTo] = 'The end of the validity period must come after its start.';
    const authFrom = dateValue(v, IPR_FIELDS.authFrom);
    const authTo = dateValue(v, IPR_FIELDS.authTo);
    if (Boolean(authFrom) !== Boolean(authTo)) {
      errors[authFrom ? IPR_FIELDS.authTo : IPR_FIELDS.authFrom] =
        'Give both ends of the authorization period, or neither.';
    } else if (authFrom && authTo && authTo <= authFrom) {
      errors[IPR_FIELDS.authTo] = 'The end of the authorization period must come after its start.';
    }
    const files = [IPR_FIELDS.documents, IPR_FIELDS.identification].flatMap((id) => {
      const picked = pickedFiles(v, id);
      if (picked.length === 0) errors[id] = 'Attach at least one file.';
      for (const f of picked) {
        const ext = f.name.split('.').pop()?.toLowerCase() ?? '';
        if (!(IPR_FILE_TYPES as readonly string[]).includes(ext)) {
          errors[id] =
            `${f.name}: the portal takes ${IPR_FILE_TYPES.map((t) => t.toUpperCase()).join(', ')} files only.`;
        } else if (f.size > IPR_FILE_MAX_BYTES) {
          errors[id] =
            `${f.name} is ${(f.size / 1048576).toFixed(1)} MB; the portal takes at most 2 MB a file. Compress or split it.`;
        }
      }
      return picked;
    });
    if (Object.keys(errors).length > 0) {
      await ack({ response_action: 'errors', errors });
      return;
    }
    await ack();
    const user = body.user.id;
    void submitIprFromSlack(deps, {
      ipr: {
        regNo,
        name,
        owner,
        type: type as IprType,
        region,
        validFrom: validFrom as string,
        validTo: validTo as string,
        authFrom,
        authTo,
      },
      files,
      user,
      channel: modalChannel(view.private_metadata) || user,
    }).catch((err: unknown) => deps.logger.error({ err }, 'IPR submission crashed'));
  });
}
