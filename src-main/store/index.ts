/** The encrypted SQLite store: open (key from the keychain), migrations, backup and restore. */
export { openStore, resolveDataDir, restoreBackup, StoreError, type OpenStoreOptions, type RestoreOptions, type Store, type StoreErrorCode } from './store';
