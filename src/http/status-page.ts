// The status page at `/`: sources with their health, the latest alerts, and a search box that
// runs the same search as `/talent search`. Server-rendered HTML, no front-end build step.
import type { App } from '../app.js';
import type { Alert, SourceState } from '../types.js';
import { alsoTotal } from '../types.js';
import type { SearchHit } from '../store/store.js';
import { sendText, type Handler, type HttpServer } from './server.js';
import { feedbackCounts } from '../feedback/export.js';
import type { Feedback } from '../store/chat.js';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
const safeHref = (u: string) => (/^https?:\/\//i.test(u) ? esc(u) : '#');

const STYLE = `body{font:15px/1.45 system-ui,sans-serif;margin:0 auto;max-width:1100px;padding:1rem 1.5rem;color:#1d2330}
h1{font-size:1.4rem;margin:.2rem 0}h2{font-size:1.1rem;margin-top:1.6rem;border-bottom:1px solid #dde;padding-bottom:.2rem}
table{border-collapse:collapse;width:100%;font-size:.9rem}td,th{text-align:left;padding:.25rem .5rem;border-bottom:1px solid #eef}
.ok{color:#17803d}.failing{color:#b45309}.disabled{color:#b91c1c}.new{color:#64748b}
.alert{padding:.5rem 0;border-bottom:1px solid #eef}.alert a{font-weight:600;color:#1d4ed8;text-decoration:none}
.meta{color:#64748b;font-size:.85rem}.tag{display:inline-block;background:#eef2ff;border-radius:4px;padding:0 .35rem;margin-right:.25rem;font-size:.8rem}
form{display:flex;gap:.5rem;margin:.8rem 0}input[type=search]{flex:1;padding:.4rem;font-size:1rem}button{padding:.4rem .9rem}`;

function sourceStatus(st: SourceState | undefined): string {
  if (!st) return 'new';
  if (st.disabled) return 'disabled';
  return st.consecutiveFailures > 0 ? 'failing' : 'ok';
}

function alertHtml(a: Alert, snippet?: string): string {
  const as = a.assessment;
  const move = as.moves[0];
  const tags = [...as.topics, ...as.firms].map((t) => `<span class="tag">${esc(t)}</span>`).join('');
  return `<div class="alert" data-alert-id="${esc(a.id)}"><a href="${safeHref(a.link)}" rel="noopener noreferrer">${esc(a.title)}</a>
<div class="meta">${esc(a.source)} · ${esc(a.published.slice(0, 16).replace('T', ' '))} UTC ${tags}${move ? ` · ${esc(`${move.person}: ${move.from} → ${move.to}`)}${move.direction ? ` (${esc(move.direction)})` : ''}` : ''}${alsoTotal(a) ? ` · also reported by ${alsoTotal(a)}` : ''}</div>
<div>${esc(snippet ?? as.summary)}</div></div>`;
}

/** Feedback from chat per source and per topic (not relevant / muted). */
function feedbackHtml(all: Feedback[] | undefined): string {
  if (!all?.length) return '';
  const { bySource, byTopic } = feedbackCounts(all);
  const table = (head: string, rows: Array<[string, number, number]>) =>
    `<table><thead><tr><th>${head}</th><th>not relevant</th><th>muted</th></tr></thead><tbody>${rows.map(([k, n, m]) => `<tr><td>${esc(k)}</td><td>${n}</td><td>${m}</td></tr>`).join('')}</tbody></table>`;
  return `<h2>Feedback</h2><section id="feedback">${table('source', bySource)}${table('topic', byTopic)}</section>`;
}

export function renderStatusPage(input: {
  app: Pick<App, 'config'>;
  states: SourceState[];
  latest: Alert[];
  query?: string;
  hits?: SearchHit[];
  total?: number;
  error?: string;
  feedback?: Feedback[];
}): string {
  const byName = new Map(input.states.map((s) => [s.name, s]));
  const rows = input.app.config.sources
    .map((s) => {
      const st = byName.get(s.name);
      const status = s.enabled ? sourceStatus(st) : 'off';
      return `<tr><td>${esc(s.name)}</td><td class="${status}">${status}</td><td>${esc(st?.lastSuccessAt?.slice(0, 16).replace('T', ' ') ?? '—')}</td><td>${st?.consecutiveFailures ?? 0}</td><td>${esc(st?.nextPollAt?.slice(0, 16).replace('T', ' ') ?? '—')}</td><td>${esc(st?.lastErrorCode ?? '')}</td></tr>`;
    })
    .join('\n');
  const results =
    input.query !== undefined
      ? `<section id="results"><h2>Search: ${esc(input.query)}</h2>${input.error ? `<p class="disabled">${esc(input.error)}</p>` : ''}<p class="meta">${input.total ?? 0} match(es)</p>${(input.hits ?? []).map((h) => alertHtml(h.alert, h.snippet)).join('\n')}</section>`
      : '';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>talent-radar</title><style>${STYLE}</style></head><body>
<h1>talent-radar</h1><p class="meta">AI talent migration and super-app alerts</p>
<form method="get" action="/"><input type="search" name="q" value="${esc(input.query ?? '')}" placeholder="Search alerts: ByteDance researcher since:30d, 微信 智能体, firm:OpenAI" aria-label="search"><button type="submit">Search</button></form>
${results}
<h2>Latest alerts</h2>${input.latest.length ? input.latest.map((a) => alertHtml(a)).join('\n') : '<p class="meta">No alerts yet.</p>'}
<h2>Sources</h2><table><thead><tr><th>source</th><th>status</th><th>last success (UTC)</th><th>failures</th><th>next poll</th><th>last error</th></tr></thead><tbody>${rows}</tbody></table>
${feedbackHtml(input.feedback)}
</body></html>`;
}

/** The status page shows at most this many pages of at most this many hits: deep paging is what made one request cost ~1 s of CPU. */
export const STATUS_SEARCH_MAX_PAGE = 5;
export const STATUS_SEARCH_MAX_LIMIT = 20;
/** Searches running at once from the status page; more get 429 (the bot's own work comes first). */
const STATUS_SEARCH_CONCURRENCY = 2;
const STATUS_SEARCH_TIMEOUT_MS = 3_000;

/** Why a status-page query is refused before it runs (paging past the caps), or undefined. */
export function statusQueryProblem(q: string): string | undefined {
  for (const m of q.matchAll(/(?:^|\s)"?(page|limit)\s*[:：]\s*"?([^\s"]*)/gi)) {
    const n = Number(m[2]);
    const max = m[1].toLowerCase() === 'page' ? STATUS_SEARCH_MAX_PAGE : STATUS_SEARCH_MAX_LIMIT;
    if (!Number.isInteger(n) || n < 1 || n > max) return `${m[1].toLowerCase()}: the status page takes 1 to ${max}; use /talent search or the CLI for more`;
  }
  return undefined;
}

export function mountStatusPage(app: Pick<App, 'config' | 'store' | 'handleCommand'>, server: HttpServer, guard: (h: Handler) => Handler = (h) => h): void {
  let running = 0;
  server.route(
    'GET',
    '/',
    guard(async (_req, res, url) => {
      const q = url.searchParams.get('q')?.trim().slice(0, 300);
      let hits: SearchHit[] | undefined;
      let total: number | undefined;
      let error: string | undefined = q ? statusQueryProblem(q) : undefined;
      if (q && !error) {
        if (running >= STATUS_SEARCH_CONCURRENCY) {
          sendText(res, 429, 'busy: too many searches at once, try again in a moment');
          return;
        }
        running++;
        let timer: NodeJS.Timeout | undefined;
        try {
          const search = app.handleCommand({ platform: 'console', channel: 'status-page', user: 'web', text: `search ${q}`, isAdmin: async () => false });
          const reply = await Promise.race([search, new Promise<'late'>((r) => (timer = setTimeout(() => r('late'), STATUS_SEARCH_TIMEOUT_MS)))]);
          if (reply === 'late') error = 'the search took too long; narrow it (firm:, topic:, since:)';
          else if (reply.type === 'search') ({ hits, total } = reply);
          else error = reply.type === 'error' ? reply.message : reply.lines.join(' ');
        } finally {
          clearTimeout(timer);
          running--;
        }
      }
      const [states, latest, feedback] = await Promise.all([app.store.getSourceStates(), app.store.latestAlerts(20), app.store.listFeedback().catch(() => [])]);
      sendText(res, 200, renderStatusPage({ app, states, latest, query: q || undefined, hits, total, error, feedback }), 'text/html; charset=utf-8');
    }),
  );
}
