/**
 * Bytes → text. Detection order: a byte-order mark (UTF-8, UTF-16 LE/BE), UTF-16 without BOM
 * (a NUL in every other byte of ASCII text), strict UTF-8, else windows-1252 (a superset of the
 * printable part of Latin-1: `ñ`, `á` from Spanish Excel exports). Binary files are refused
 * before decoding.
 */
import { IngestError } from './ingest-report';

export type TextEncodingId = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export interface DecodeOptions {
  /** Force an encoding ('auto' or undefined = detect). A forced UTF-8 decodes leniently (U+FFFD). */
  encoding?: TextEncodingId | 'auto';
}

export interface DecodedText {
  text: string;
  /** Encoding used. */
  encoding: TextEncodingId;
  /** Encoding detection chose (equal to `encoding` unless overridden). */
  detected: TextEncodingId;
  bom: boolean;
}

/** How many leading bytes the binary check looks at. */
const SNIFF_BYTES = 64 * 1024;
/** Share of control bytes (other than tab, LF, CR, FF) above which a file is binary. */
const CONTROL_SHARE_LIMIT = 0.05;

export type BinaryKind = 'png' | 'zip' | 'pdf' | 'gzip' | 'ole' | 'jpeg' | 'gif' | 'unknown';

const SIGNATURES: readonly { kind: BinaryKind; bytes: readonly number[] }[] = [
  { kind: 'png', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  // ZIP: also .xlsx / .ods, so the UI can say "save as CSV".
  { kind: 'zip', bytes: [0x50, 0x4b, 0x03, 0x04] },
  { kind: 'pdf', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] },
  { kind: 'gzip', bytes: [0x1f, 0x8b] },
  // OLE compound file: legacy .xls.
  { kind: 'ole', bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1] },
  { kind: 'jpeg', bytes: [0xff, 0xd8, 0xff] },
  { kind: 'gif', bytes: [0x47, 0x49, 0x46, 0x38] },
];

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  if (bytes.length < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (bytes[i] !== prefix[i]) return false;
  return true;
}

function bomOf(bytes: Uint8Array): TextEncodingId | null {
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return 'utf-8';
  if (startsWith(bytes, [0xff, 0xfe])) return 'utf-16le';
  if (startsWith(bytes, [0xfe, 0xff])) return 'utf-16be';
  return null;
}

/**
 * UTF-16 without a BOM: ASCII-heavy text has a NUL in every other byte. Returns the byte order
 * when at least 90 % of the even (BE) or odd (LE) bytes of the sniffed prefix are NUL and almost
 * none of the others are.
 */
function utf16WithoutBom(bytes: Uint8Array): TextEncodingId | null {
  const n = Math.min(bytes.length, SNIFF_BYTES) & ~1;
  if (n < 4) return null;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenNul++;
    if (bytes[i + 1] === 0) oddNul++;
  }
  const half = n / 2;
  if (oddNul >= 0.9 * half && evenNul <= 0.01 * half) return 'utf-16le';
  if (evenNul >= 0.9 * half && oddNul <= 0.01 * half) return 'utf-16be';
  return null;
}

/** The binary kind of the bytes, or null when they look like text. */
export function sniffBinary(bytes: Uint8Array): BinaryKind | null {
  for (const sig of SIGNATURES) if (startsWith(bytes, sig.bytes)) return sig.kind;
  if (bomOf(bytes) !== null && bomOf(bytes) !== 'utf-8') return null;
  if (utf16WithoutBom(bytes) !== null) return null;
  const n = Math.min(bytes.length, SNIFF_BYTES);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b === 0) return 'unknown';
    // Tab, LF, FF, CR and ESC are tolerated; the rest of C0 counts against the file.
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0c && b !== 0x0d && b !== 0x1b) control++;
  }
  return n > 0 && control / n > CONTROL_SHARE_LIMIT ? 'unknown' : null;
}

/**
 * windows-1252 code points for bytes 0x80–0x9F (WHATWG index; the five undefined bytes map to
 * themselves). Browsers decode these, but Node's TextDecoder('windows-1252') is plain Latin-1
 * (0x80 → U+0080 instead of €), so they are repaired after decoding.
 */
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152,
  0x8d, 0x17d, 0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122,
  0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];
const C1_RE = /[\u0080-\u009f]/g;

function decodeWith(bytes: Uint8Array, encoding: TextEncodingId, fatal: boolean): string {
  // The WHATWG decoder strips a BOM of its own encoding (ignoreBOM: false).
  const text = new TextDecoder(encoding, { fatal }).decode(bytes);
  if (encoding !== 'windows-1252' || !/[\u0080-\u009f]/.test(text)) return text;
  return text.replace(C1_RE, (ch) => String.fromCharCode(CP1252_HIGH[ch.charCodeAt(0) - 0x80]!));
}

/**
 * Decode a file's bytes. Throws IngestError `empty-file` (no bytes or only whitespace) or
 * `binary-file` (details.kind = BinaryKind).
 */
export function decodeText(bytes: Uint8Array, options: DecodeOptions = {}): DecodedText {
  if (bytes.length === 0) throw new IngestError('empty-file');
  const binary = sniffBinary(bytes);
  if (binary !== null) throw new IngestError('binary-file', { kind: binary });

  const bom = bomOf(bytes);
  let detected: TextEncodingId;
  let strictUtf8: string | null = null;
  if (bom !== null) detected = bom;
  else {
    const utf16 = utf16WithoutBom(bytes);
    if (utf16 !== null) detected = utf16;
    else {
      try {
        strictUtf8 = decodeWith(bytes, 'utf-8', true);
        detected = 'utf-8';
      } catch {
        detected = 'windows-1252';
      }
    }
  }

  const forced = options.encoding !== undefined && options.encoding !== 'auto';
  const encoding = forced ? (options.encoding as TextEncodingId) : detected;
  let text: string;
  if (encoding === 'utf-8' && strictUtf8 !== null) text = strictUtf8;
  else if (encoding === 'utf-16le' || encoding === 'utf-16be') {
    // A BOM of the other byte order, or none: decode from the start and drop a leading U+FEFF.
    text = decodeWith(bytes, encoding, false);
  } else if (encoding === 'windows-1252' && bom === 'utf-8') {
    text = decodeWith(bytes.subarray(3), encoding, false);
  } else text = decodeWith(bytes, encoding, false);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);

  if (text.trim() === '') throw new IngestError('empty-file');
  return { text, encoding, detected, bom: bom !== null };
}
