import type { Resources } from './es';

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
  operate: {
    title: 'Operate',
    lead: "Operator's screen: enter raw-water quality and get the coagulant dose recommended by the model ensemble, computed on this device, offline.",
    planned1: 'Enter raw-water measurements such as turbidity and flow.',
    planned2: 'See the recommended dose with its uncertainty range and the dosing-pump setting.',
    planned3: 'Record the applied dose in the operator log.',
  },
  explore: {
    title: 'Explore',
    lead: "Analyst's area: load a CSV file with the plant's history and analyse it in the browser; the data never leaves the device.",
    planned1: 'Load large CSV files and check columns, units and missing data.',
    planned2: 'Plot time series and relationships between water-quality variables and dose.',
    planned3: 'Compare historical doses with the ones the models recommend.',
  },
  models: {
    title: 'Models',
    lead: 'Model packs, model cards and in-browser training: see which models are loaded, what data they were trained on and how well they perform.',
    planned1: 'View and install model packs and their versions.',
    planned2: "Read each model's card: training data, expected error and limitations.",
    planned3: "Train a new model on your plant's data without leaving the browser.",
  },
  notFound: {
    title: 'Page not found',
    body: 'The requested address does not match any screen in the app:',
    home: 'Go to Operate',
  },
};
