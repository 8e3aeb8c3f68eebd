import { describe, expect, it } from 'vitest';
import {
  caseStatusFromText,
  cleanRegNo,
  iprStatusFromText,
  listingKey,
  portalDay,
} from '../../src/automation/portal-text.ts';

describe('reading the portal’s words', () => {
  it('maps every History status the guide and the portal show to a case status', () => {
    expect(caseStatusFromText('In Progress')).toBe('in_progress');
    expect(caseStatusFromText('Listing Removed')).toBe('removed');
    expect(caseStatusFromText('Rejected')).toBe('rejected');
    expect(caseStatusFromText('Pending Counter-Notification')).toBe('counter_notified');
    expect(caseStatusFromText('Withdrawn')).toBe('withdrawn');
    expect(caseStatusFromText('Something new')).toBeNull();
  });

  it('maps the Submitted IPR statuses, "Pending Verification" not being "Verified"', () => {
    expect(iprStatusFromText('Pending Verification')).toBe('submitted');
    expect(iprStatusFromText('Verified')).toBe('verified');
    expect(iprStatusFromText('Additional Information Required')).toBe('needs_info');
    expect(iprStatusFromText('Rejected')).toBe('rejected');
  });

  it('treats the guide’s slugged AliExpress link and its canonical form as the same listing', () => {
    expect(
      listingKey(
        'http://www.aliexpress.com/item/OEM-CRKT-7085-Columbia-River-Knife-CRAWFORD-NATURAL-white-handle-folding-knife-Free-shipping/542508477.html',
      ),
    ).toBe(listingKey('https://www.aliexpress.com/item/542508477.html'));
  });

  it('reads MM/DD/YYYY dates and drops the separator after an IPR number', () => {
    expect(portalDay('03/08/2013')).toBe(Date.UTC(2013, 2, 8));
    expect(portalDay('2013-03-08')).toBeNull();
    expect(cleanRegNo('2485097;')).toBe('2485097');
  });
});
