import { useEffect, useState } from 'react';
import { wallClockFromDate } from '../../domain/wall-clock';

/** The device's wall-clock time (ms as UTC, to the minute), refreshed every `everyMs`. */
export function useWallClock(everyMs = 30_000): number {
  const [now, setNow] = useState(() => wallClockFromDate());
  useEffect(() => {
    const id = setInterval(() => setNow(wallClockFromDate()), everyMs);
    return () => clearInterval(id);
  }, [everyMs]);
  return now;
}
