/** The `/takedown help` answer. */
export function helpText(chunkLimit: number): string {
  return [
    '*takedown* files counterfeit-listing complaints on Alibaba’s IP-protection portal for you.',
    '• `/takedown <links>` — paste AliExpress, Alibaba.com or 1688 listing links (any number, any form). I answer with what I understood; choose the IPR, check the complaint reason and press *Approve*.',
    '• Drop a CSV, TSV, XLSX or TXT export in a channel I am in: same answer.',
    `• I file at most ${chunkLimit} listings per portal submission, read the case numbers back, follow their status and post a digest of removals every morning.`,
    '• `/takedown help` — this guide.',
  ].join('\n');
}
