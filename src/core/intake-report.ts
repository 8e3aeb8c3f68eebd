/** Turns intake's per-entry verdicts into the report a batch keeps and the listings it will file. */
import type { IntakeEntry, IntakeReport, Listing } from './types.ts';

export function summarizeIntake(entries: IntakeEntry[]): IntakeReport {
  const report: IntakeReport = {
    total: entries.length,
    ok: 0,
    duplicate: 0,
    alreadyFiled: 0,
    invalid: 0,
    unresolved: 0,
    refused: [],
  };
  for (const e of entries) {
    switch (e.status) {
      case 'ok':
        report.ok++;
        continue;
      case 'duplicate':
        report.duplicate++;
        break;
      case 'already_filed':
        report.alreadyFiled++;
        break;
      case 'invalid':
        report.invalid++;
        break;
      case 'unresolved':
        report.unresolved++;
        break;
    }
    report.refused.push({
      position: e.position,
      input: e.input,
      status: e.status,
      reason: e.reason ?? e.status,
    });
  }
  return report;
}

export function readyListings(entries: IntakeEntry[]): Listing[] {
  const out: Listing[] = [];
  for (const e of entries) {
    if (e.status !== 'ok' || !e.platform || !e.itemId || !e.url) continue;
    out.push({
      platform: e.platform,
      itemId: e.itemId,
      url: e.url,
      title: e.title,
      seller: e.seller,
      price: e.price,
    });
  }
  return out;
}
