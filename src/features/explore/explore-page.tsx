import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/page-header';
import { UnderConstruction } from '../../components/under-construction';

/** Analyst's CSV analysis (#/explorar). */
export function ExplorePage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('explore.title')} lead={t('explore.lead')} />
      <UnderConstruction
        planned={[t('explore.planned1'), t('explore.planned2'), t('explore.planned3')]}
      />
    </>
  );
}
