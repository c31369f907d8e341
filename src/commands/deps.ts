// What the /talent handlers need, passed in once by main (no module state).
import type { Config } from '../config/schema.js';
import type { Logger } from '../log.js';
import type { Metrics } from '../metrics.js';
import type { Store } from '../store/store.js';
import type { FeedProbe } from '../sources/probe.js';

/** The narrow slice of the relevance engine's knowledge (src/knowledge) the commands use. */
export interface FirmKnowledge {
  canonicalFirm(name: string): string | undefined;
  suggestFirms(text: string, n: number): string[];
  firmNames(): string[];
  /** Home region code (US, CN, ...), for grouping `/talent firms`; optional. */
  firmRegion?(name: string): string | undefined;
}

export interface CommandDeps {
  store: Store;
  config: Pick<Config, 'routes' | 'sources' | 'schedule'>;
  knowledge: FirmKnowledge;
  /** User ids allowed to change subscriptions besides platform admins (config `admins`). */
  admins: { slack: string[]; discord: string[] };
  now?: () => Date;
  metrics?: Metrics;
  log?: Logger;
  /** Called after a subscription was added or removed (e.g. to drop a routing cache). */
  onSubscriptionsChanged?: () => void;
  /** Fetches a feed URL once with the poller's guard and limits (`/talent sources add`); absent: adding is off. */
  probeFeed?: (url: string) => Promise<FeedProbe>;
  /** Called after a watch or a mute was added or removed (drops the chat routing cache). */
  onChatRoutingChanged?: () => void;
  /** Search hits per page; default 10. */
  pageSize?: number;
}
