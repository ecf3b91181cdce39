import { useEffect, useState } from 'react';

/** The current time, refreshed on a timer, so "3 min ago" on a wall display does not stand still. */
export function useNow(everyMs = 30_000): number {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}
