/**
 * Module worker running the explorer's heavy analysis (see analysis-protocol.ts), so a million
 * rows never freeze the page. Started by analysis-client.ts.
 */
import { expose } from 'comlink';
import { workerAnalysisApi } from './analysis-api';

expose(workerAnalysisApi);
