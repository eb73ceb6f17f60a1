import type { ComponentType } from 'react';
import { ExplorePage } from '../features/explore/explore-page';
import { ModelsPage } from '../features/models/models-page';
import { OperatePage } from '../features/operate/operate-page';
import { ExploreIcon, ModelsIcon, OperateIcon } from './nav-icons';

export type AreaId = 'operate' | 'explore' | 'models';

export interface Area {
  id: AreaId;
  /** Hash route. Paths are Spanish in both languages, so links stay stable. */
  path: `/${string}`;
  /** i18n key of the navigation label. */
  labelKey: `nav.${AreaId}`;
  Page: ComponentType;
  Icon: ComponentType;
}

/** The three top-level areas, in navigation order. */
export const AREAS: readonly Area[] = [
  { id: 'operate', path: '/operar', labelKey: 'nav.operate', Page: OperatePage, Icon: OperateIcon },
  {
    id: 'explore',
    path: '/explorar',
    labelKey: 'nav.explore',
    Page: ExplorePage,
    Icon: ExploreIcon,
  },
  { id: 'models', path: '/modelos', labelKey: 'nav.models', Page: ModelsPage, Icon: ModelsIcon },
];

export const HOME_PATH = '/operar';

export function areaForPath(path: string): Area | undefined {
  return AREAS.find((area) => area.path === path);
}

/** `href` for a hash route, relative to the page, so it works under any base path. */
export function hashHref(path: string): string {
  return `#${path}`;
}
