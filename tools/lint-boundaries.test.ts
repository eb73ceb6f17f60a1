/**
 * Proves the architecture rules in eslint.config.js bite: each case lints a
 * snippet as if it lived at a given path and checks which rule fires.
 * Import targets are real files, because import-x only checks imports it can resolve.
 */
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint, type Linter } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const at = (path: string) => join(root, path);

let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({ cwd: root });
});

async function lint(code: string, filePath: string): Promise<Linter.LintMessage[]> {
  const [result] = await eslint.lintText(code, { filePath: at(filePath) });
  if (!result) throw new Error('ESLint returned no result');
  return result.messages;
}

const errorsFrom = (messages: Linter.LintMessage[], ruleId: string) =>
  messages.filter((m) => m.severity === 2 && m.ruleId === ruleId);

/** Any real, non-test TypeScript module in src/domain, as a path relative to `fromDir`. */
function someDomainModule(fromDir: string): string {
  const walk = (dir: string): string | undefined => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isFile() && /(?<!\.test|\.d)\.ts$/.test(entry.name)) return path;
      if (entry.isDirectory()) {
        const found = walk(path);
        if (found) return found;
      }
    }
    return undefined;
  };
  const file = walk(at('src/domain'));
  if (!file) throw new Error('src/domain has no module to import');
  const specifier = relative(at(fromDir), file).replace(/\\/g, '/').replace(/\.ts$/, '');
  return specifier.startsWith('.') ? specifier : `./${specifier}`;
}

describe('layering enforced by ESLint', () => {
  it('uses real modules as import targets', () => {
    expect(existsSync(at('src/features/operate/operate-page.tsx'))).toBe(true);
    expect(existsSync(at('src/features/explore/explore-page.tsx'))).toBe(true);
  });

  it('rejects domain importing a feature', async () => {
    const messages = await lint(
      "import { OperatePage } from '../features/operate/operate-page';\nexport const page = OperatePage;\n",
      'src/domain/__lint-probe__.ts',
    );
    const errors = errorsFrom(messages, 'import-x/no-restricted-paths');
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toMatch(/domain/);
  });

  it('rejects a feature importing another feature', async () => {
    const messages = await lint(
      "import { OperatePage } from '../operate/operate-page';\nexport const page = OperatePage;\n",
      'src/features/explore/__lint-probe__.ts',
    );
    const errors = errorsFrom(messages, 'import-x/no-restricted-paths');
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toMatch(/features never import each other/);
  });

  it('rejects TF.js outside src/ml', async () => {
    const messages = await lint(
      "import * as tf from '@tensorflow/tfjs-core';\nexport const version = tf.version_core;\n",
      'src/features/models/__lint-probe__.ts',
    );
    const errors = errorsFrom(messages, 'no-restricted-imports');
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toMatch(/TF\.js/);
  });

  it('rejects papaparse outside src/data', async () => {
    const messages = await lint(
      "import Papa from 'papaparse';\nexport const parse = Papa.parse;\n",
      'src/features/explore/__lint-probe__.ts',
    );
    expect(errorsFrom(messages, 'no-restricted-imports')).toHaveLength(1);
  });

  it('accepts a legal import (feature → domain)', async () => {
    const dir = 'src/features/operate';
    const target = someDomainModule(dir);
    expect(existsSync(at(join(dir, `${target}.ts`)))).toBe(true);
    const messages = await lint(
      `import * as domain from '${target}';\nexport const api = domain;\n`,
      `${dir}/__lint-probe__.ts`,
    );
    expect(messages).toEqual([]);
  });
});
