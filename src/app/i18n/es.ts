import { exploreEs } from './explore.es';
import { modelsEs } from './models.es';
import { operateEs } from './operate.es';

/**
 * Spanish UI strings: the source of truth for keys.
 * `en.ts` must have exactly the same keys (enforced by the `Messages` type).
 * Every user-visible string in components comes from here through `t()`.
 */
export const es = {
  app: {
    name: 'Dosis de coagulante',
    tagline: 'Planta de potabilización',
  },
  language: {
    groupLabel: 'Idioma',
    // Endonyms and codes: identical in both languages on purpose.
    esShort: 'ES',
    enShort: 'EN',
    esName: 'Español',
    enName: 'English',
  },
  pwa: {
    updateAvailable: 'Hay una versión nueva de la aplicación.',
    update: 'Actualizar',
    later: 'Más tarde',
  },
  nav: {
    label: 'Áreas de la aplicación',
    operate: 'Operar',
    explore: 'Explorar',
    models: 'Modelos',
  },
  status: {
    inProgress: 'En construcción',
    inProgressBody:
      'Esta área todavía se está construyendo. Aún no muestra datos ni recomendaciones de dosis.',
    plannedHeading: 'Qué podrá hacer aquí',
  },
  operate: operateEs,
  explore: exploreEs,
  models: modelsEs,
  notFound: {
    title: 'Página no encontrada',
    body: 'La dirección solicitada no corresponde a ninguna pantalla de la aplicación:',
    home: 'Ir a Operar',
  },
} as const;

/** Same shape as `T`, with every leaf widened to `string`. */
export type Messages<T> = {
  [K in keyof T]: T[K] extends string ? string : Messages<T[K]>;
};

/** The shape every locale must have: exactly the keys of `es`. */
export type Resources = Messages<typeof es>;
