import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createEntry, type NewLogEntry } from '../../data/operator-log/log-entry';
import { checkManifest, type PackManifest } from '../../domain/pack-manifest';
import {
  buildRecord,
  formInputs,
  mostInfluentialNumber,
  numberToField,
  previousSource,
  pumpFlowLps,
  resolveForm,
} from './form-model';

function shipped(id: string): PackManifest {
  const path = join(import.meta.dirname, '..', '..', '..', 'public', 'models', id, 'manifest.json');
  const check = checkManifest(JSON.parse(readFileSync(path, 'utf8')));
  if (!check.ok) throw new Error(check.detail);
  return check.manifest;
}

const headline = shipped('aguaclara-honduras');
const prevDose = shipped('aguaclara-honduras-prev-dose');
const T = Date.UTC(2015, 5, 10, 8, 0);
const H = 3_600_000;

function logEntry(over: Partial<NewLogEntry>, recordedAt = 0) {
  return createEntry(
    {
      packId: 'aguaclara-honduras',
      reportTime: T - 6 * H,
      plant: 'aga',
      inputs: { plant: 'aga', time: T - 6 * H, raw_turbidity: 10.25, flow: 700 },
      prediction: null,
      appliedDose: 7.5,
      jarTestDose: null,
      settledObserved: null,
      note: '',
      ...over,
    },
    `id-${recordedAt}-${Math.random()}`,
    recordedAt,
  );
}

describe('formInputs', () => {
  it('lists every input except the applied dose, in manifest order', () => {
    expect(formInputs(headline).map((i) => i.id)).toEqual([
      'plant',
      'time',
      'raw_turbidity',
      'flow',
      'prev_raw_turbidity',
      'prev_time',
    ]);
  });
});

describe('previousSource', () => {
  const spec = (m: PackManifest, id: string) => m.inputs.find((i) => i.id === id)!;
  it('links previous inputs to the current ones through the feature transforms', () => {
    expect(previousSource(headline, spec(headline, 'prev_raw_turbidity'))).toEqual({
      kind: 'input',
      id: 'raw_turbidity',
    });
    expect(previousSource(headline, spec(headline, 'prev_time'))).toEqual({
      kind: 'input',
      id: 'time',
    });
  });
  it('takes a previous dose from the applied dose', () => {
    expect(previousSource(prevDose, spec(prevDose, 'prev_dose'))).toEqual({
      kind: 'appliedDose',
    });
  });
  it('has none for a current reading', () => {
    expect(previousSource(headline, spec(headline, 'raw_turbidity'))).toBeUndefined();
  });
});

describe('numberToField', () => {
  it('writes a decimal comma in Spanish and a point in English, without grouping', () => {
    expect(numberToField(1234.5, 'es')).toBe('1234,5');
    expect(numberToField(1234.5, 'en')).toBe('1234.5');
    expect(numberToField(0.1 + 0.2, 'en')).toBe('0.3');
    expect(numberToField(1e-7, 'en')).toBe('0');
    expect(numberToField(Number.NaN, 'es')).toBe('');
  });
});

