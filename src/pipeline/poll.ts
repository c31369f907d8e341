// One poll of one source: lease → fetch (conditional GET) → parse → normalize → assess →
// dedupe keys → route → ingest (the store decides what is new) → source state.
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type { Logger } from '../log.js';
import type { Metrics } from '../metrics.js';
import type { SourceConfig } from '../config/schema.js';
import type { FetchOptions, FetchResult } from '../sources/fetcher.js';
import type { ParsedFeed } from '../sources/parse.js';
import { StoreUnavailableError, type IngestEntry, type IngestOutcome, type NearDupMatcher, type SourceLease, type Store } from '../store/store.js';
import type { Assessment, Item, RawEntry, SourceState, Subscription } from '../types.js';
import type { RouteConfig } from '../config/schema.js';
import { backoffMs, nextPollAt } from '../sources/schedule.js';
import { errorCode } from '../sources/errors.js';
import { normalizeEntry, type NormalizeContext } from './normalize.js';
import { exactKeys, fingerprint } from './dedupe/index.js';
import { routeAlert } from './route.js';
import { routeWithChat, type ChatRouting } from './chat-routing.js';

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
  /** Items per slice of CPU work (assess, ingest) between yields to the event loop; default 200. */
  sliceSize?: number;
}

export interface PollDeps {
  store: Store;
  assessor: Assessor;
  matcher: NearDupMatcher;
  fetchFeed: (url: string, opts: FetchOptions) => Promise<FetchResult>;
  parseFeed: (text: string, opts: { baseUrl: string; kind?: SourceConfig['kind'] }) => Promise<ParsedFeed>;
  routes: RouteConfig[];
  subscriptions: () => Promise<Subscription[]>;
  /** Watches and mutes made from chat (pipeline/chat-routing.ts); absent: none. */
  chat?: () => Promise<ChatRouting>;
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
  /** The time budget ran out: what was ingested stays, the rest is taken on the next poll. */
  partial?: boolean;
}

function emptyState(source: SourceConfig): SourceState {
  return { name: source.name, url: source.url, consecutiveFailures: 0, initialized: false, disabled: false };
}

/** Newest first by published date; the first `n` get delivered on a source's first poll. */
function newestIds(items: Item[], n: number): Set<string> {
  if (n <= 0) return new Set();
  return new Set(
    [...items]
      .sort((a, b) => b.published.localeCompare(a.published))
      .slice(0, n)
      .map((i) => i.id),
  );
}

/** A source fetched and read, its items not yet ingested: what `pollSource` and `ingestFetched` go on with. */
export interface FetchedSource {
  source: SourceConfig;
  prev: SourceState;
  /** The state as of this poll's start (no ETag), saved when the poll stops early. */
  state: SourceState;
  /** The state after a complete poll (new ETag, next due time). */
  next: SourceState;
  /** The feed's items in feed order, and how many at its top an earlier partial poll already took. */
  items: Item[];
  skip: number;
  backfill: Set<string>;
  fetchedAt: Date;
  started: Date;
  release: { name: string; owner: string };
  leaseMs: number;
  report: PollReport;
}

/** A poll lease: long enough for the fetch deadline plus parsing and the ingest; a crashed replica's lease frees soon after. */
export function pollLeaseMs(deps: PollDeps): number {
  return (deps.settings.fetch.timeoutMs ?? 15_000) * 2 + 5_000;
}

/** A cycle's sources leased together (`leaseSources`): what each one's lease read, and when. */
export interface CycleLease {
  leases: Map<string, SourceLease>;
  at: number;
}

/**
 * Leases a cycle's sources in one atomic step, so replicas that start a cycle at once do not split
 * a burst between them: one takes the cycle, and its items are decided together, oldest first.
 * Undefined when that fails (the store is failing): each source then leases its own as it starts.
 */
export async function leaseCycle(names: readonly string[], deps: PollDeps): Promise<CycleLease | undefined> {
  if (!names.length) return undefined;
  const at = (deps.now ?? (() => new Date()))().getTime();
  try {
    return { leases: await deps.store.leaseSources(names, deps.owner, pollLeaseMs(deps)), at };
  } catch (err) {
    deps.log.warn({ code: (err as { code?: string }).code }, `leasing the cycle failed: ${(err as Error).message}; leasing source by source`);
    return undefined;
  }
}

/** The report of a poll that threw where it should not have (logged; the other sources go on). */
export function crashedPoll(name: string, err: unknown, deps: Pick<PollDeps, 'log'>): PollReport {
  deps.log.error({ err, source: name }, 'poll crashed');
  return { source: name, outcome: 'error', items: 0, fresh: 0, duplicates: 0, delivered: 0, error: String(err) };
}

