/**
 * Module worker running the explorer's heavy analysis (see analysis-protocol.ts), so a million
 * rows never freeze the page. Started by analysis-client.ts; keeps the tables the page sends it
 * (analysis-cache.ts) for later calls.
 */
import { expose } from 'comlink';
import { createWorkerAnalysisApi } from './analysis-api';

expose(createWorkerAnalysisApi());
