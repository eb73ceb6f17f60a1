import type {
  KgPerHour,
  KgPerL,
  LitresPerHour,
  LitresPerSecond,
  MassFraction,
  MgPerL,
} from './units';

export interface PumpRate {
  /** Mass of commercial product per hour, kg/h. */
  productKgPerHour: KgPerHour;
  /** Volume of commercial product per hour, L/h. */
  productLitresPerHour: LitresPerHour;
}

/**
 * Dosing-pump rate implied by a dose of active coagulant at a plant flow.
 * active mass flow (mg/s) = dose (mg/L) × flow (L/s); product = active / strength; volume = mass / density.
 */
export function pumpRate(
  dose: MgPerL,
  flow: LitresPerSecond,
  strength: MassFraction,
  density: KgPerL,
): PumpRate | null {
  if (
    !(dose >= 0 && Number.isFinite(dose)) ||
    !(flow >= 0 && Number.isFinite(flow)) ||
    !(strength > 0 && strength <= 1) ||
    !(density > 0 && Number.isFinite(density))
  ) {
    return null;
  }
  const activeKgPerHour = (dose * flow * 3600) / 1e6;
  const productKgPerHour = activeKgPerHour / strength;
  return {
    productKgPerHour: productKgPerHour as KgPerHour,
    productLitresPerHour: (productKgPerHour / density) as LitresPerHour,
  };
}