/**
 * A source's lease from its cycle; null when another replica holds it. When the fetch waited long
 * for a slot (a big cycle on a slow network) the lease is taken again first: leases are re-entrant,
 * so this refreshes it, or takes it back with a fresh state if it lapsed and nobody else took it.
 */
async function heldLease(name: string, cycle: CycleLease, deps: PollDeps, at: Date): Promise<SourceLease | null> {
  const lease = cycle.leases.get(name);
  if (!lease) return null;
  const ttl = pollLeaseMs(deps);
  return at.getTime() - cycle.at > ttl / 3 ? deps.store.leaseSource(name, deps.owner, ttl) : lease;
}

/**
 * The first half of a poll: lease → due check → fetch → parse → normalize. Returns the final report
 * when there is nothing to ingest (leased elsewhere, not due, not modified, failed), else the feed.
 */
export async function fetchForPoll(
  source: SourceConfig,
  deps: PollDeps,
  opts: { force?: boolean; leased?: CycleLease } = {},
): Promise<PollReport | FetchedSource> {
  const now = deps.now ?? (() => new Date());
  const report: PollReport = { source: source.name, outcome: 'ok', items: 0, fresh: 0, duplicates: 0, delivered: 0 };
  const intervalMs = source.interval ?? deps.settings.defaultIntervalMs;
  const leaseMs = pollLeaseMs(deps);
  const lease = opts.leased ? await heldLease(source.name, opts.leased, deps, now()) : await deps.store.leaseSource(source.name, deps.owner, leaseMs);
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
    const onDate: NormalizeContext['onDate'] = (n) =>
      deps.log[n.reason === 'future' ? 'warn' : 'debug'](
        { source: source.name, date: n.raw, parsed: n.parsed },
        n.reason === 'future' ? 'feed date is in the future; using the fetch time' : 'feed date unreadable; using the fetch time',
      );
    const items = uniqueById(
      await normalizeAll(feed.entries, { source: source.name, lang: source.lang, timezone: source.timezone, fetchedAt, baseUrl: res.finalUrl, onDate }),
    );
    const { resume: _done, ...rest } = state;
    const next = succeeded({ ...rest, etag: res.etag, lastModified: res.lastModified }, source, intervalMs, now());
    next.initialized = true;
    next.itemsSeen = (prev.itemsSeen ?? 0) + items.length;
    const skip = resumeSkip(prev.resume, items);
    const backfill = !prev.initialized ? newestIds(items, source.backfill) : new Set<string>();
    return { source, prev, state, next, items, skip, backfill, fetchedAt, started, release, leaseMs, report };
  } catch (err) {
    endTimer();
    return await failed(err, state, prev, source, deps, report, release, now());
  }
}

export function isFetched(r: PollReport | FetchedSource): r is FetchedSource {
  return typeof r.source !== 'string';
}

/** One source polled as a cycle of its own (fetch, then the same oldest-first ingest as a cycle). */
export async function pollSource(source: SourceConfig, deps: PollDeps, opts: { force?: boolean } = {}): Promise<PollReport> {
  const fetched = await fetchForPoll(source, deps, opts);
  if (!isFetched(fetched)) return fetched;
  return (await ingestFetched([fetched], deps))[0];
}

/**
 * The second half of a poll cycle over many sources (`pollAll`): every fetched source's items are
 * ingested together, oldest first, so a story's first report is archived before its retellings
 * whatever feed each came from (as items arriving one poll at a time would be). Slices of items are
 * assessed per source (each with its own hints) and ingested in date order, yielding between slices;
 * the next slice is assessed while the store ingests the current one.
 * The cycle takes every item: the leases of the sources still being ingested are renewed as they
 * age, and a source whose lease was lost (another replica took it over) stops here, partial.
 */
