// One poll of one source: lease → fetch (conditional GET) → parse → normalize → assess →
// dedupe keys → route → ingest (the store decides what is new) → source state.
import type { Logger } from '../log.js';
import type { Metrics } from '../metrics.js';
import type { SourceConfig } from '../config/schema.js';
import type { FetchOptions, FetchResult } from '../sources/fetcher.js';
import type { ParsedFeed } from '../sources/parse.js';
import { StoreUnavailableError, type IngestEntry, type IngestOutcome, type NearDupMatcher, type Store } from '../store/store.js';
import type { Assessment, Item, RawEntry, SourceState, Subscription } from '../types.js';
import type { RouteConfig } from '../config/schema.js';
import { backoffMs, nextPollAt } from '../sources/schedule.js';
import { errorCode, ParseError } from '../sources/errors.js';
import { normalizeEntry } from './normalize.js';
import { exactKeys, fingerprint } from './dedupe/index.js';
import { routeAlert } from './route.js';

export interface Assessor {
  assess(items: Item[], hints?: { firms?: string[]; topics?: Array<'talent' | 'superapp'> }): Promise<Assessment[]>;
}

export interface PollSettings {
  defaultIntervalMs: number;
  maxAgeHours: number;
  maxBackoffMs: number;
  failuresBeforeDisable: number;
  retentionSec: number;
  fetch: Omit<FetchOptions, 'etag' | 'lastModified' | 'signal'>;
}

export interface PollDeps {
  store: Store;
  assessor: Assessor;
  matcher: NearDupMatcher;
  fetchFeed: (url: string, opts: FetchOptions) => Promise<FetchResult>;
  parseFeed: (text: string, opts: { baseUrl: string; kind?: SourceConfig['kind'] }) => Promise<ParsedFeed>;
  routes: RouteConfig[];
  subscriptions: () => Promise<Subscription[]>;
  /** Called when a source is disabled after repeated failures or recovers. */
  onSourceHealth?: (source: SourceConfig, event: 'disabled' | 'recovered', error?: string) => Promise<void>;
  settings: PollSettings;
  owner: string;
  log: Logger;
  metrics: Metrics;
  now?: () => Date;
  random?: () => number;
}

export type PollOutcome = 'ok' | 'not_modified' | 'error' | 'leased' | 'not_due';

export interface PollReport {
  source: string;
  outcome: PollOutcome;
  items: number;
  fresh: number;
  duplicates: number;
  delivered: number;
  error?: string;
  errorCode?: string;
}

function emptyState(source: SourceConfig): SourceState {
  return { name: source.name, url: source.url, consecutiveFailures: 0, initialized: false, disabled: false };
}

/** Newest first by published date; the first `n` get delivered on a source's first poll. */
function newestIds(items: Item[], n: number): Set<string> {
  if (n <= 0) return new Set();
  return new Set([...items].sort((a, b) => b.published.localeCompare(a.published)).slice(0, n).map((i) => i.id));
}

export async function pollSource(source: SourceConfig, deps: PollDeps, opts: { force?: boolean } = {}): Promise<PollReport> {
  const now = deps.now ?? (() => new Date());
  const report: PollReport = { source: source.name, outcome: 'ok', items: 0, fresh: 0, duplicates: 0, delivered: 0 };
  const intervalMs = source.interval ?? deps.settings.defaultIntervalMs;
  // Long enough for the fetch deadline plus parsing and the ingest; a crashed replica's lease frees soon after.
  const leaseMs = (deps.settings.fetch.timeoutMs ?? 15_000) * 2 + 5_000;
  const lease = await deps.store.leaseSource(source.name, deps.owner, leaseMs);
  if (!lease) return { ...report, outcome: 'leased' };
  const release = { name: source.name, owner: deps.owner };
  const prev = lease.state ?? emptyState(source);
  const started = now();
  if (!opts.force && prev.nextPollAt && Date.parse(prev.nextPollAt) > started.getTime()) {
    await deps.store.releaseLease(source.name, deps.owner);
    return { ...report, outcome: 'not_due' };
  }
  const state: SourceState = { ...prev, url: source.url, lastPollAt: started.toISOString() };
  const endTimer = deps.metrics.fetchSeconds.startTimer();
  try {
    const res = await deps.fetchFeed(source.url, { ...deps.settings.fetch, etag: prev.etag, lastModified: prev.lastModified });
    endTimer();
    if (res.status === 'not_modified') {
      await deps.store.saveSourceState(succeeded(state, source, intervalMs, now()), release);
      deps.metrics.polls.inc({ outcome: 'not_modified' });
      await recovered(prev, source, deps);
      return { ...report, outcome: 'not_modified' };
    }
    const feed = await parseOrEmpty(deps, res.text, res.finalUrl, source);
    const fetchedAt = now();
    const items = uniqueById(feed.entries.map((raw: RawEntry) => normalizeEntry(raw, { source: source.name, lang: source.lang, timezone: source.timezone, fetchedAt, baseUrl: res.finalUrl, onDate: (n) => deps.log[n.reason === 'future' ? 'warn' : 'debug']({ source: source.name, date: n.raw, parsed: n.parsed }, n.reason === 'future' ? 'feed date is in the future; using the fetch time' : 'feed date unreadable; using the fetch time') })));
    const assessments = await deps.assessor.assess(items, { firms: source.firms, topics: source.topics });
    const entries = await buildEntries(items, assessments, source, prev, deps, fetchedAt);
    const next = succeeded({ ...state, etag: res.etag, lastModified: res.lastModified }, source, intervalMs, now());
    next.initialized = true;
    next.itemsSeen = (prev.itemsSeen ?? 0) + items.length;
    const outcomes = await deps.store.ingest({ entries, matcher: deps.matcher, retentionSec: deps.settings.retentionSec, sourceState: next, release, now: fetchedAt });
    countOutcomes(report, entries, outcomes, deps.metrics);
    deps.metrics.polls.inc({ outcome: 'ok' });
    await recovered(prev, source, deps);
    return report;
  } catch (err) {
    endTimer();
    return await failed(err, state, prev, source, deps, report, release, now());
  }
}

