import { describe, expect, it } from 'vitest';
import { decodeText, sniffBinary } from './decode-text';
import { IngestError } from './ingest-report';

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

/** windows-1252 bytes for text made of ASCII and Latin-1 letters. */
function latin1(s: string): Uint8Array {
  return Uint8Array.from(s, (ch) => {
    const code = ch.charCodeAt(0);
    if (code > 0xff) throw new Error('not latin-1');
    return code;
  });
}

function utf16le(s: string, bom = true): Uint8Array {
  const out = new Uint8Array((bom ? 2 : 0) + s.length * 2);
  let o = 0;
  if (bom) {
    out[o++] = 0xff;
    out[o++] = 0xfe;
  }
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    out[o++] = c & 0xff;
    out[o++] = c >> 8;
  }
  return out;
}

function errorCode(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    if (error instanceof IngestError) return error.code;
    throw error;
  }
  return undefined;
}

describe('decodeText', () => {
  it('reads UTF-8 without a BOM', () => {
    const d = decodeText(utf8('Turbiedad (UNT);Fecha;Año\n1,5;2024-01-01;Peñol\n'));
    expect(d).toMatchObject({ encoding: 'utf-8', detected: 'utf-8', bom: false });
    expect(d.text.startsWith('Turbiedad (UNT);Fecha;Año')).toBe(true);
  });

  it('strips a UTF-8 BOM and reports it', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('pH;Fecha\n7;x\n')]);
    const d = decodeText(bytes);
    expect(d).toMatchObject({ encoding: 'utf-8', bom: true });
    expect(d.text).toBe('pH;Fecha\n7;x\n');
  });

  it('falls back to windows-1252 for Latin-1 bytes (Spanish Excel export)', () => {
    const d = decodeText(
      latin1('Turbiedad (UNT);Fecha;Año;Estación\n1,5;01/02/2024;Peñol;Ayurá\n'),
    );
    expect(d.encoding).toBe('windows-1252');
    expect(d.text).toContain('Año;Estación');
    expect(d.text).toContain('Peñol;Ayurá');
  });

  it('maps windows-1252 specials (0x80 euro, 0x93/0x94 quotes)', () => {
    const d = decodeText(new Uint8Array([0x80, 0x20, 0x93, 0x61, 0x94, 0x0a]));
    expect(d.text).toBe('€ “a”\n');
  });

  it('decodes UTF-16 LE with and without a BOM (Excel "Unicode text")', () => {
    const text = 'Fecha\tTurbiedad\n2024-01-01\t3,5\n';
    expect(decodeText(utf16le(text))).toMatchObject({ text, encoding: 'utf-16le', bom: true });
    expect(decodeText(utf16le(text, false))).toMatchObject({
      text,
      encoding: 'utf-16le',
      bom: false,
    });
  });

  it('honours a forced encoding and still reports what was detected', () => {
    const bytes = utf8('Año\n1\n');
    const d = decodeText(bytes, { encoding: 'windows-1252' });
    expect(d).toMatchObject({ encoding: 'windows-1252', detected: 'utf-8' });
    expect(d.text).toBe('AÃ±o\n1\n');
    const forcedUtf8 = decodeText(latin1('Año\n1\n'), { encoding: 'utf-8' });
    expect(forcedUtf8.detected).toBe('windows-1252');
    expect(forcedUtf8.text).toBe('A\ufffdo\n1\n');
  });

  it('refuses empty and whitespace-only files', () => {
    expect(errorCode(() => decodeText(new Uint8Array(0)))).toBe('empty-file');
    expect(errorCode(() => decodeText(utf8(' \r\n\t\n')))).toBe('empty-file');
    expect(errorCode(() => decodeText(new Uint8Array([0xef, 0xbb, 0xbf])))).toBe('empty-file');
  });

  it('refuses binary files with their kind', () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
    let caught: unknown;
    try {
      decodeText(png);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(IngestError);
    expect((caught as IngestError).code).toBe('binary-file');
    expect((caught as IngestError).details).toEqual({ kind: 'png' });
    expect(sniffBinary(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 20, 0]))).toBe('zip');
    expect(sniffBinary(utf8('%PDF-1.7\n'))).toBe('pdf');
    expect(sniffBinary(utf8('a;b\n1;2\0\n'))).toBe('unknown');
  });

  it('refuses text with a high share of control characters', () => {
    const bytes = new Uint8Array(1000).fill(0x41);
    for (let i = 0; i < 100; i++) bytes[i * 10] = 0x01;
    expect(sniffBinary(bytes)).toBe('unknown');
    bytes.fill(0x41);
    bytes[5] = 0x01; // one stray control char is tolerated
    expect(sniffBinary(bytes)).toBeNull();
  });
});
