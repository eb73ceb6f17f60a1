/**
 * Hydro-meteorological "long" tables (one row per station × variable × time, as IDEAM and many
 * SCADA historians export them) → one wide table: a time column, then one number column per
 * series named `<station> · <variable>` (or just `<variable>` without a station column) and, when
 * the file has a quality flag column, a category column `<station> · <variable> · <flag header>`
 * next to each series that has any flag. Column names are data: they come from the cells.
 *
 * Station label: the station name when there is a name column, else the code; a name shared by
 * several codes gets ` (<code>)` appended so series never merge by accident.
 * Duplicated (station, variable, time) keys keep the first row and are counted.
 */
import type { Column, ColumnKind, DataTable } from '../data-table';
import type { LongFormatReport } from './ingest-report';
import { IngestError } from './ingest-report';
import { extractUnit } from './infer-columns';

export interface LongFormatRoles {
  station?: string;
  stationName?: string;
  variable: string;
  time: string;
  value: string;
  flag?: string;
}

/** Lower-case, accents and non-alphanumerics removed: `Código Estación` → `codigoestacion`. */
export function normalizeHeader(header: string): string {
  return header
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

const ROLE_NAMES = {
  station: [
    'codigoestacion',
    'codestacion',
    'idestacion',
    'estacionid',
    'estacioncodigo',
    'codigo',
    'cod',
    'code',
    'stationcode',
    'stationid',
    'siteid',
    'sitecode',
  ],
  stationName: [
    'nombreestacion',
    'estacion',
    'estacionnombre',
    'station',
    'stationname',
    'sitio',
    'site',
    'sitename',
    'nombre',
    'punto',
    'puntomuestreo',
  ],
  variable: [
    'variable',
    'parametro',
    'idparametro',
    'parameter',
    'param',
    'etiqueta',
    'magnitud',
    'sensor',
    'variablename',
    'nombrevariable',
  ],
  time: [
    'fecha',
    'fechahora',
    'fechayhora',
    'date',
    'datetime',
    'timestamp',
    'time',
    'tiempo',
    'fechaobservacion',
  ],
  value: ['valor', 'value', 'medicion', 'medida', 'dato', 'valorobservado', 'measurement'],
  flag: ['calidad', 'flag', 'quality', 'qualityflag', 'bandera', 'qc', 'calidaddato', 'estado'],
} as const;

type Role = keyof typeof ROLE_NAMES;

function findRole(
  columns: readonly { name: string; kind: ColumnKind }[],
  role: Role,
  accept: (kind: ColumnKind) => boolean,
  taken: ReadonlySet<string>,
): string | undefined {
  const wanted: readonly string[] = ROLE_NAMES[role];
  // Earlier names in the role list are stronger matches.
  let best: { name: string; rank: number } | undefined;
  for (const c of columns) {
    if (taken.has(c.name) || !accept(c.kind)) continue;
    const rank = wanted.indexOf(normalizeHeader(c.name));
    if (rank >= 0 && (best === undefined || rank < best.rank)) best = { name: c.name, rank };
  }
  return best?.name;
}

/**
 * Roles of a long table from its headers and column kinds, or null when it is not one. Needs a
 * variable column (any kind), a date-time column and a value column that is a number (pass
 * `anyValueKind` when the kinds are only a sample's guess); station and flag are optional.
 */
export function detectLongFormat(
  columns: readonly { name: string; kind: ColumnKind }[],
  anyValueKind = false,
): LongFormatRoles | null {
  const taken = new Set<string>();
  const pick = (role: Role, accept: (kind: ColumnKind) => boolean): string | undefined => {
    const name = findRole(columns, role, accept, taken);
    if (name !== undefined) taken.add(name);
    return name;
  };
  const time =
    pick('time', (k) => k === 'datetime') ?? columns.find((c) => c.kind === 'datetime')?.name;
  if (time === undefined) return null;
  taken.add(time);
  const value = pick('value', (k) => anyValueKind || k === 'number');
  const variable = pick('variable', () => true);
  if (value === undefined || variable === undefined) return null;
  const station = pick('station', () => true);
  const stationName = pick('stationName', () => true);
  const flag = pick('flag', () => true);
  const roles: LongFormatRoles = { variable, time, value };
  if (station !== undefined) roles.station = station;
  if (stationName !== undefined) roles.stationName = stationName;
  if (flag !== undefined) roles.flag = flag;
  return roles;
}

/** Text of a role cell: categories as they are, numbers (numeric station codes) printed. */
function labelsOf(column: Column | undefined, rows: number): (string | null)[] | null {
  if (column === undefined) return null;
  if (column.kind === 'category') return column.values;
  const out = new Array<string | null>(rows);
  for (let i = 0; i < rows; i++) {
    const v = column.values[i]!;
    out[i] = Number.isNaN(v) ? null : String(v);
  }
  return out;
}

export const SERIES_SEPARATOR = ' · ';

export function pivotLong(
  table: DataTable,
  roles: LongFormatRoles,
  options: { maxColumns?: number } = {},
): { table: DataTable; report: LongFormatReport } {
  const maxColumns = options.maxColumns ?? 10_000;
  const byName = new Map(table.columns.map((c) => [c.name, c]));
  const timeCol = byName.get(roles.time);
  const valueCol = byName.get(roles.value);
  const variableCol = byName.get(roles.variable);
  if (
    timeCol?.kind !== 'datetime' ||
    valueCol === undefined ||
    valueCol.kind === 'category' ||
    variableCol === undefined
  )
    throw new IngestError('long-format-columns-missing');
  const n = table.rowCount;
  const times = timeCol.values;
  const values = valueCol.values;
  const variables = labelsOf(variableCol, n)!;
  const codes = labelsOf(roles.station === undefined ? undefined : byName.get(roles.station), n);
  const names = labelsOf(
    roles.stationName === undefined ? undefined : byName.get(roles.stationName),
    n,
  );
  const flags = labelsOf(roles.flag === undefined ? undefined : byName.get(roles.flag), n);

  // Station labels: name, disambiguated by code when one name covers several codes.
  const codesPerName = new Map<string, Set<string>>();
  if (names !== null && codes !== null) {
    for (let i = 0; i < n; i++) {
      const name = names[i] ?? null;
      const code = codes[i] ?? null;
      if (name === null || code === null) continue;
      let set = codesPerName.get(name);
      if (set === undefined) codesPerName.set(name, (set = new Set()));
      set.add(code);
    }
  }
  const stationLabel = (i: number): string | null => {
    const name = names?.[i] ?? null;
    const code = codes?.[i] ?? null;
    if (name !== null) {
      const shared = (codesPerName.get(name)?.size ?? 0) > 1;
      return shared && code !== null ? `${name} (${code})` : name;
    }
    return code;
  };
  const hasStation = codes !== null || names !== null;

  // Series in order of first appearance; distinct times sorted.
  const seriesIndex = new Map<string, number>();
  const seriesNames: string[] = [];
  const seriesVariables: string[] = [];
  const rowSeries = new Int32Array(n).fill(-1);
  const distinct = new Set<number>();
  let rowsMissingKey = 0;
  for (let i = 0; i < n; i++) {
    const t = times[i]!;
    const variable = variables[i] ?? null;
    if (Number.isNaN(t) || variable === null) {
      rowsMissingKey++;
      continue;
    }
    const station = hasStation ? stationLabel(i) : null;
    const label = station === null ? variable : `${station}${SERIES_SEPARATOR}${variable}`;
    let s = seriesIndex.get(label);
    if (s === undefined) {
      s = seriesNames.length;
      seriesIndex.set(label, s);
      seriesNames.push(label);
      seriesVariables.push(variable);
    }
    rowSeries[i] = s;
    distinct.add(t);
  }
  const sortedTimes = Float64Array.from(distinct).sort();
  const T = sortedTimes.length;
  const timeIndex = new Map<number, number>();
  sortedTimes.forEach((t, k) => timeIndex.set(t, k));

  const S = seriesNames.length;
  const seriesValues = Array.from({ length: S }, () => new Float64Array(T).fill(Number.NaN));
  const seriesFlags =
    flags === null ? null : Array.from({ length: S }, () => new Array<string | null>(T).fill(null));
  const hasFlag = new Uint8Array(S);
  const seen = Array.from({ length: S }, () => new Uint8Array(T));
  let duplicateKeys = 0;
  for (let i = 0; i < n; i++) {
    const s = rowSeries[i]!;
    if (s < 0) continue;
    const k = timeIndex.get(times[i]!)!;
    const seenS = seen[s]!;
    if (seenS[k] === 1) {
      duplicateKeys++;
      continue;
    }
    seenS[k] = 1;
    seriesValues[s]![k] = values[i]!;
    if (seriesFlags !== null) {
      const f = flags![i] ?? null;
      if (f !== null) {
        seriesFlags[s]![k] = f;
        hasFlag[s] = 1;
      }
    }
  }

  const flagHeader = roles.flag ?? 'flag';
  const columns: Column[] = [{ name: roles.time, kind: 'datetime', values: sortedTimes }];
  for (let s = 0; s < S; s++) {
    const name = seriesNames[s]!;
    const unit = extractUnit(seriesVariables[s]!);
    columns.push(
      unit === undefined
        ? { name, kind: 'number', values: seriesValues[s]! }
        : { name, kind: 'number', values: seriesValues[s]!, unit },
    );
    if (seriesFlags !== null && hasFlag[s] === 1)
      columns.push({
        name: `${name}${SERIES_SEPARATOR}${flagHeader}`,
        kind: 'category',
        values: seriesFlags[s]!,
      });
  }
  if (columns.length > maxColumns)
    throw new IngestError('too-many-columns', { columns: columns.length, maxColumns });

  const used = new Set(
    [roles.station, roles.stationName, roles.variable, roles.time, roles.value, roles.flag].filter(
      (x): x is string => x !== undefined,
    ),
  );
  const report: LongFormatReport = {
    roles: { ...roles },
    longRows: n,
    series: S,
    times: T,
    duplicateKeys,
    rowsMissingKey,
    droppedColumns: table.columns.map((c) => c.name).filter((name) => !used.has(name)),
  };
  return { table: { name: table.name, rowCount: T, columns }, report };
}
