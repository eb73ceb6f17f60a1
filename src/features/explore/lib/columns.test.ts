import { describe, expect, it } from 'vitest';
import { isIdLike } from './columns';

describe('identifier columns', () => {
  it('recognises record ids but not measurements', () => {
    for (const name of ['pid', 'ID', 'id_reporte', 'report_id', 'Nº', 'fila'])
      expect(isIdLike(name), name).toBe(true);
    for (const name of ['pH', 'raw_turb', 'Dosis alumbre (mg/L)', 'idle_time', 'rapid'])
      expect(isIdLike(name), name).toBe(false);
  });
});
