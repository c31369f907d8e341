export { RedisStore, type RedisStoreOptions } from './store.js';
export { makeKeys, type Keys } from './keys.js';
