/**
 * Branded unit types. A number typed `Ntu` cannot be passed where `MgPerL` is expected,
 * so a turbidity never silently becomes a dose. The brand exists only at compile time.
 */
declare const unitBrand: unique symbol;
export type Unit<U extends string> = number & { readonly [unitBrand]: U };

/** Turbidity, nephelometric turbidity units. */
export type Ntu = Unit<'NTU'>;
/** Concentration or dose, milligrams per litre. */
export type MgPerL = Unit<'mg/L'>;
/** Flow, litres per second. */
export type LitresPerSecond = Unit<'L/s'>;
/** Mass flow of product, kilograms per hour. */
export type KgPerHour = Unit<'kg/h'>;
/** Volume flow of product, litres per hour. */
export type LitresPerHour = Unit<'L/h'>;
/** Density, kilograms per litre. */
export type KgPerL = Unit<'kg/L'>;
/** Mass fraction of active product, 0–1. */
export type MassFraction = Unit<'fraction'>;

export const ntu = (v: number): Ntu => v as Ntu;
export const mgPerL = (v: number): MgPerL => v as MgPerL;
export const litresPerSecond = (v: number): LitresPerSecond => v as LitresPerSecond;
export const kgPerL = (v: number): KgPerL => v as KgPerL;
export const massFraction = (v: number): MassFraction => v as MassFraction;

/** Unit symbols a pack may declare for an input or target. */
export const UNIT_SYMBOLS = [
  'NTU',
  'mg/L',
  'L/s',
  'L/min',
  'm³/s',
  'Pt-Co',
  'pH',
  'µS/cm',
  '°C',
  'mm',
  'plant units',
  '',
] as const;
export type UnitSymbol = (typeof UNIT_SYMBOLS)[number];