export async function ingestFetched(all: FetchedSource[], deps: PollDeps): Promise<PollReport[]> {
  const now = deps.now ?? (() => new Date());
  if (!all.length) return [];
  const size = Math.max(1, deps.settings.sliceSize ?? 200);
  const queue = all
    .flatMap((f) => f.items.slice(f.skip).map((item, i) => ({ f, item, i })))
    .sort((a, b) => a.item.published.localeCompare(b.item.published) || a.f.source.name.localeCompare(b.f.source.name) || b.i - a.i);
  const leasedAt = new Map(all.map((f) => [f, f.started.getTime()]));
  const stopped = new Map<FetchedSource, unknown>();
  let subs: Subscription[] = [];
  let chat: ChatRouting | undefined;
  try {
    subs = await deps.subscriptions();
    chat = await deps.chat?.();
  } catch (err) {
    for (const f of all) stopped.set(f, err);
  }
  // One source's ingest saves its state with its last slice, so a poll stays at three round trips on Redis.
  const single = all.length === 1 ? all[0] : undefined;
  let savedWithLastSlice = false;
  const prepare = (start: number): Promise<PreparedSlice | undefined> => {
    const slice = queue.slice(start, start + size).filter((q) => !stopped.has(q.f));
    return slice.length ? prepareSlice(slice, deps, subs, chat) : Promise.resolve(undefined);
  };
  // Slice i + 1 is assessed while slice i is in the store (a Redis script runs on the server's
  // core meanwhile); it is ingested only after slice i is, so the order of decisions is unchanged.
  let next = prepare(0);
  for (let i = 0; i < queue.length && stopped.size < all.length; i += size) {
    const prepared = await next;
    next = i + size < queue.length && stopped.size < all.length ? yieldToLoop().then(() => prepare(i + size)) : Promise.resolve(undefined);
    if (!prepared) continue;
    if ('error' in prepared) {
      for (const f of prepared.sources) if (!stopped.has(f)) stopped.set(f, prepared.error);
      continue;
    }
    // A source stopped since the slice was assessed (the slice before failed) takes no part.
    let { slice, entries } = withoutStopped(prepared, stopped);
    if (!slice.length) continue;
    const sources = new Set(slice.map((q) => q.f));
    try {
      await renewAging(sources, leasedAt, stopped, deps, now());
      ({ slice, entries } = withoutStopped({ slice, entries }, stopped));
      if (!slice.length) continue;
      const last = single !== undefined && i + size >= queue.length;
      const outcomes = await deps.store.ingest({
        entries,
        matcher: deps.matcher,
        retentionSec: deps.settings.retentionSec,
        now: now(),
        ...(last ? { sourceState: single.next, release: single.release } : {}),
      });
      if (last) savedWithLastSlice = true;
      for (const [f, ks] of bySourceOf(slice))
        countOutcomes(
          f.report,
          ks.map((k) => entries[k]),
          ks.map((k) => outcomes[k]),
          deps.metrics,
        );
    } catch (err) {
      // This slice failed (the store, most likely): its sources fail this poll and their items are
      // read again on the next one (what was ingested is seen); the other sources go on.
      for (const f of sources) if (!stopped.has(f)) stopped.set(f, err);
    }
  }
  // Settled before the reports (it never rejects): nothing is left running after the cycle.
  await next;
  const reports: PollReport[] = [];
  for (const f of all) {
    const err = stopped.get(f);
    try {
      if (err instanceof LeaseLost) {
        deps.metrics.polls.inc({ outcome: 'partial' });
        deps.log.warn(
          { source: f.source.name, done: f.report.items, items: f.items.length },
          'lease taken over mid-cycle; the replica holding it polls the rest',
        );
        reports.push({ ...f.report, partial: true });
      } else if (err !== undefined) {
        reports.push(await failed(err, f.state, f.prev, f.source, deps, f.report, f.release, now()));
      } else {
        if (!savedWithLastSlice) await deps.store.saveSourceState(f.next, f.release);
        deps.metrics.polls.inc({ outcome: 'ok' });
        await recovered(f.prev, f.source, deps);
        reports.push(f.report);
      }
    } catch (e) {
      reports.push(await failed(e, f.state, f.prev, f.source, deps, f.report, f.release, now()));
    }
  }
  return reports;
}

interface QueuedItem {
  f: FetchedSource;
  item: Item;
  /** Position in its feed. */
  i: number;
}

type PreparedSlice = { slice: QueuedItem[]; entries: IngestEntry[] } | { error: unknown; sources: Set<FetchedSource> };

/** Items assessed per call: between calls the loop serves a store ingest in flight. A multiple of the assessor's 4 model requests at once. */
const ASSESS_CHUNK = 32;

/** The slice's items (and their entries) whose source has not stopped. */
function withoutStopped(
  p: { slice: QueuedItem[]; entries: IngestEntry[] },
  stopped: Map<FetchedSource, unknown>,
): { slice: QueuedItem[]; entries: IngestEntry[] } {
  if (!p.slice.some((q) => stopped.has(q.f))) return p;
  const keep = p.slice.flatMap((q, k) => (stopped.has(q.f) ? [] : [k]));
  return { slice: keep.map((k) => p.slice[k]), entries: keep.map((k) => p.entries[k]) };
}

/** Positions in the slice of each source's items, in slice order. */
function bySourceOf(slice: QueuedItem[]): Map<FetchedSource, number[]> {
  const bySource = new Map<FetchedSource, number[]>();
  slice.forEach((q, k) => {
    const ks = bySource.get(q.f);
    if (ks) ks.push(k);
    else bySource.set(q.f, [k]);
  });
  return bySource;
}

