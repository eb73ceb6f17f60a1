import type { Resources } from './es';
import { exploreEn } from './explore.en';
import { modelsEn } from './models.en';
import { operateEn } from './operate.en';

/**
 * English UI strings. Typed as `Resources`, so a missing key or an extra key
 * is a type error (`npm run typecheck`).
 */
export const en: Resources = {
  app: {
    name: 'Coagulant dose',
    tagline: 'Drinking-water treatment plant',
  },
  language: {
    groupLabel: 'Language',
    esShort: 'ES',
    enShort: 'EN',
    esName: 'Español',
    enName: 'English',
  },
  pwa: {
    updateAvailable: 'A new version of the app is available.',
    update: 'Update',
    later: 'Later',
  },
  nav: {
    label: 'App areas',
    operate: 'Operate',
    explore: 'Explore',
    models: 'Models',
  },
  status: {
    inProgress: 'Under construction',
    inProgressBody:
      'This area is still being built. It does not show any data or dose recommendations yet.',
    plannedHeading: 'What you will be able to do here',
  },
  operate: operateEn,
  explore: exploreEn,
  models: modelsEn,
  notFound: {
    title: 'Page not found',
    body: 'The requested address does not match any screen in the app:',
    home: 'Go to Operate',
  },
};
