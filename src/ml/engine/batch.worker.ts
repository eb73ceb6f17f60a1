import { expose } from 'comlink';
import { createBatchWorkerApi } from './batch-worker-api';

/** Module worker for batch predictions (started by batch-client.ts). */
expose(createBatchWorkerApi());
