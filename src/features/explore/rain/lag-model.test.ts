import { describe, expect, it } from 'vitest';
import type { LagFinding } from '../../../data/analysis/rain-lag';
import { defaultDriver, defaultResponse, lagSentence, regularStepOf } from './lag-model';

const finding = (over: Partial<LagFinding> = {}): LagFinding => ({
  driver: 'Lluvia Alto Verde (mm)',
  response: 'Turbiedad agua cruda (NTU)',
  method: 'pearson',
  lagSteps: 6,
  lagMs: 6 * 3_600_000,
  lagHours: 6,
  r: 0.781,
  n: 8700,
  direction: 'rises',
  strength: 'strong',
  atEdge: false,
  notPrewhitened: true,
  ...over,
});

describe('rain → river helpers', () => {
  it('finds a regular step, or none', () => {
    expect(regularStepOf([0, 10, 20, 30])).toBe(10);
    expect(regularStepOf([0, 10, 25])).toBeNull();
    expect(regularStepOf([0, 10])).toBeNull();
  });

  it('picks rain as the driver and the intake turbidity as the response', () => {
    const names = [
      'Turbiedad agua cruda (NTU)',
      'pH',
      'Lluvia Alto Verde (mm)',
      'Lluvia La Quebradona (mm)',
      'Turbiedad aguas arriba (NTU)',
    ];
    const driver = defaultDriver(names);
    expect(driver).toBe('Lluvia Alto Verde (mm)');
    expect(defaultResponse(names, driver)).toBe('Turbiedad agua cruda (NTU)');
    expect(defaultResponse(names, 'Turbiedad agua cruda (NTU)')).toBe(
      'Turbiedad aguas arriba (NTU)',
    );
  });

  it('words the finding without units, in the language', () => {
    expect(lagSentence(finding(), 48, 'es')).toEqual({
      key: 'rises',
      vars: {
        response: 'Turbiedad agua cruda',
        driver: 'Lluvia Alto Verde',
        hours: '6',
        r: '0,78',
      },
    });
    expect(lagSentence(finding({ lagHours: 1.5 }), 48, 'en').vars.hours).toBe('1.5');
    expect(lagSentence(finding({ direction: 'none', r: 0.02 }), 48, 'en')).toMatchObject({
      key: 'none',
      vars: { hours: '48' },
    });
    expect(lagSentence(finding({ direction: 'falls', r: -0.4 }), 48, 'es').vars.r).toBe('-0,40');
  });
});
