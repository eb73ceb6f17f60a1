import type { SliceCreator } from './app-store';

/**
 * What the operator typed on the Operate screen, kept for the session (not persisted) so that
 * reading a model card in another area and coming back does not lose the readings. Only edited
 * fields are here; untouched ones take automatic values (clock, log, defaults).
 */
export interface OperateSessionState {
  readingEdits: Record<string, string>;
}

export interface OperateSessionActions {
  /** Set a field's text; undefined returns it to its automatic value. */
  setReadingEdit: (inputId: string, text: string | undefined) => void;
  clearReadingEdits: () => void;
}

export type OperateSessionSlice = OperateSessionState & OperateSessionActions;

export const createOperateSessionSlice: SliceCreator<OperateSessionSlice> = (set) => ({
  readingEdits: {},
  setReadingEdit: (inputId, text) =>
    set((s) => {
      const next = { ...s.readingEdits };
      if (text === undefined) delete next[inputId];
      else next[inputId] = text;
      return { readingEdits: next };
    }),
  clearReadingEdits: () => set({ readingEdits: {} }),
});
