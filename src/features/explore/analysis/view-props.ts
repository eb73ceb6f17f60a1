import type { ActiveDataset } from './use-active-dataset';

/** What every analysis view receives. */
export interface ViewProps {
  dataset: ActiveDataset;
  /** False while the view's tab is hidden (it stays mounted, keeping its state). */
  active: boolean;
}
