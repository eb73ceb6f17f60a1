import { openDB, type DBSchema, type IDBPDatabase, type StoreNames } from 'idb';

/**
 * A memoised opener for one of the app's IndexedDB databases (operator log, datasets, local
 * packs): opened on first use, shared by every call after, and forgotten when opening fails (so
 * the next call retries) or when a newer version of the app in another tab needs to upgrade the
 * schema (the connection is closed to let it). `upgrade` runs the schema steps past `oldVersion`.
 */
export function memoisedDbOpener<Schema extends DBSchema>(
  name: string,
  version: number,
  upgrade: (database: IDBPDatabase<Schema>, oldVersion: number) => void,
): () => Promise<IDBPDatabase<Schema>> {
  let db: Promise<IDBPDatabase<Schema>> | undefined;
  return () => {
    const p = (db ??= openDB<Schema>(name, version, {
      upgrade: (database, oldVersion) => upgrade(database, oldVersion),
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

/** Schema step 1 of a database whose stores are all keyed by `id`. */
export function createIdStores<Schema extends DBSchema>(stores: readonly StoreNames<Schema>[]) {
  return (database: IDBPDatabase<Schema>, oldVersion: number): void => {
    if (oldVersion < 1)
      for (const store of stores) database.createObjectStore(store, { keyPath: 'id' });
  };
}
