// Alert → one embed: linked title, summary, firms / topics / moves / "also reported by" fields,
// source in the footer and the story's time as the embed timestamp. Feed text is made safe here.
import type { APIEmbed, APIEmbedField } from 'discord-api-types/v10';
import { displayGist } from '../../pipeline/gist.js';
import type { Alert } from '../../types.js';
import { alsoTotal } from '../../types.js';
import { LIMITS, fitEmbeds } from './limits.js';
import { plainText, safeText, safeUrl, truncate } from './text.js';

const TOPIC_LABEL: Record<string, string> = { talent: 'AI talent', superapp: 'Super-apps' };
const COLOR = { talent: 0x5865f2, superapp: 0x57f287 } as const;

function isoOrUndefined(s: string | undefined): string | undefined {
  if (!s) return undefined;
  const t = Date.parse(s);
  return Number.isNaN(t) ? undefined : new Date(t).toISOString();
}

function moveLine(m: Alert['assessment']['moves'][number]): string {
  const role = m.role ? ` (${safeText(m.role)})` : '';
  const dir = m.direction ? ` · ${safeText(m.direction)}` : '';
  const latin = m.personLatin ? ` (${safeText(m.personLatin)})` : '';
  return `${safeText(m.person)}${latin}: ${safeText(m.from)} → ${safeText(m.to)}${role}${dir}`;
}

/** Joins lines into at most `max` characters, saying how many did not fit. */
export function joinLines(lines: string[], max: number): string {
  const out: string[] = [];
  let used = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const rest = lines.length - i - 1;
    const tail = rest > 0 ? `\n…and ${rest} more`.length : 0;
    if (used + line.length + 1 + tail > max) {
      out.push(i === 0 ? truncate(line, max - 20) : '', `…and ${lines.length - i} more`);
      break;
    }
    out.push(line);
    used += line.length + 1;
  }
  return truncate(out.filter(Boolean).join('\n'), max);
}

export function alertFields(alert: Alert): APIEmbedField[] {
  const a = alert.assessment;
  const fields: APIEmbedField[] = [];
  if (a.firms.length) fields.push({ name: 'Firms', value: joinLines([a.firms.map(safeText).join(', ')], LIMITS.fieldValue), inline: true });
  if (a.topics.length) fields.push({ name: 'Topics', value: a.topics.map((t) => TOPIC_LABEL[t] ?? safeText(t)).join(', '), inline: true });
  if (a.moves.length) fields.push({ name: a.moves.length === 1 ? 'Move' : 'Moves', value: joinLines(a.moves.map(moveLine), LIMITS.fieldValue) });
  if (alert.alsoReportedBy.length) {
    const lines = alert.alsoReportedBy.map((r) => {
      const url = safeUrl(r.link);
      const name = safeText(r.source) || 'source';
      return url ? `[${name}](${url})` : name;
    });
    const more = alsoTotal(alert) - lines.length;
    if (more > 0) lines.push(`+${more} more`);
    fields.push({ name: 'Also reported by', value: joinLines(lines, LIMITS.fieldValue) });
  }
  return fields.slice(0, LIMITS.fields);
}

/** The alert's embed, within every Discord limit. `marker` goes into the footer so findPosted can recognise it. */
export function renderAlertEmbed(alert: Alert, marker?: string): APIEmbed {
  const summary = alert.assessment.summary || alert.summary;
  // The English gist first, under the original headline (the embed title).
  const gist = displayGist(alert);
  const description = [gist ? `*${safeText(gist)}*` : '', summary ? safeText(summary) : ''].filter(Boolean).join('\n\n');
  const footer = [truncate(plainText(alert.source), 200), marker].filter(Boolean).join(' · ');
  const embed: APIEmbed = {
    title: truncate(safeText(alert.title) || 'Untitled story', LIMITS.title),
    url: safeUrl(alert.link),
    description: description ? truncate(description, LIMITS.description) : undefined,
    color: COLOR[alert.assessment.topics[0] as keyof typeof COLOR] ?? 0x99aab5,
    fields: alertFields(alert),
    footer: { text: truncate(footer || 'talent-radar', LIMITS.footer) },
    timestamp: isoOrUndefined(alert.published),
  };
  return fitEmbeds([embed])[0]!;
}
