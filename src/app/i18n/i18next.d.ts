import 'i18next';
import type { es } from './es';

// Typed keys: `t('nav.operate')` type-checks, `t('nav.oprate')` does not.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof es };
    returnNull: false;
  }
}
