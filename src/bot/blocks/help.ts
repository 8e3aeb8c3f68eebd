/** The `/takedown help` answer. */
export function helpText(chunkLimit: number): string {
  return [
    '*takedown* files counterfeit-listing complaints on Alibaba’s IP-protection portal for you.',
    '• `/takedown <links>` — paste AliExpress, Alibaba.com or 1688 listing links (any number, any form). I answer with what I understood; choose the IPR, check the complaint reason and press *Approve*.',
    '• `/takedown` alone — a form to paste links or attach a CSV, XLSX or TXT file.',
    '• Drop a CSV, TSV, XLSX or TXT export in a channel I am in, or in a DM with me: same answer. Or use “File takedown for links in this message” in a message’s ⋯ menu.',
    '• `/takedown search <keyword> [aliexpress|alibaba|1688]` — the portal’s keyword search; tick the fakes and press *Report selected*.',
    '• `/takedown ipr` — the IPRs on file and whether the portal verified them. `/takedown ipr add` — submit a new one.',
    '• `/takedown status [request # | case number | link]` — where things stand. `/takedown digest` — the digest, now.',
    '• `/takedown withdraw <case number>` — withdraw a complaint (approvers only).',
    `I file at most ${chunkLimit} listings per portal submission, read the case numbers back, follow their status and post a digest of removals every morning.`,
  ].join('\n');
}
