// An alert as a Block Kit message: header, context, summary, moves, link button, "also reported by".
import { displayGist } from '../../pipeline/gist.js';
import type { Alert, AlsoReported, Move } from '../../types.js';
import { alsoTotal } from '../../types.js';
import { actions, button, context, header, LIMITS, message, section, type Block, type SlackMessage } from './blocks.js';
import { chunkLines, link, mrkdwn, plain, safeUrl } from './text.js';

const MAX_MOVES = 10;
const MAX_ALSO = 15;

/** Slack renders `<!date^…>` in the reader's time zone; the fallback is the ISO date. */
function when(iso: string): string {
  const t = Date.parse(iso);
  if (!Number.isFinite(t)) return '';
  const fallback = new Date(t).toISOString().replace('T', ' ').slice(0, 16) + ' UTC';
  return `<!date^${Math.floor(t / 1000)}^{date_short_pretty} {time}|${fallback}>`;
}

export function moveLine(m: Move): string {
  const role = m.role ? ` (${mrkdwn(m.role, 200)})` : '';
  const dir = m.direction ? ` · ${mrkdwn(m.direction, 40)}` : '';
  const latin = m.personLatin ? ` (${mrkdwn(m.personLatin, 100)})` : '';
  return `*${mrkdwn(m.person, 200)}*${latin}: ${mrkdwn(m.from, 200)} → ${mrkdwn(m.to, 200)}${role}${dir}`;
}

export function alsoReportedLine(also: AlsoReported[], total = also.length): string {
  let line = '*Also reported by:*';
  let shown = 0;
  for (const a of also.slice(0, MAX_ALSO)) {
    const next = `${shown ? ',' : ''} ${link(a.link, a.source || a.title, 80)}`;
    if (line.length + next.length > LIMITS.contextText - 40) break;
    line += next;
    shown++;
  }
  return total > shown ? `${line} and ${total - shown} more` : line;
}

function directions(moves: Move[]): string {
  return [
    ...new Set(
      moves
        .slice(0, 50)
        .map((m) => m.direction)
        .filter((d): d is string => !!d),
    ),
  ].join(', ');
}

export function renderAlert(alert: Alert): SlackMessage {
  const a = alert.assessment;
  const blocks: Block[] = [header(plain(alert.title, LIMITS.header) || 'Untitled story')];
  // The English gist right under the original headline (Chinese items especially).
  const gist = displayGist(alert);
  if (gist) blocks.push(section(`_${mrkdwn(gist, LIMITS.sectionText - 2)}_`));
  const dirs = directions(a.moves);
  blocks.push(
    context([
      `*${mrkdwn(alert.source, 100)}*`,
      when(alert.published),
      a.firms.length ? `Firms: ${mrkdwn(a.firms.slice(0, 20).join(', '), 300)}` : '',
      a.topics.length ? `Topics: ${mrkdwn(a.topics.slice(0, 10).join(', '), 100)}` : '',
      dirs ? `Move: ${mrkdwn(dirs, 100)}` : '',
    ]),
  );
  const summary = a.summary || alert.summary;
  if (summary.trim()) blocks.push(section(mrkdwn(summary, LIMITS.sectionText)));
  const moves = a.moves.slice(0, MAX_MOVES).map(moveLine);
  if (a.moves.length > MAX_MOVES) moves.push(`…and ${a.moves.length - MAX_MOVES} more moves`);
  for (const chunk of chunkLines(moves, LIMITS.sectionText).slice(0, 3)) blocks.push(section(chunk));
  const url = safeUrl(alert.link, LIMITS.url);
  if (url) blocks.push(actions([button('Read the story', 'talent_open', { url })]));
  if (alert.alsoReportedBy.length) blocks.push(context([alsoReportedLine(alert.alsoReportedBy, alsoTotal(alert))]));
  const fallback = `${mrkdwn(alert.title, 500)} (${mrkdwn(alert.source, 100)})`;
  return message(fallback, blocks);
}
