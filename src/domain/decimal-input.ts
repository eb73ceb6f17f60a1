/**
 * What an operator typed into a number field, read the way Colombian operators write numbers:
 * a decimal comma or a decimal point (`12,5` and `12.5` are both 12.5). Pure; no locale lookup.
 *
 * Rules, in order:
 *   - surrounding and inner whitespace (spaces, no-break and thin spaces) is ignored;
 *   - an empty field is `empty`, not zero;
 *   - an optional leading `+`, `-` or `−` (U+2212) sign;
 *   - only digits and the separators `.` and `,` otherwise (no exponent, no units, no letters);
 *   - one separator kind, once: it is the decimal separator (`1.234` is 1.234, not 1234:
 *     operators type decimals far more often than thousands);
 *   - both kinds: the last one is the decimal separator and the other groups thousands, which must
 *     then be groups of three (`1.234,5` and `1,234.5` are 1234.5; `1.23,5` is invalid);
 *   - one kind repeated: thousands grouping in groups of three (`1.234.567`), else invalid (`1,2,3`);
 *   - a leading or trailing decimal separator is allowed (`,5` is 0.5, `12,` is 12) because the
 *     field is read while it is being typed.
 */
export type DecimalInput =
  { kind: 'empty' } | { kind: 'number'; value: number } | { kind: 'invalid'; text: string };

const GROUPED = /^\d{1,3}(?:[.,]\d{3})+$/;

export function parseDecimalInput(text: string): DecimalInput {
  const compact = text.replace(/[\s\u00a0\u2007\u2009\u202f]+/g, '');
  if (compact === '') return { kind: 'empty' };
  const invalid: DecimalInput = { kind: 'invalid', text };
  const m = /^([+\-\u2212]?)([\d.,]+)$/.exec(compact);
  if (!m) return invalid;
  const negative = m[1] === '-' || m[1] === '\u2212';
  const body = m[2] as string;
  if (!/\d/.test(body)) return invalid;

  const dots = body.split('.').length - 1;
  const commas = body.split(',').length - 1;
  let intPart: string;
  let fracPart = '';
  if (dots > 0 && commas > 0) {
    const decimalSep = body.lastIndexOf('.') > body.lastIndexOf(',') ? '.' : ',';
    const groupSep = decimalSep === '.' ? ',' : '.';
    const at = body.lastIndexOf(decimalSep);
    intPart = body.slice(0, at);
    fracPart = body.slice(at + 1);
    // The decimal separator appears once, after every grouping separator.
    if (body.split(decimalSep).length - 1 !== 1 || fracPart.includes(groupSep)) return invalid;
    if (!GROUPED.test(intPart) || intPart.includes(decimalSep)) return invalid;
    intPart = intPart.split(groupSep).join('');
  } else if (dots + commas === 0) {
    intPart = body;
  } else if (dots + commas === 1) {
    const at = Math.max(body.indexOf('.'), body.indexOf(','));
    intPart = body.slice(0, at);
    fracPart = body.slice(at + 1);
  } else {
    if (!GROUPED.test(body)) return invalid;
    intPart = body.replace(/[.,]/g, '');
  }
  if (!/^\d*$/.test(intPart) || !/^\d*$/.test(fracPart)) return invalid;
  const value = Number(`${intPart || '0'}.${fracPart || '0'}`);
  if (!Number.isFinite(value)) return invalid;
  return { kind: 'number', value: negative && value !== 0 ? -value : value };
}
