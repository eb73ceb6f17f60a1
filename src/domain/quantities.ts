/**
 * Known physical quantities at a water plant: their units, the range a real reading can take,
 * and name fragments (Spanish and English) that identify them in a CSV header.
 * Used for physical-range rejection, the training wizard's suggestions and diagnostics.
 */
export interface Quantity {
  id: string;
  unit: string;
  /** A reading outside this range is physically impossible (or a failed sensor). */
  physicalRange: readonly [number, number];
  /** Lower-case header fragments that suggest this quantity. */
  namePatterns: readonly string[];
  /** Rain is summed when resampling; states (turbidity, pH, …) are averaged. */
  aggregation: 'mean' | 'sum';
}

export const QUANTITIES: readonly Quantity[] = [
  {
    id: 'turbidity',
    unit: 'NTU',
    physicalRange: [0, 10000],
    namePatterns: ['turbiedad', 'turbidez', 'turbidity', 'turb', 'ntu'],
    aggregation: 'mean',
  },
  {
    id: 'colour',
    unit: 'Pt-Co',
    physicalRange: [0, 5000],
    namePatterns: ['color', 'colour', 'upc', 'pt-co'],
    aggregation: 'mean',
  },
  {
    id: 'ph',
    unit: 'pH',
    physicalRange: [0, 14],
    namePatterns: ['ph'],
    aggregation: 'mean',
  },
  {
    id: 'conductivity',
    unit: 'µS/cm',
    physicalRange: [0, 100000],
    namePatterns: ['conductividad', 'conductivity', 'cond'],
    aggregation: 'mean',
  },
  {
    id: 'temperature',
    unit: '°C',
    physicalRange: [-5, 50],
    namePatterns: ['temperatura', 'temperature', 'temp'],
    aggregation: 'mean',
  },
  {
    id: 'flow',
    unit: 'L/s',
    physicalRange: [0, 100000],
    namePatterns: ['caudal', 'flow', 'q_'],
    aggregation: 'mean',
  },
  {
    id: 'rain',
    unit: 'mm',
    physicalRange: [0, 500],
    namePatterns: ['lluvia', 'precipitacion', 'precipitación', 'rain', 'pluvio'],
    aggregation: 'sum',
  },
  {
    id: 'dose',
    unit: 'mg/L',
    physicalRange: [0, 500],
    namePatterns: ['dosis', 'dose', 'coagulante', 'coagulant', 'alumbre', 'alum', 'pacl'],
    aggregation: 'mean',
  },
];

export function quantityById(id: string): Quantity | undefined {
  return QUANTITIES.find((q) => q.id === id);
}

/** The known quantity a column header most likely measures, or undefined. */
export function guessQuantity(header: string): Quantity | undefined {
  const h = header.toLowerCase();
  const tokens = h.split(/[^a-z0-9áéíóúñ-]+/).filter(Boolean);
  // Exact token first (so 'ph' matches 'pH' but not 'phosphate'), then substring for longer patterns.
  for (const q of QUANTITIES) {
    if (q.namePatterns.some((p) => tokens.includes(p))) return q;
  }
  for (const q of QUANTITIES) {
    if (q.namePatterns.some((p) => p.length >= 4 && h.includes(p))) return q;
  }
  return undefined;
}