/** A feed with no entries right now is healthy, just quiet: not a failure of the source. */
async function parseOrEmpty(deps: PollDeps, text: string, baseUrl: string, source: SourceConfig): Promise<ParsedFeed> {
  try {
    return await deps.parseFeed(text, { baseUrl, kind: source.kind });
  } catch (err) {
    if (err instanceof ParseError && err.code === 'EMPTY') return { title: err.feedTitle, entries: [] };
    throw err;
  }
}

function uniqueById(items: Item[]): Item[] {
  const seen = new Set<string>();
  return items.filter((i) => (seen.has(i.id) ? false : (seen.add(i.id), true)));
}

async function buildEntries(items: Item[], assessments: Assessment[], source: SourceConfig, prev: SourceState, deps: PollDeps, now: Date): Promise<IngestEntry[]> {
  const firstPoll = !prev.initialized;
  const backfill = firstPoll ? newestIds(items, source.backfill) : new Set<string>();
  const oldest = now.getTime() - deps.settings.maxAgeHours * 3600_000;
  const subs = await deps.subscriptions();
  return items.map((item, i) => {
    const assessment = assessments[i];
    const fresh = Date.parse(item.published) >= oldest;
    const deliverable = assessment.relevant && fresh && (!firstPoll || backfill.has(item.id));
    return {
      item,
      assessment,
      keys: exactKeys(item),
      fingerprint: assessment.relevant ? fingerprint(item, assessment) : undefined,
      archive: assessment.relevant,
      targets: deliverable ? routeAlert({ assessment }, deps.routes, subs) : [],
    };
  });
}

function countOutcomes(report: PollReport, entries: IngestEntry[], outcomes: IngestOutcome[], metrics: Metrics): void {
  report.items = entries.length;
  outcomes.forEach((o, i) => {
    const e = entries[i];
    if (o.status === 'duplicate') {
      report.duplicates++;
      metrics.duplicates.inc();
      metrics.items.inc({ outcome: 'duplicate' });
    } else if (o.status === 'seen') {
      metrics.items.inc({ outcome: 'seen' });
    } else if (!e.archive) {
      metrics.items.inc({ outcome: 'irrelevant' });
    } else {
      report.fresh++;
      report.delivered += o.enqueued;
      metrics.items.inc({ outcome: e.targets.length ? 'new' : 'too_old' });
      for (const t of e.assessment.topics) metrics.alerts.inc({ topic: t });
    }
  });
}

function succeeded(state: SourceState, source: SourceConfig, intervalMs: number, at: Date): SourceState {
  return {
    ...state,
    lastSuccessAt: at.toISOString(),
    consecutiveFailures: 0,
    disabled: false,
    lastError: undefined,
    lastErrorCode: undefined,
    nextPollAt: nextPollAt(at, intervalMs, source.url).toISOString(),
  };
}

async function recovered(prev: SourceState, source: SourceConfig, deps: PollDeps): Promise<void> {
  if (!prev.disabled) return;
  deps.log.info({ source: source.name }, 'source recovered');
  await deps.onSourceHealth?.(source, 'recovered').catch((err) => deps.log.warn({ err, source: source.name }, 'recovery notice failed'));
}

async function failed(
  err: unknown,
  state: SourceState,
  prev: SourceState,
  source: SourceConfig,
  deps: PollDeps,
  report: PollReport,
  release: { name: string; owner: string },
  at: Date,
): Promise<PollReport> {
  const code = errorCode(err);
  const message = err instanceof Error ? err.message : String(err);
  if (err instanceof StoreUnavailableError) {
    // Not the source's fault: nothing was written, the lease expires, the next tick polls again.
    deps.metrics.polls.inc({ outcome: 'error' });
    deps.log.error({ source: source.name }, `poll not recorded, store unavailable: ${message}`);
    return { ...report, outcome: 'error', error: message, errorCode: 'STORE_UNAVAILABLE' };
  }
  const failures = prev.consecutiveFailures + 1;
  const disabled = failures >= deps.settings.failuresBeforeDisable;
  const wait = disabled ? deps.settings.maxBackoffMs : backoffMs(failures, source.interval ?? deps.settings.defaultIntervalMs, deps.settings.maxBackoffMs, deps.random);
  const next: SourceState = {
    ...state,
    consecutiveFailures: failures,
    lastError: message.slice(0, 500),
    lastErrorCode: code,
    disabled,
    nextPollAt: new Date(at.getTime() + wait).toISOString(),
  };
  deps.metrics.polls.inc({ outcome: 'error' });
  deps.metrics.fetchErrors.inc({ kind: code });
  deps.log.warn({ source: source.name, code, failures, retryInMs: wait }, `poll failed: ${message}`);
  try {
    await deps.store.saveSourceState(next, release);
  } catch (saveErr) {
    deps.log.error({ err: saveErr, source: source.name }, 'could not save source state; the lease expires on its own');
  }
  if (disabled && !prev.disabled) {
    await deps.onSourceHealth?.(source, 'disabled', message).catch((e) => deps.log.warn({ err: e, source: source.name }, 'disable notice failed'));
  }
  return { ...report, outcome: 'error', error: message, errorCode: code };
}
