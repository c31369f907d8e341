export { SqliteStore, type SqliteStoreOptions } from './store.js';
export { DB_FILE } from './db.js';
export { MIGRATIONS, LATEST_VERSION, migrate, SchemaTooNewError, type Migration } from './migrations.js';
