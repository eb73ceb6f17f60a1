import { useTranslation } from 'react-i18next';
import { PageHeader } from '../components/page-header';
import { HOME_PATH, hashHref } from './areas';

/** Shown for any hash route that is not an area. */
export function NotFound({ path }: { path: string }) {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('notFound.title')} lead={t('notFound.body')} />
      <p>
        {/* The unknown address itself is data, not UI text. */}
        <code className="not-found-path" data-no-i18n>
          {hashHref(path)}
        </code>
      </p>
      <p>
        <a className="button-link" href={hashHref(HOME_PATH)}>
          {t('notFound.home')}
        </a>
      </p>
    </>
  );
}