describe('resolveForm', () => {
  it('fills the plant, the clock time and nothing else on an empty log', () => {
    const f = resolveForm(headline, {}, { now: T, entries: [], language: 'es' });
    expect(f.values).toEqual({
      plant: 'aga',
      time: '2015-06-10T08:00',
      raw_turbidity: '',
      flow: '',
      prev_raw_turbidity: '',
      prev_time: '',
    });
    expect(f.reportTime).toBe(T);
    expect([...f.automatic].sort()).toEqual(
      formInputs(headline)
        .map((i) => i.id)
        .sort(),
    );
  });

  it("prefills the previous report from the plant's last log entry before this report", () => {
    const entries = [
      logEntry({}, 1),
      logEntry(
        {
          plant: 'ala',
          reportTime: T - H,
          inputs: { plant: 'ala', time: T - H, raw_turbidity: 99 },
        },
        2,
      ),
      logEntry(
        {
          reportTime: T + H,
          inputs: { plant: 'aga', time: T + H, raw_turbidity: 55 },
        },
        3,
      ),
    ];
    const f = resolveForm(headline, { plant: 'aga' }, { now: T, entries, language: 'es' });
    expect(f.values.prev_raw_turbidity).toBe('10,25');
    expect(f.values.prev_time).toBe('2015-06-10T02:00');
    expect(f.previousEntry?.reportTime).toBe(T - 6 * H);
    // The current reading is never prefilled.
    expect(f.values.raw_turbidity).toBe('');
  });

  it('defaults the plant to the last logged one', () => {
    const entries = [logEntry({ plant: 'moro', inputs: { plant: 'moro' } }, 1)];
    const f = resolveForm(headline, {}, { now: T, entries, language: 'en' });
    expect(f.plant).toBe('moro');
  });

  it('keeps what the operator typed, even an empty previous field', () => {
    const entries = [logEntry({}, 1)];
    const f = resolveForm(
      headline,
      { prev_raw_turbidity: '', raw_turbidity: '12,5', time: '2015-06-10T09:30' },
      { now: T, entries, language: 'es' },
    );
    expect(f.values.prev_raw_turbidity).toBe('');
    expect(f.values.raw_turbidity).toBe('12,5');
    expect(f.reportTime).toBe(T + 1.5 * H);
    expect(f.automatic.has('raw_turbidity')).toBe(false);
    expect(f.values.prev_time).toBe('2015-06-10T02:00');
  });

  it('prefills a previous dose from the applied dose', () => {
    const entries = [logEntry({ appliedDose: 6.5 }, 1)];
    const f = resolveForm(prevDose, {}, { now: T, entries, language: 'es' });
    expect(f.values.prev_dose).toBe('6,5');
  });
});

describe('buildRecord', () => {
  it('reads decimal commas and points, dates as wall-clock ms, empty as null', () => {
    const r = buildRecord(headline, {
      plant: 'aga',
      time: '2015-06-10T08:00',
      raw_turbidity: '12,5',
      flow: '1.234,5',
      prev_raw_turbidity: '10.25',
      prev_time: '',
    });
    expect(r).toEqual({
      plant: 'aga',
      time: T,
      raw_turbidity: 12.5,
      flow: 1234.5,
      prev_raw_turbidity: 10.25,
      prev_time: null,
    });
  });

  it('passes text that is not a number or a date through, for the engine to reject', () => {
    const r = buildRecord(headline, { raw_turbidity: 'doce', time: 'ayer', plant: '' });
    expect(r.raw_turbidity).toBe('doce');
    expect(r.time).toBe('ayer');
    expect(r.plant).toBeNull();
  });
});

describe('mostInfluentialNumber', () => {
  it('picks the numeric reading with the largest absolute contribution', () => {
    expect(
      mostInfluentialNumber(headline, [
        { input: 'plant', value: 5 },
        { input: 'raw_turbidity', value: -2 },
        { input: 'flow', value: 1 },
        { input: 'time', value: 9 },
      ]),
    ).toBe('raw_turbidity');
    expect(mostInfluentialNumber(headline, [{ input: 'plant', value: 5 }])).toBeUndefined();
  });
});

describe('pumpFlowLps', () => {
  it('uses the setting when the pack flow is not in L/s', () => {
    expect(pumpFlowLps(headline, { flow: 700 }, 120)).toEqual({ flow: 120, from: 'setting' });
    expect(pumpFlowLps(headline, { flow: 700 }, null)).toBeNull();
  });

  it("uses the pack's own flow reading when it is in L/s", () => {
    const m: PackManifest = {
      ...headline,
      inputs: headline.inputs.map((i) => (i.id === 'flow' ? { ...i, unit: 'L/s' } : i)),
    };
    expect(pumpFlowLps(m, { flow: 85 }, 120)).toEqual({ flow: 85, from: 'reading' });
    expect(pumpFlowLps(m, { flow: null }, 120)).toEqual({ flow: 120, from: 'setting' });
  });
});
