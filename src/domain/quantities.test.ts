import { describe, expect, it } from 'vitest';
import { guessQuantity, QUANTITIES, quantityById } from './quantities';

describe('guessQuantity', () => {
  it.each([
    ['Turbiedad (NTU)', 'turbidity'],
    ['turbidity_raw', 'turbidity'],
    ['pH', 'ph'],
    ['pH agua cruda', 'ph'],
    ['Caudal L/s', 'flow'],
    ['Precipitación mm', 'rain'],
    ['PRECIPITACIÓN', 'rain'],
    ['Dosis alumbre', 'dose'],
    ['Conductividad', 'conductivity'],
    ['Temperatura °C', 'temperature'],
    ['Color (UPC)', 'colour'],
  ])('%s → %s', (header, id) => {
    expect(guessQuantity(header)?.id).toBe(id);
  });

  it("matches 'ph' only as a whole token, so 'phosphate' is not pH", () => {
    expect(guessQuantity('phosphate')?.id).not.toBe('ph');
    expect(guessQuantity('Phosphate mg/L')?.id).not.toBe('ph');
  });

  it('returns undefined for an unknown header', () => {
    expect(guessQuantity('Operador')).toBeUndefined();
    expect(guessQuantity('')).toBeUndefined();
    expect(guessQuantity('id')).toBeUndefined();
  });
});

describe('quantityById', () => {
  it('finds every listed quantity and nothing else', () => {
    for (const q of QUANTITIES) expect(quantityById(q.id)).toBe(q);
    expect(quantityById('nope')).toBeUndefined();
  });
});
