// Renders a platform-neutral command Reply as terminal text (CLI search, console).
import type { Reply } from '../commands/types.js';
import { displayGist } from '../pipeline/gist.js';

export function renderReplyText(reply: Reply): string {
  switch (reply.type) {
    case 'text':
      return [reply.title, ...reply.lines].filter(Boolean).join('\n');
    case 'error':
      return [reply.message, reply.suggestions?.length ? `Did you mean: ${reply.suggestions.join(', ')}?` : '', reply.usage ? `Usage: ${reply.usage}` : '']
        .filter(Boolean)
        .join('\n');
    case 'search': {
      if (reply.hits.length === 0) return `No alerts match "${reply.query}".`;
      const lines = reply.hits.map((h, i) => {
        const a = h.alert;
        const gist = displayGist(a);
        return `${reply.offset + i + 1}. ${a.title}${gist ? `\n   ${gist}` : ''}\n   ${a.published.slice(0, 10)} · ${a.source} · ${a.link}\n   ${h.snippet}`;
      });
      const more = reply.nextPage ? `\nMore: talent-radar ${reply.nextPage}` : '';
      return `${reply.total} match${reply.total === 1 ? '' : 'es'} for "${reply.query}"\n\n${lines.join('\n')}${more}`;
    }
  }
}
