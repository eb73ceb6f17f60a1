import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * public/models/index.json: the list of shipped packs. A static host cannot list a folder, so the
 * app reads this file to know which packs exist.
 */
export function updatePackIndex(modelsDir: string): void {
  const packs = readdirSync(modelsDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(modelsDir, d.name, 'manifest.json')))
    .map((d) => {
      const m = JSON.parse(readFileSync(join(modelsDir, d.name, 'manifest.json'), 'utf8')) as {
        id: string;
        title: { es: string; en: string };
        createdAt: string;
      };
      return {
        id: m.id,
        title: m.title,
        createdAt: m.createdAt,
        manifest: `${d.name}/manifest.json`,
      };
    })
    .sort((a, b) => a.id.localeCompare(b.id));
  writeFileSync(join(modelsDir, 'index.json'), `${JSON.stringify({ packs }, null, 1)}\n`);
}
