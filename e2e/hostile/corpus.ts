/**
 * The committed hostile corpus (issue #8): every file of e2e/fixtures/hostile and its expected
 * outcome from expected.json there. Read by e2e/hostile.spec.ts (through the browser) and by
 * src/data/ingest/hostile-corpus.test.ts (the parser alone, in Node), so a parser change that
 * alters an outcome fails fast in the unit tests before it fails in Chromium.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { IngestErrorCode, IngestWarningCode } from '../../src/data/ingest/ingest-report';
import type { DateTimeFormatId } from '../../src/data/ingest/parse-datetime';
import type { ColumnKind } from '../../src/data/data-table';

export const HOSTILE_DIR = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  'fixtures',
  'hostile',
);

interface Common {
  /** What the file is and why the outcome is right (for people). */
  note: string;
}

export interface HostileError extends Common {
  error: IngestErrorCode;
}

export interface HostileTable extends Common {
  rows: number;
  columns: number;
  /** Encoding used, as the dataset card shows it. */
  encoding?: string;
  delimiter?: ',' | ';' | '\t' | '|';
  decimal?: '.' | ',';
  /** Date-time format per column name. */
  dateFormats?: Record<string, DateTimeFormatId>;
  /** Column kind per column name. */
  kinds?: Record<string, ColumnKind>;
  /** Notes the report must carry. */
  warnings?: IngestWarningCode[];
  /** Strings that must show literally (as text, never as markup) in the dataset's details. */
  text?: string[];
}

export type HostileExpectation = HostileError | HostileTable;

export interface HostileFile {
  name: string;
  path: string;
  expected: HostileExpectation;
}

export function isErrorExpectation(e: HostileExpectation): e is HostileError {
  return 'error' in e;
}

/** Every committed file with its expectation; throws when a file and expected.json disagree. */
export function hostileCorpus(): HostileFile[] {
  const doc = JSON.parse(readFileSync(join(HOSTILE_DIR, 'expected.json'), 'utf8')) as {
    files: Record<string, HostileExpectation>;
  };
  const names = readdirSync(HOSTILE_DIR)
    .filter((f) => f.endsWith('.csv'))
    .sort();
  const listed = Object.keys(doc.files).sort();
  const unlisted = names.filter((n) => !listed.includes(n));
  const absent = listed.filter((n) => !names.includes(n));
  if (unlisted.length > 0 || absent.length > 0)
    throw new Error(
      `expected.json and the folder disagree: no expectation for [${unlisted.join(', ')}], no file for [${absent.join(', ')}]`,
    );
  return names.map((name) => ({
    name,
    path: join(HOSTILE_DIR, name),
    expected: doc.files[name]!,
  }));
}

/** One line for the outcome table: `error: <id>` or `<rows> × <columns>`. */
export function describeOutcome(e: { error: string } | { rows: number; columns: number }): string {
  return 'error' in e ? `error: ${e.error}` : `${e.rows} rows × ${e.columns} cols`;
}
