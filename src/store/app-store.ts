import { create, type StateCreator } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import { createDatasetsSlice, type DatasetsSlice } from './datasets-slice';
import { createLocalPacksSlice, type LocalPacksSlice } from './local-packs-slice';
import { createOperateSessionSlice, type OperateSessionSlice } from './operate-session-slice';
import { createOperatorLogSlice, type OperatorLogSlice } from './operator-log-slice';
import { createPackSlice, persistedPack, restorePack, type PackSlice } from './pack-slice';
import {
  createSettingsSlice,
  persistedSettings,
  restoreSettings,
  type SettingsSlice,
} from './settings-slice';

/**
 * The whole app state: the intersection of every slice.
 *
 * To add a slice (pack, operator log, datasets, ...):
 *   1. write `src/store/<name>-slice.ts` exporting `<Name>Slice` and
 *      `create<Name>Slice: SliceCreator<<Name>Slice>`;
 *   2. add `<Name>Slice` to `AppState` below;
 *   3. spread `create<Name>Slice(...a)` in `createAppState`;
 *   4. only if it must survive a reload, add its data to `partialize` and `merge`
 *      (large data such as datasets belongs in IndexedDB, not here).
 */
export type AppState = SettingsSlice &
  PackSlice &
  OperatorLogSlice &
  OperateSessionSlice &
  DatasetsSlice &
  LocalPacksSlice;

/** Middlewares wrapping the store, so slices see the right `set`/`get` types. */
type Middlewares = [['zustand/persist', unknown]];

/** A slice creator: gets the full store's `set`/`get`, returns its own part. */
export type SliceCreator<Slice> = StateCreator<AppState, Middlewares, [], Slice>;

/** localStorage key. Bump `STORE_VERSION` and add a `migrate` when the persisted shape changes. */
export const STORE_KEY = 'dosis-coagulante:app';
export const STORE_VERSION = 1;

const createAppState: SliceCreator<AppState> = (...a) => ({
  ...createSettingsSlice(...a),
  ...createPackSlice(...a),
  ...createOperatorLogSlice(...a),
  ...createOperateSessionSlice(...a),
  ...createDatasetsSlice(...a),
  ...createLocalPacksSlice(...a),
});

export const useAppStore = create<AppState>()(
  persist(createAppState, {
    name: STORE_KEY,
    version: STORE_VERSION,
    storage: createJSONStorage(() => localStorage),
    // Persist settings and the active pack only; the operator log lives in IndexedDB.
    partialize: (state) => ({ ...persistedSettings(state), ...persistedPack(state) }),
    merge: (persisted, current) => ({
      ...current,
      ...restoreSettings(persisted),
      ...restorePack(persisted),
    }),
  }),
);
