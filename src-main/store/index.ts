/** The encrypted SQLite store: open (key from the keychain), migrations, backup and restore, and safe full-text queries. */
export { openReader, openStore, resolveDataDir, restoreBackup, StoreError, type OpenStoreOptions, type ConnectionAccess, type RestoreOptions, type Store, type StoreErrorCode } from './store';
export { ftsQuery, searchWords, type FtsQueryOptions } from './fts';
