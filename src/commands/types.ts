// Platform-neutral /talent commands: a request in, a Reply out that each platform renders.
import type { Platform, Topic } from '../types.js';
import type { SearchHit } from '../store/store.js';

export type Subcommand = 'search' | 'subscribe' | 'unsubscribe' | 'list' | 'firms' | 'sources' | 'digest' | 'help' | 'watch' | 'watches' | 'unwatch';

export interface CommandRequest {
  platform: Platform;
  channel: string;
  user: string;
  /** Slack: the text after `/talent`; Discord: rebuilt from subcommand and options. */
  text: string;
  /** Asked lazily, only by commands that need it (Slack: users.info; Discord: member permissions). */
  isAdmin: () => Promise<boolean>;
  /** Opens (or finds) the DM channel with `user` and returns its id (Slack conversations.open; Discord POST /users/@me/channels). */
  openDm?: () => Promise<string>;
}

export type Reply =
  | { type: 'text'; ephemeral: boolean; title?: string; lines: string[] }
  | {
      type: 'search';
      ephemeral: boolean;
      query: string;
      total: number;
      offset: number;
      hits: SearchHit[];
      /** The command text that shows the next page, when there is one. */
      nextPage?: string;
      filters: { firms?: string[]; topics?: Topic[]; since?: string; lang?: string };
    }
  | { type: 'error'; ephemeral: true; message: string; usage?: string; suggestions?: string[] };
