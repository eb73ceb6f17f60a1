import { resolve } from 'node:path';
import { updatePackIndex } from './pack-index';

/**
 * npx tsx training/update-index.ts [models-dir]
 *   Regenerates <models-dir>/index.json (default public/models) from the pack folders in it, e.g.
 *   after extracting a pack exported from the Models area into public/models/<id>/.
 *   `npm run train` does the same after every training run.
 */
const dir = resolve(process.argv[2] ?? 'public/models');
updatePackIndex(dir);
console.log(`Wrote ${resolve(dir, 'index.json')}`);
