/**
 * A hybrid logical clock: wall-clock milliseconds with a counter, so that
 * an operation written after seeing another always carries a later time,
 * even when this workstation's clock is behind the one that wrote it. The
 * text form sorts in time order (fixed width), which is how PostgreSQL
 * compares them: (clock, workstation) decides last-writer-wins.
 */
export interface Hlc {
  ms: number;
  n: number;
}

const MAX_COUNTER = 999_999;

export function formatHlc(t: Hlc): string {
  return `${String(t.ms).padStart(15, '0')}:${String(t.n).padStart(6, '0')}`;
}

export function parseHlc(text: string): Hlc {
  const m = /^(\d{15}):(\d{6})$/.exec(text);
  if (!m) throw new Error(`not a hybrid logical clock time: ${text}`);
  return { ms: Number(m[1]), n: Number(m[2]) };
}

function after(t: Hlc): Hlc {
  return t.n < MAX_COUNTER ? { ms: t.ms, n: t.n + 1 } : { ms: t.ms + 1, n: 0 };
}

/** The time of a new local operation. */
export function tick(last: Hlc, now: number): Hlc {
  return now > last.ms ? { ms: now, n: 0 } : after(last);
}

/** The clock after seeing a remote operation's time: never behind it. */
export function receive(last: Hlc, remote: Hlc, now: number): Hlc {
  const top = remote.ms > last.ms || (remote.ms === last.ms && remote.n > last.n) ? remote : last;
  return now > top.ms ? { ms: now, n: 0 } : after(top);
}
