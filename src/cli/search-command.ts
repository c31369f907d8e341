import { renderReplyText } from './render-reply.js';
import { openApp, type CliContext } from './command-table.js';
import { UsageError } from './errors.js';

/** The same search `/talent search` runs, printed as text or JSON. */
export async function searchCommand(values: Record<string, unknown>, positionals: string[], ctx: CliContext): Promise<number> {
  const query = positionals.join(' ').trim();
  if (!query) throw new UsageError('give a query, e.g. talent-radar search "ByteDance researcher" since:30d');
  const limit = values.limit === undefined ? undefined : Number(values.limit);
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 1 || limit > 100)) throw new UsageError('--limit takes a whole number from 1 to 100');
  const app = await openApp(ctx, { platforms: false, logLevel: 'warn' });
  try {
    const reply = await app.handleCommand({
      platform: 'console',
      channel: 'cli',
      user: 'cli',
      text: `search ${query}${limit ? ` limit:${limit}` : ''}`,
      isAdmin: async () => true,
    });
    if (values.json) {
      const out =
        reply.type === 'search'
          ? {
              total: reply.total,
              hits: reply.hits.map((h) => ({
                id: h.alert.id,
                title: h.alert.title,
                link: h.alert.link,
                source: h.alert.source,
                published: h.alert.published,
                score: h.score,
                snippet: h.snippet,
              })),
            }
          : reply;
      ctx.stdout.write(`${JSON.stringify(out)}\n`);
    } else {
      ctx.stdout.write(`${renderReplyText(reply)}\n`);
    }
    return reply.type === 'error' ? 2 : 0;
  } finally {
    await app.close();
  }
}
