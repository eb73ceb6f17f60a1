import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/page-header';
import { useAppStore } from '../../store/app-store';
import { AnalysisSection } from './analysis/analysis-section';
import { DatasetList } from './files/dataset-list';
import { FilesSection } from './files/files-section';
import { useFileJobs } from './files/use-file-jobs';
import { JoinSection } from './join/join-section';
import './explore.css';

/**
 * Analyst's area (#/explorar): load CSV files (or the samples), check how they were read, join
 * them on time, keep them in IndexedDB, and analyse the chosen dataset. Everything runs in this
 * browser; heavy work runs in workers, and the charts load on demand.
 */
export function ExplorePage() {
  const { t } = useTranslation();
  const loadDatasets = useAppStore((s) => s.loadDatasets);
  const jobs = useFileJobs();

  useEffect(() => {
    void loadDatasets();
  }, [loadDatasets]);

  return (
    <div className="explore">
      <PageHeader title={t('explore.title')} lead={t('explore.lead')} />
      <FilesSection jobs={jobs} />
      <DatasetList jobs={jobs} />
      <JoinSection />
      <AnalysisSection />
    </div>
  );
}
