/**
 * Record scanning shared by every pass of the parser, with two engines that accept and reject
 * exactly the same records:
 *
 * - `papaparse` (string mode, chunked, no dynamicTyping): any text, RFC 4180 quoting.
 * - `fast`: text without a single `"`, where CSV reduces to splitting lines and fields (what
 *   papaparse's own fastMode does). It hands the sink field *ranges* into the text, so number
 *   cells are parsed in place without allocating a string per cell; this is where the speed is.
 *
 * Quotes (RFC 4180): a quote opens a quoted field only at the field's start; a quote inside an
 * unquoted field is literal text (`12" pvc`). A quoted field that never closes, or whose closing
 * quote is followed by anything but a delimiter or a line end, throws `unbalanced-quotes`.
 *
 * Row rules (see ingest-report.ts): blank records are skipped; the first non-blank record is the
 * header when there is one; a record is accepted when its field count equals the column count,
 * or has one extra empty trailing field, or (header ending with an empty name) one field less.
 */
import Papa from 'papaparse';
import type * as PapaTypes from 'papaparse';
import type { Delimiter } from './detect-dialect';
import type { RowRejectCount, RowRejectReason } from './ingest-report';
import { IngestError } from './ingest-report';

export type ScanEngine = 'papaparse' | 'fast';

export interface IngestHooks {
  /** Called after each chunk with bytes done and the file's byte length. */
  onProgress?: (bytesDone: number, bytesTotal: number) => void;
  /** Polled between chunks; true aborts with IngestError `cancelled`. */
  shouldCancel?: () => boolean;
}

/** Receives accepted records in one of two shapes, depending on the engine. */
export interface RowSink {
  /** A record as strings (papaparse). `length` may be columnCount ± 1 (see row rules). */
  strings(row: readonly string[], length: number): void;
  /** A record as [start, end) ranges into `text` (fast engine). */
  ranges(text: string, starts: Int32Array, ends: Int32Array, length: number): void;
  /**
   * Optional, fast engine: take the data record starting at `start` whole, in one pass. Returns
   * the index after its line end when the record was accepted and written as a row, or -1 to
   * have it split and handed to `ranges` (see parse-csv.ts for which records it takes).
   */
  line?: (text: string, start: number) => number;
}

export interface ScanSetup {
  text: string;
  newline: '\n' | '\r\n';
  delimiter: Delimiter;
  hasHeader: boolean;
  columnCount: number;
  headerEndsEmpty: boolean;
  chunkSize: number;
  bytesTotal: number;
}

export interface ScanStats {
  /** Records seen, blank ones included (1-based record numbers in reports refer to these). */
  records: number;
  rowsRead: number;
  blank: number;
  rejected: Map<RowRejectReason, RowRejectCount>;
}

/** The engine `auto` picks: fast for text without quotes. */
export function chooseEngine(text: string, requested: 'auto' | ScanEngine = 'auto'): ScanEngine {
  if (requested === 'papaparse') return 'papaparse';
  return text.includes('"') ? 'papaparse' : 'fast';
}

function newStats(): ScanStats {
  return { records: 0, rowsRead: 0, blank: 0, rejected: new Map() };
}

function countReject(stats: ScanStats, reason: RowRejectReason, length: number): void {
  const entry = stats.rejected.get(reason);
  if (entry) entry.count++;
  else
    stats.rejected.set(reason, {
      reason,
      count: 1,
      firstRecord: stats.records,
      firstFieldCount: length,
    });
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 13 || c === 10 || c === 160 || c === 0xfeff;
}

function isBlankString(cell: string): boolean {
  for (let i = 0; i < cell.length; i++) if (!isSpace(cell.charCodeAt(i))) return false;
  return true;
}

/**
 * Accept (true) or reject (false, counted) a non-blank data record by its field count.
 * `lastIsBlank` tells whether the record's last field is blank (only read when it matters).
 */
function accepts(
  stats: ScanStats,
  setup: ScanSetup,
  length: number,
  lastIsBlank: boolean,
): boolean {
  const n = setup.columnCount;
  if (length === n) return true;
  if (length === n + 1 && lastIsBlank) return true;
  if (length === n - 1 && setup.headerEndsEmpty) return true;
  countReject(stats, length > n ? 'too-many-fields' : 'too-few-fields', length);
  return false;
}

function progress(hooks: IngestHooks, setup: ScanSetup, chars: number): boolean {
  hooks.onProgress?.(
    Math.min(setup.bytesTotal, Math.round((chars / setup.text.length) * setup.bytesTotal)),
    setup.bytesTotal,
  );
  return hooks.shouldCancel?.() === true;
}

// Papaparse streams strings in chunks too (StringStreamer); its typings only allow `chunk` for
// files, hence this wider config type and the cast at the call.
type StringChunkConfig = PapaTypes.ParseConfig<string[]> & {
  chunkSize: number;
  chunk: (results: PapaTypes.ParseResult<string[]>, parser: PapaTypes.Parser) => void;
};

