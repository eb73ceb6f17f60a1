import type { DataTable } from '../../../data/data-table';
import { numericColumns } from '../../../data/data-table';

type NumberColumn = ReturnType<typeof numericColumns>[number];

/** Record identifiers (pid, id, row numbers) are numbers but not measurements. */
export function isIdLike(name: string): boolean {
  return /^(p?id|id[\s_-].*|.*[\s_-]id|n[º°o.]?|#|row|fila|registro|record)$/i.test(name.trim());
}

/** The numeric columns worth showing first: measurements, not identifiers (all when only ids). */
export function measurementColumns(table: DataTable): NumberColumn[] {
  const numeric = numericColumns(table);
  const measured = numeric.filter((c) => !isIdLike(c.name));
  return measured.length > 0 ? measured : numeric;
}
