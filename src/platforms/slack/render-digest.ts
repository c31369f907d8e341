// Digests and channel notices as Block Kit. The chart PNG is uploaded separately (poster.ts).
import type { DigestPayload } from '../../delivery/poster.js';
import { displayGist } from '../../pipeline/gist.js';
import { context, divider, header, LIMITS, message, section, type Block, type SlackMessage } from './blocks.js';
import { chunkLines, link, mrkdwn, oneLine, plain } from './text.js';

const MAX_ALERTS_PER_SECTION = 15;
const MAX_FLOWS = 25;

function flowsTable(flows: DigestPayload['flows']): string {
  const rows = flows.slice(0, MAX_FLOWS).map((f) => ({
    route: `${oneLine(f.from, 30)} → ${oneLine(f.to, 30)}`,
    dir: oneLine(f.direction ?? '', 12),
    n: String(f.count),
  }));
  const w = Math.max(5, ...rows.map((r) => r.route.length));
  const lines = rows.map((r) => `${r.route.padEnd(w)}  ${r.dir.padEnd(8)} ${r.n.padStart(4)}`);
  const table = [`${'Flow'.padEnd(w)}  ${'Dir'.padEnd(8)} ${'N'.padStart(4)}`, ...lines].join('\n');
  // Escaped after padding so the columns line up; entities render as one character.
  return `*Talent flows*\n\`\`\`${mrkdwn(table, LIMITS.sectionText - 40)}\`\`\``;
}

export function renderDigest(d: DigestPayload): SlackMessage {
  const blocks: Block[] = [header(plain(d.title, LIMITS.header) || `Talent radar ${d.period} digest`)];
  const total = d.sections.reduce((n, s) => n + s.alerts.length, 0);
  blocks.push(context([`${d.period === 'daily' ? 'Daily' : 'Weekly'} digest · ${total} stor${total === 1 ? 'y' : 'ies'}`]));
  for (const s of d.sections) {
    if (blocks.length >= LIMITS.blocks - 4) break;
    const lines = s.alerts.slice(0, MAX_ALERTS_PER_SECTION).map((a) => {
      const gist = displayGist(a);
      return `• ${link(a.link, a.title, 200)} · ${mrkdwn(a.source, 60)}${gist ? `\n   _${mrkdwn(gist, 220)}_` : ''}`;
    });
    if (s.alerts.length > MAX_ALERTS_PER_SECTION) lines.push(`…and ${s.alerts.length - MAX_ALERTS_PER_SECTION} more`);
    blocks.push(divider());
    for (const chunk of chunkLines([`*${mrkdwn(s.heading, 150)}*`, ...lines], LIMITS.sectionText).slice(0, 3)) blocks.push(section(chunk));
  }
  if (d.flows.length && blocks.length < LIMITS.blocks - 1) blocks.push(divider(), section(flowsTable(d.flows)));
  return message(`${mrkdwn(d.title, 300)} (${total} stories)`, blocks.slice(0, LIMITS.blocks));
}

export function renderNotice(text: string): SlackMessage {
  return message(mrkdwn(text, 500), [section(`:information_source: ${mrkdwn(text, LIMITS.sectionText - 30)}`)]);
}
