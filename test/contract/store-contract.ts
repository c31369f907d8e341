// The store contract: every backend (sqlite, redis) must pass all of it.
// Usage: runStoreContract('sqlite', () => Promise.resolve(SqliteStore.open({ file: ':memory:' })));
import { afterEach, beforeEach, describe } from 'vitest';
import type { Store } from '../../src/store/store.js';
import { chatContract } from './store-contract-chat.js';
import { archiveContract } from './store-contract-archive.js';
import { ingestContract } from './store-contract-ingest.js';
import { outboxContract } from './store-contract-outbox.js';
import { searchContract } from './store-contract-search.js';
import { sourcesContract } from './store-contract-sources.js';
import { stateContract } from './store-contract-state.js';

export type StoreGetter = () => Store;

export function runStoreContract(name: string, makeStore: () => Promise<Store>, cleanup?: (s: Store) => Promise<void>): void {
  describe(`store contract: ${name}`, () => {
    let store: Store | undefined;
    beforeEach(async () => {
      store = await makeStore();
    });
    afterEach(async () => {
      if (!store) return;
      const s = store;
      store = undefined;
      if (cleanup) await cleanup(s);
      else await s.close();
    });
    const get: StoreGetter = () => {
      if (!store) throw new Error('store not open');
      return store;
    };
    describe('sources and leases', () => sourcesContract(get));
    describe('ingest', () => ingestContract(get));
    describe('archive', () => archiveContract(get));
    describe('search', () => searchContract(get));
    describe('subscriptions, digests, once, cache, purge', () => stateContract(get));
    describe('outbox', () => outboxContract(get));
    describe('chat: sources, watches, feedback, mutes', () => chatContract(get));
  });
}