function scanPapaparse(setup: ScanSetup, sink: RowSink, hooks: IngestHooks): ScanStats {
  const { text } = setup;
  const stats = newStats();
  let headerPending = setup.hasHeader;
  let cancelled = false;
  let unbalancedAt = -1;
  const config: StringChunkConfig = {
    delimiter: setup.delimiter,
    newline: setup.newline,
    quoteChar: '"',
    escapeChar: '"',
    header: false,
    dynamicTyping: false,
    skipEmptyLines: false,
    chunkSize: setup.chunkSize,
    chunk: (results, parser) => {
      const data = results.data;
      const base = stats.records;
      for (const error of results.errors) {
        // InvalidQuotes: text after a closing quote (`"abc"def`, or an unquoted formula whose
        // second argument starts a field with a quote). Papaparse then hunts for a later quote
        // and silently merges the records in between, so the split cannot be trusted: refuse
        // the file just as for a quote that never closes.
        if ((error.code === 'MissingQuotes' || error.code === 'InvalidQuotes') && unbalancedAt < 0)
          unbalancedAt = base + (error.row ?? 0) + 1;
      }
      if (unbalancedAt >= 0) {
        parser.abort();
        return;
      }
      const atEnd = results.meta.cursor >= text.length;
      for (let k = 0; k < data.length; k++) {
        const row = data[k]!;
        const length = row.length;
        // Papaparse yields one empty record after a final newline: not a record of the file.
        if (atEnd && k === data.length - 1 && length === 1 && row[0] === '') continue;
        stats.records++;
        let blank = true;
        for (let c = 0; c < length; c++)
          if (!isBlankString(row[c]!)) {
            blank = false;
            break;
          }
        if (blank) {
          stats.blank++;
          continue;
        }
        if (headerPending) {
          headerPending = false;
          continue;
        }
        stats.rowsRead++;
        const lastIsBlank = length !== setup.columnCount && isBlankString(row[length - 1]!);
        if (!accepts(stats, setup, length, lastIsBlank)) continue;
        sink.strings(row, length);
      }
      if (progress(hooks, setup, results.meta.cursor)) {
        cancelled = true;
        parser.abort();
      }
    },
  };
  Papa.parse(text, config as PapaTypes.ParseConfig<string[]>);
  if (cancelled) throw new IngestError('cancelled');
  if (unbalancedAt >= 0) throw new IngestError('unbalanced-quotes', { record: unbalancedAt });
  return stats;
}

function scanFast(setup: ScanSetup, sink: RowSink, hooks: IngestHooks): ScanStats {
  const { text } = setup;
  const stats = newStats();
  const n = text.length;
  const delim = setup.delimiter.charCodeAt(0);
  const crlf = setup.newline === '\r\n';
  let capacity = Math.max(16, setup.columnCount + 2);
  let starts = new Int32Array(capacity);
  let ends = new Int32Array(capacity);
  let headerPending = setup.hasHeader;
  let nextReport = setup.chunkSize;
  let pos = 0;
  const line = sink.line;
  while (pos < n) {
    if (line !== undefined && !headerPending) {
      const next = line(text, pos);
      if (next >= 0) {
        stats.records++;
        stats.rowsRead++;
        pos = next;
        if (pos >= nextReport) {
          nextReport = pos + setup.chunkSize;
          if (progress(hooks, setup, Math.min(pos, n))) throw new IngestError('cancelled');
        }
        continue;
      }
    }
    // Split one line into field ranges.
    let length = 0;
    let start = pos;
    let i = pos;
    for (;;) {
      const c = i < n ? text.charCodeAt(i) : 10;
      if (c === delim || c === 10) {
        if (length === capacity) {
          capacity *= 2;
          const s2 = new Int32Array(capacity);
          const e2 = new Int32Array(capacity);
          s2.set(starts);
          e2.set(ends);
          starts = s2;
          ends = e2;
        }
        let end = i;
        if (c === 10 && crlf && end > start && text.charCodeAt(end - 1) === 13) end--;
        starts[length] = start;
        ends[length] = end;
        length++;
        start = i + 1;
        if (c === 10) break;
      }
      i++;
    }
    pos = i + 1;
    stats.records++;

    let blank = true;
    for (let f = 0; f < length && blank; f++)
      for (let k = starts[f]!; k < ends[f]!; k++)
        if (!isSpace(text.charCodeAt(k))) {
          blank = false;
          break;
        }
    if (blank) stats.blank++;
    else if (headerPending) headerPending = false;
    else {
      stats.rowsRead++;
      let lastIsBlank = length !== setup.columnCount;
      if (lastIsBlank)
        for (let k = starts[length - 1]!; k < ends[length - 1]!; k++)
          if (!isSpace(text.charCodeAt(k))) {
            lastIsBlank = false;
            break;
          }
      if (accepts(stats, setup, length, lastIsBlank)) sink.ranges(text, starts, ends, length);
    }

    if (pos >= nextReport) {
      nextReport = pos + setup.chunkSize;
      if (progress(hooks, setup, Math.min(pos, n))) throw new IngestError('cancelled');
    }
  }
  if (progress(hooks, setup, n)) throw new IngestError('cancelled');
  return stats;
}

export function scanRecords(
  engine: ScanEngine,
  setup: ScanSetup,
  sink: RowSink,
  hooks: IngestHooks,
): ScanStats {
  return engine === 'fast' ? scanFast(setup, sink, hooks) : scanPapaparse(setup, sink, hooks);
}
