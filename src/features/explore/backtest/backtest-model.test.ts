import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../../data/ingest/parse-csv';
import type { DataTable } from '../../../data/data-table';
import { packManifestSchema, type PackManifest } from '../../../domain/pack-manifest';
import {
  autoMatch,
  backtestMetrics,
  buildBacktest,
  missingAssignments,
  previousInputs,
  RECORDED,
} from './backtest-model';

function manifest(id: string): PackManifest {
  const raw: unknown = JSON.parse(readFileSync(`public/models/${id}/manifest.json`, 'utf8'));
  return packManifestSchema.parse(raw);
}

const H = 3_600_000;

function smallTable(): DataTable {
  return {
    name: 'reports.csv',
    rowCount: 5,
    columns: [
      { name: 'pid', kind: 'number', values: new Float64Array([1, 2, 3, 4, 5]) },
      {
        name: 'date_submitted',
        kind: 'datetime',
        values: new Float64Array([5 * H, 1 * H, 2 * H, 3 * H, 4 * H]),
      },
      {
        name: 'plant_name',
        kind: 'category',
        values: ['Agalteca', 'Agalteca', 'Alauca', 'Agalteca', 'Alauca'],
      },
      { name: 'code', kind: 'category', values: ['aga', 'aga', 'ala', 'aga', 'ala'] },
      { name: 'flow_rate', kind: 'number', values: new Float64Array([10, 11, 12, 13, 14]) },
      { name: 'coagulant', kind: 'number', values: new Float64Array([5, 1, 2, NaN, 4]) },
      { name: 'raw_turb', kind: 'number', values: new Float64Array([50, 10, 20, 30, 40]) },
      { name: 'settled_turb', kind: 'number', values: new Float64Array([1, 1, 1, 1, 1]) },
      { name: 'cl_dose', kind: 'number', values: new Float64Array([1, 1, 1, 1, 1]) },
    ],
  };
}

describe('backtest mapping', () => {
  it('matches the AguaClara columns onto the pack inputs', () => {
    const m = autoMatch(manifest('aguaclara-honduras'), smallTable());
    expect(m.inputs).toEqual({
      plant: 'code',
      time: 'date_submitted',
      raw_turbidity: 'raw_turb',
      flow: 'flow_rate',
    });
    expect(m.recorded).toBe('coagulant');
    expect(missingAssignments(manifest('aguaclara-honduras'), m)).toEqual([]);
  });

  it('matches the real AguaClara sample as read by the ingest', () => {
    const bytes = readFileSync('public/samples/aguaclara/post_plant_reports.csv');
    const { table } = parseCsv(new Uint8Array(bytes), { name: 'post_plant_reports.csv' });
    const m = autoMatch(manifest('aguaclara-honduras-prev-dose'), table);
    expect(m.inputs).toMatchObject({
      plant: 'code',
      time: 'date_submitted',
      raw_turbidity: 'raw_turb',
      flow: 'flow_rate',
    });
    expect(m.recorded).toBe('coagulant');
  });

  it('matches Spanish headers by quantity and words, and reports what is missing', () => {
    const table: DataTable = {
      name: 'bocatoma.csv',
      rowCount: 1,
      columns: [
        { name: 'Fecha y hora', kind: 'datetime', values: new Float64Array([0]) },
        {
          name: 'Turbiedad agua cruda (NTU)',
          kind: 'number',
          values: new Float64Array([1]),
          unit: 'NTU',
        },
        {
          name: 'Caudal captado (L/s)',
          kind: 'number',
          values: new Float64Array([1]),
          unit: 'L/s',
        },
        {
          name: 'Dosis alumbre ensayo de jarras (mg/L)',
          kind: 'number',
          values: new Float64Array([1]),
          unit: 'mg/L',
        },
      ],
    };
    const pack = manifest('aguaclara-honduras');
    const m = autoMatch(pack, table);
    expect(m.inputs).toEqual({
      plant: null,
      time: 'Fecha y hora',
      raw_turbidity: 'Turbiedad agua cruda (NTU)',
      flow: 'Caudal captado (L/s)',
    });
    expect(m.recorded).toBe('Dosis alumbre ensayo de jarras (mg/L)');
    expect(missingAssignments(pack, m)).toEqual(['plant']);
  });

  it('derives previous inputs from the current ones and the recorded dose', () => {
    expect(
      previousInputs(manifest('aguaclara-honduras-prev-dose')).map((p) => [p.input.id, p.source]),
    ).toEqual([
      ['prev_raw_turbidity', 'raw_turbidity'],
      ['prev_time', 'time'],
      ['prev_dose', RECORDED],
    ]);
  });
});

describe('backtest records', () => {
  it('sorts by time and links each row to the previous row of its plant', () => {
    const pack = manifest('aguaclara-honduras-prev-dose');
    const table = smallTable();
    const data = buildBacktest(pack, table, autoMatch(pack, table));
    // Time order: rows 1 (1 h), 2, 3, 4, 0 (5 h).
    expect(Array.from(data.rows)).toEqual([1, 2, 3, 4, 0]);
    expect(data.group).toEqual(['aga', 'ala', 'aga', 'ala', 'aga']);
    expect(data.records[0]).toMatchObject({
      plant: 'aga',
      time: 1 * H,
      raw_turbidity: 10,
      flow: 11,
      prev_raw_turbidity: null,
      prev_time: null,
      prev_dose: null,
    });
    // Row 3 (aga at 3 h) follows row 1 (aga at 1 h), not row 2 (ala).
    expect(data.records[2]).toMatchObject({
      plant: 'aga',
      prev_raw_turbidity: 10,
      prev_time: 1 * H,
      prev_dose: 1,
    });
    // Row 0 (aga at 5 h) follows row 3, whose dose is missing: persistence has nothing to repeat.
    expect(data.records[4]).toMatchObject({ prev_raw_turbidity: 30, prev_dose: null });
    expect(Array.from(data.persistence)).toEqual([NaN, NaN, 1, 2, NaN]);
    expect(Array.from(data.recorded)).toEqual([1, 2, NaN, 4, 5]);
  });
});

describe('backtest metrics', () => {
  it('scores model and persistence on the same rows', () => {
    const recorded = [1, 2, 3, 4, NaN];
    const predicted = [1, 2, 3, 5, 9];
    const persistence = [NaN, 1, 2, 3, 4];
    const m = backtestMetrics(recorded, predicted, persistence);
    expect(m.compared).toBe(3);
    expect(m.model.mae).toBeCloseTo(1 / 3);
    expect(m.persistence.mae).toBeCloseTo(1);
    expect(m.persistence.rmse).toBeCloseTo(1);
    expect(m.model.r2).toBeCloseTo(1 - 1 / 2);
  });

  it('is NaN with no comparable rows', () => {
    expect(backtestMetrics([1], [NaN], [1]).model.mae).toBeNaN();
  });
});
