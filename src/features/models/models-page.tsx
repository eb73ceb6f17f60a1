import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/page-header';
import { UnderConstruction } from '../../components/under-construction';

/** Model packs, model cards and in-browser training (#/modelos). */
export function ModelsPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('models.title')} lead={t('models.lead')} />
      <UnderConstruction
        planned={[t('models.planned1'), t('models.planned2'), t('models.planned3')]}
      />
    </>
  );
}
