/** Helpers for Slack's mrkdwn: escaping and cutting text to Slack's limits. */

/** Escapes the three characters Slack treats as markup. */
export function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Cuts text to at most `max` characters, marking the cut. */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** A Slack date token that renders in each reader's own time zone, with a fallback. */
export function slackDate(at: Date): string {
  const secs = Math.floor(at.getTime() / 1000);
  const fallback = `${at.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  return `<!date^${secs}^{date_short_pretty} at {time}|${fallback}>`;
}

export const plural = (n: number, one: string, many = `${one}s`) =>
  `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
