// What people set up from chat, kept in the store so every replica sees it at once: feeds added
// with `/talent sources add`, saved searches (`/talent watch`), feedback on alerts and source
// mutes. Part of the store port (store.ts); both backends implement it and pass the contract.
import type { Platform, Topic } from '../types.js';

/** A feed added from chat. Config sources stay in the config file and are never stored here. */
export interface ChatSource {
  /** Unique across config and chat sources (`[\w.-]+`). */
  name: string;
  url: string;
  kind: 'auto' | 'rss' | 'atom' | 'json';
  /** The feed's own title when it was added. */
  title?: string;
  addedBy: string;
  addedAt: string;
  platform: Platform;
  channel: string;
}

/** A parsed watch query: search text (words, "phrases", -exclusions) and any-of filters. */
export interface WatchFilter {
  text: string;
  firms: string[];
  topics: Topic[];
  lang?: string;
}

/** A saved search: every new alert matching `query` is posted to `channel`. */
export interface Watch {
  id: string;
  platform: Platform;
  /** Where matches are posted: the channel, or the DM channel opened for `user`. */
  channel: string;
  /** The `/talent search` syntax, as typed. */
  query: string;
  /** The query parsed once when saved (pipeline/watch.ts matches alerts against it). */
  filter: WatchFilter;
  /** Set for `watch me`: the person whose DM gets the matches. */
  user?: string;
  /** Channel the watch was made in (for a DM watch, where the person asked). */
  from: string;
  createdBy: string;
  createdAt: string;
}

export type FeedbackAction = 'not_relevant' | 'mute';

/** One person's verdict on one alert in one channel, with the alert's features at the time. */
export interface Feedback {
  alertId: string;
  platform: Platform;
  channel: string;
  user: string;
  action: FeedbackAction;
  at: string;
  source: string;
  lang: string;
  title: string;
  summary: string;
  link: string;
  published: string;
  topics: Topic[];
  firms: string[];
  score: number;
  moves: Array<{ person: string; from: string; to: string }>;
}

/** A source muted in one channel until `until`. */
export interface Mute {
  platform: Platform;
  channel: string;
  source: string;
  until: string;
  by: string;
}

export interface ChatStore {
  /** False when a chat source of that name exists. */
  addChatSource(source: ChatSource): Promise<boolean>;
  /** Drops the source and its poll state (so a later source of that name starts fresh); false when none. */
  removeChatSource(name: string): Promise<boolean>;
  listChatSources(): Promise<ChatSource[]>;

  addWatch(watch: Watch): Promise<void>;
  /** False when there was none. */
  removeWatch(id: string): Promise<boolean>;
  /** Oldest first. */
  listWatches(filter?: { platform?: Platform }): Promise<Watch[]>;

  /** False when this person already gave this verdict on this alert in this channel. */
  addFeedback(feedback: Feedback): Promise<boolean>;
  /** Oldest first. */
  listFeedback(limit?: number): Promise<Feedback[]>;
  /** Sets (or extends) a mute. */
  addMute(mute: Mute): Promise<void>;
  /** Mutes still in force at `now`. */
  listMutes(now?: Date): Promise<Mute[]>;
}
