/**
 * Pure helpers of the rain → river view: defaults for the driver and response columns, the
 * regular step of a time axis, and the words of the result sentence.
 */
import type { LagFinding } from '../../../data/analysis/rain-lag';
import { guessQuantity } from '../../../domain/quantities';
import { formatFixed, formatR, stripUnit, type Lang } from '../lib/format';

/** The axis step when every consecutive difference is the same (a resampled or joined table). */
export function regularStepOf(time: ArrayLike<number>): number | null {
  if (time.length < 3) return null;
  const step = (time[1] as number) - (time[0] as number);
  if (!(step > 0)) return null;
  for (let i = 2; i < time.length; i++)
    if ((time[i] as number) - (time[i - 1] as number) !== step) return null;
  return step;
}

const UPSTREAM = /arriba|upstream|aguas\s*arriba|r[ií]o/i;
const INTAKE = /cruda|raw|bocatoma|intake|captaci/i;

/** Rain columns first, then upstream sensors; else the first column. */
export function defaultDriver(names: readonly string[]): string | undefined {
  return (
    names.find((n) => guessQuantity(n)?.id === 'rain') ??
    names.find((n) => UPSTREAM.test(n)) ??
    names[0]
  );
}

/** Intake turbidity first, then any turbidity that is not upstream, then a dose. */
export function defaultResponse(
  names: readonly string[],
  driver: string | undefined,
): string | undefined {
  const others = names.filter((n) => n !== driver);
  const turbidity = others.filter((n) => guessQuantity(n)?.id === 'turbidity');
  return (
    turbidity.find((n) => INTAKE.test(n)) ??
    turbidity.find((n) => !UPSTREAM.test(n)) ??
    others.find((n) => guessQuantity(n)?.id === 'dose') ??
    turbidity[0] ??
    others[0]
  );
}

export type SentenceKey = 'rises' | 'falls' | 'none';

/** Which sentence, and the values to put in it (names without units, the language's numbers). */
export function lagSentence(
  finding: LagFinding,
  maxLagHours: number,
  lang: Lang,
): { key: SentenceKey; vars: { response: string; driver: string; hours: string; r: string } } {
  const key: SentenceKey = finding.direction === 'none' ? 'none' : finding.direction;
  const hours = key === 'none' ? maxLagHours : finding.lagHours;
  const digits = Number.isInteger(hours) ? 0 : 1;
  return {
    key,
    vars: {
      response: stripUnit(finding.response),
      driver: stripUnit(finding.driver),
      hours: formatFixed(hours, lang, digits),
      r: formatR(finding.r, lang),
    },
  };
}
