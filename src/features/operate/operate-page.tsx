import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/page-header';
import { UnderConstruction } from '../../components/under-construction';

/** Operator's dose screen (#/operar). */
export function OperatePage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('operate.title')} lead={t('operate.lead')} />
      <UnderConstruction
        planned={[t('operate.planned1'), t('operate.planned2'), t('operate.planned3')]}
      />
    </>
  );
}
