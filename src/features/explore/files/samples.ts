import type { DatasetOrigin } from '../../../data/dataset-db/dataset-record';

/** The sample sets shipped under public/samples/ (precached: they work offline). */
export interface SampleSet {
  id: 'cuenca-sintetica' | 'aguaclara';
  folder: string;
  files: readonly string[];
  origin: Extract<DatasetOrigin, 'sample-synthetic' | 'sample-real'>;
}

export const SAMPLE_SETS: readonly SampleSet[] = [
  {
    id: 'cuenca-sintetica',
    folder: 'cuenca-sintetica',
    files: ['lluvia-estaciones.csv', 'sensor-aguas-arriba.csv', 'bocatoma-planta.csv'],
    origin: 'sample-synthetic',
  },
  {
    id: 'aguaclara',
    folder: 'aguaclara',
    files: ['post_plant_reports.csv'],
    origin: 'sample-real',
  },
];

/** Fetch a sample set's files from the site (relative to the base path). */
export async function fetchSample(set: SampleSet): Promise<File[]> {
  return Promise.all(
    set.files.map(async (name) => {
      const response = await fetch(`${import.meta.env.BASE_URL}samples/${set.folder}/${name}`);
      if (!response.ok) throw new Error(`sample ${name}: HTTP ${response.status}`);
      const blob = await response.blob();
      return new File([blob], name, { type: 'text/csv' });
    }),
  );
}
