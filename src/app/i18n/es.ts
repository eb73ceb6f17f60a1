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
  operate: {
    title: 'Operar',
    lead: 'Pantalla del operador: registre la calidad del agua cruda y obtenga la dosis de coagulante recomendada por el conjunto de modelos, calculada en este dispositivo, sin conexión.',
    planned1: 'Ingresar las mediciones del agua cruda, como turbiedad y caudal.',
    planned2:
      'Ver la dosis recomendada con su rango de incertidumbre y el ajuste de la bomba dosificadora.',
    planned3: 'Registrar la dosis aplicada en la bitácora de operación.',
  },
  explore: {
    title: 'Explorar',
    lead: 'Área del analista: cargue un archivo CSV con el histórico de la planta y analícelo en el navegador; los datos no salen del dispositivo.',
    planned1: 'Cargar archivos CSV grandes y revisar columnas, unidades y datos faltantes.',
    planned2: 'Graficar series de tiempo y relaciones entre variables de calidad del agua y dosis.',
    planned3: 'Comparar las dosis históricas con las que recomiendan los modelos.',
  },
  models: {
    title: 'Modelos',
    lead: 'Paquetes de modelos, fichas técnicas y entrenamiento en el navegador: sepa qué modelos están cargados, con qué datos se entrenaron y qué tan bien funcionan.',
    planned1: 'Ver e instalar paquetes de modelos y su versión.',
    planned2:
      'Leer la ficha de cada modelo: datos de entrenamiento, error esperado y limitaciones.',
    planned3: 'Entrenar un modelo nuevo con los datos de su planta, sin salir del navegador.',
  },
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