/**
 * A slice's entries: items assessed per source (each with its own hints) in chunks, with a yield
 * between chunks; entry k is slice[k]'s. Never rejects: a failure is returned for the slice's sources.
 */
async function prepareSlice(slice: QueuedItem[], deps: PollDeps, subs: Subscription[], chat: ChatRouting | undefined): Promise<PreparedSlice> {
  try {
    const entries = new Array<IngestEntry>(slice.length);
    let first = true;
    for (const [f, ks] of bySourceOf(slice)) {
      for (let c = 0; c < ks.length; c += ASSESS_CHUNK) {
        if (!first) await yieldToLoop();
        first = false;
        const part = ks.slice(c, c + ASSESS_CHUNK);
        const items = part.map((k) => slice[k].item);
        const assessments = await deps.assessor.assess(items, { firms: f.source.firms, topics: f.source.topics });
        buildEntries(items, assessments, f.source, f.prev, deps, f.fetchedAt, f.backfill, subs, chat).forEach((e, j) => (entries[part[j]] = e));
      }
    }
    return { slice, entries };
  } catch (error) {
    return { error, sources: new Set(slice.map((q) => q.f)) };
  }
}

class LeaseLost extends Error {}

/** Renews the leases of these sources once a third of their term has passed; a lost lease stops its source. */
async function renewAging(
  sources: Iterable<FetchedSource>,
  leasedAt: Map<FetchedSource, number>,
  stopped: Map<FetchedSource, unknown>,
  deps: PollDeps,
  at: Date,
): Promise<void> {
  for (const f of sources) {
    if (at.getTime() - (leasedAt.get(f) ?? 0) < f.leaseMs / 3) continue;
    if (await deps.store.renewLease(f.source.name, deps.owner, f.leaseMs)) leasedAt.set(f, at.getTime());
    else stopped.set(f, new LeaseLost(`lease on ${f.source.name} lost`));
  }
}

/**
 * Parses the body. A quiet feed comes back as `entries: []`; an empty body, a page that is not a
 * feed or a parse failure throws, and is a failure of the source (backoff, then the admins are told).
 */
async function parseOrEmpty(deps: PollDeps, text: string, baseUrl: string, source: SourceConfig): Promise<ParsedFeed> {
  return deps.parseFeed(text, { baseUrl, kind: source.kind });
}

function uniqueById(items: Item[]): Item[] {
  const seen = new Set<string>();
  return items.filter((i) => (seen.has(i.id) ? false : (seen.add(i.id), true)));
}

/** RawEntry → Item, a slice at a time with a yield in between (10,000 entries take a while). */
async function normalizeAll(raws: RawEntry[], ctx: Parameters<typeof normalizeEntry>[1]): Promise<Item[]> {
  const out: Item[] = [];
  for (let i = 0; i < raws.length; i += NORMALIZE_SLICE) {
    if (i > 0) await yieldToLoop();
    for (const raw of raws.slice(i, i + NORMALIZE_SLICE)) out.push(normalizeEntry(raw, ctx));
  }
  return out;
}

const NORMALIZE_SLICE = 500;

/**
 * Items at the top of the feed a partial poll already took, when the feed's top is unchanged: a
 * `resume` hint left by an earlier version of the bot, which stopped a poll at a time budget.
 */
function resumeSkip(resume: SourceState['resume'], items: Item[]): number {
  if (!resume || !items.length || items[0].id !== resume.first) return 0;
  return Math.max(0, Math.min(resume.done, items.length));
}

function buildEntries(
  items: Item[],
  assessments: Assessment[],
  source: SourceConfig,
  prev: SourceState,
  deps: PollDeps,
  now: Date,
  backfill: Set<string>,
  subs: Subscription[],
  chat: ChatRouting | undefined,
): IngestEntry[] {
  const firstPoll = !prev.initialized;
  const oldest = now.getTime() - deps.settings.maxAgeHours * 3600_000;
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
      targets: deliverable ? routeWithChat({ ...item, assessment }, routeAlert({ assessment }, deps.routes, subs), chat, now) : [],
    };
  });
}

function countOutcomes(report: PollReport, entries: IngestEntry[], outcomes: IngestOutcome[], metrics: Metrics): void {
  report.items += entries.length;
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
  const wait = disabled
    ? deps.settings.maxBackoffMs
    : backoffMs(failures, source.interval ?? deps.settings.defaultIntervalMs, deps.settings.maxBackoffMs, deps.random);
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
