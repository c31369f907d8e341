// The platform-neutral /talent handler: text in, Reply out. Bad syntax and unknown names get
// an error Reply with usage and suggestions; a failing store gets an apology, never a throw.
import type { CommandDeps } from './deps.js';
import { CommandSyntaxError, parseCommand, type Token } from './parse.js';
import { search } from './search.js';
import { subscribe } from './subscribe.js';
import { unsubscribe } from './unsubscribe.js';
import { list } from './list.js';
import { firms } from './firms.js';
import { sources } from './sources.js';
import { digest } from './digest.js';
import { help } from './help.js';
import { watch } from './watch.js';
import { unwatch, watches } from './watches.js';
import { allUsage, USAGE } from './usage.js';
import type { CommandRequest, Reply, Subcommand } from './types.js';

export type { CommandDeps, FirmKnowledge } from './deps.js';

function dispatch(sub: Subcommand, req: CommandRequest, tokens: Token[], deps: CommandDeps): Promise<Reply> | Reply {
  switch (sub) {
    case 'search':
      return search(tokens, deps);
    case 'subscribe':
      return subscribe(req, tokens, deps);
    case 'unsubscribe':
      return unsubscribe(req, tokens, deps);
    case 'list':
      return list(req, deps);
    case 'firms':
      return firms(deps);
    case 'sources':
      return sources(req, tokens, deps);
    case 'digest':
      return digest(req, tokens, deps);
    case 'help':
      return help();
    case 'watch':
      return watch(req, tokens, deps);
    case 'watches':
      return watches(req, deps);
    case 'unwatch':
      return unwatch(req, tokens, deps);
  }
}

export function createCommandHandler(deps: CommandDeps): (req: CommandRequest) => Promise<Reply> {
  return async (req) => {
    let sub: Subcommand | 'unknown' = 'unknown';
    let reply: Reply;
    try {
      const parsed = parseCommand(req.text);
      sub = parsed.sub;
      reply = await dispatch(parsed.sub, req, parsed.tokens, deps);
    } catch (err) {
      if (err instanceof CommandSyntaxError) {
        const s = err.sub ?? (sub === 'unknown' ? undefined : sub);
        reply = {
          type: 'error',
          ephemeral: true,
          message: err.message,
          usage: s ? USAGE[s] : allUsage(),
          suggestions: err.suggestions?.length ? err.suggestions : undefined,
        };
      } else {
        deps.log?.error({ err, platform: req.platform, text: req.text.slice(0, 200) }, '/talent command failed');
        reply = { type: 'error', ephemeral: true, message: 'Something went wrong on our side (the archive may be unreachable); please try again in a minute.' };
      }
    }
    deps.metrics?.commands.inc({ platform: req.platform, subcommand: sub, outcome: reply.type === 'error' ? 'error' : 'ok' });
    return reply;
  };
}
