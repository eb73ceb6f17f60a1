/**
 * Module worker entry for CSV ingest. Created by ingest-client.ts with
 * `new Worker(new URL('./ingest.worker.ts', import.meta.url), { type: 'module' })`
 * (papaparse's own `worker: true` hangs in a Vite bundle, so we run it in our own worker).
 */
import { expose } from 'comlink';
import { ingestWorkerApi } from './ingest-worker-api';

expose(ingestWorkerApi);
