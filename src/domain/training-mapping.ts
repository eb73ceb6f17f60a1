import { z } from 'zod';

/**
 * How a plant's own table maps onto a pack: which column is time, which is the dose target,
 * which are features (with units, physical ranges and optional lags). The browser wizard builds
 * one; `npm run train -- --csv <file> --config <mapping.json>` reads one from disk.
 */
const range = z.tuple([z.number(), z.number()]).refine(([lo, hi]) => lo < hi, 'range lo ≥ hi');

export const mappedFeatureSchema = z.object({
  /** Column name in the table. */
  column: z.string().min(1),
  /** Input id in the pack: lower-case, digits and underscores. */
  id: z.string().regex(/^[a-z][a-z0-9_]*$/),
  label: z.object({ es: z.string().min(1), en: z.string().min(1) }),
  unit: z.string(),
  /** Known quantity (turbidity, colour, ph, …) when recognised. */
  quantity: z.string().optional(),
  physicalRange: range,
  /** Concentration-like quantities (turbidity, colour) are modelled on a log scale. */
  log: z.boolean(),
  /**
   * Also use the value this many hours earlier (e.g. rain upstream 6 h before), as found by the
   * explorer's lag finder. 0 or absent: no lagged copy.
   */
  lagHours: z
    .number()
    .int()
    .min(0)
    .max(24 * 14)
    .optional(),
});
export type MappedFeature = z.infer<typeof mappedFeatureSchema>;

export const trainingMappingSchema = z.object({
  packId: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
  title: z.object({ es: z.string().min(1), en: z.string().min(1) }),
  source: z.object({ name: z.string(), licence: z.string(), attribution: z.string() }),
  timeColumn: z.string().min(1),
  target: z.object({
    column: z.string().min(1),
    label: z.object({ es: z.string().min(1), en: z.string().min(1) }),
    unit: z.string(),
    physicalRange: range,
  }),
  /** Optional settled-water turbidity column, for the second head and reverse mode. */
  settledColumn: z.string().optional(),
  /** Optional plant column for a multi-plant table. */
  groupColumn: z.string().optional(),
  features: z.array(mappedFeatureSchema).min(1),
  budget: z.enum(['quick', 'standard', 'full']),
  seed: z.number().int(),
});
export type TrainingMapping = z.infer<typeof trainingMappingSchema>;
