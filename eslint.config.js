// @ts-check
import { readdirSync } from 'node:fs';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

/** Feature folders under src/features: each may not import any other. */
const features = readdirSync(new URL('./src/features', import.meta.url), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name);

/**
 * One-way layering: domain → data / ml → store → components → features → app.
 * Each zone says which folder (target) may not import from which (from).
 */
const layerZones = [
  {
    target: './src/domain',
    from: [
      './src/data',
      './src/ml',
      './src/store',
      './src/components',
      './src/features',
      './src/app',
    ],
    message: 'domain is the pure core: it imports nothing from the layers above it.',
  },
  {
    target: './src/data',
    from: ['./src/ml', './src/store', './src/components', './src/features', './src/app'],
    message: 'data may import only domain.',
  },
  {
    target: './src/ml',
    from: ['./src/data', './src/store', './src/components', './src/features', './src/app'],
    message: 'ml may import only domain.',
  },
  {
    target: './src/store',
    from: ['./src/components', './src/features', './src/app'],
    message: 'store may not import UI.',
  },
  {
    target: './src/components',
    from: ['./src/features', './src/app'],
    message: 'shared components may not import features or the app shell.',
  },
  {
    target: './src/features',
    from: ['./src/app'],
    message: 'features may not import the app shell.',
  },
  ...features.map((name) => ({
    target: `./src/features/${name}`,
    from: './src/features',
    except: [`./${name}`],
    message: 'features never import each other; share through store, components or lower layers.',
  })),
];

const tfjsPatterns = ['@tensorflow/*'];

export default tseslint.config(
  {
    ignores: [
      'dist',
      'dist-pages',
      'dist-pages-*',
      'node_modules',
      'coverage',
      'test-results*',
      'playwright-report',
      'public',
      'bench/results',
      'e2e/fixtures',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [
        createTypeScriptImportResolver({
          project: ['tsconfig.json', 'tsconfig.node.json'],
          noWarnOnMultipleProjects: true,
        }),
      ],
    },
    languageOptions: {
      globals: { ...globals.browser, ...globals.node },
    },
    rules: {
      'import-x/no-restricted-paths': ['error', { zones: layerZones }],
      'import-x/no-cycle': ['error', { maxDepth: 10 }],
      'import-x/no-self-import': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      eqeqeq: ['error', 'always'],
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: tfjsPatterns, message: 'TF.js is imported only in src/ml and training/.' },
            { group: ['papaparse'], message: 'papaparse is imported only in src/data.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/ml/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [{ group: ['papaparse'], message: 'papaparse is imported only in src/data.' }],
        },
      ],
    },
  },
  {
    files: ['src/data/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: tfjsPatterns, message: 'TF.js is imported only in src/ml and training/.' },
          ],
        },
      ],
    },
  },
);
