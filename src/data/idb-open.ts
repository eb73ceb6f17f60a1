import { openDB, type DBSchema, type IDBPDatabase, type StoreNames } from 'idb';

/**
 * A memoised opener for one of the app's IndexedDB databases (datasets, local packs): opened on
 * first use, shared by every call after, and forgotten when opening fails (so the next call
 * retries) or when a newer version of the app in another tab needs to upgrade the schema (the
 * connection is closed to let it). Version 1 creates `stores`, each keyed by `id`.
 */
export function memoisedDbOpener<Schema extends DBSchema>(
  name: string,
  version: number,
  stores: readonly StoreNames<Schema>[],
): () => Promise<IDBPDatabase<Schema>> {
  let db: Promise<IDBPDatabase<Schema>> | undefined;
  return () => {
    const p = (db ??= openDB<Schema>(name, version, {
      upgrade(database, oldVersion) {
        if (oldVersion < 1)
          for (const store of stores) database.createObjectStore(store, { keyPath: 'id' });
      },
      blocking() {
        void p.then((d) => d.close());
        db = undefined;
      },
    }));
    p.catch(() => {
      if (db === p) db = undefined;
    });
    return p;
  };
}
