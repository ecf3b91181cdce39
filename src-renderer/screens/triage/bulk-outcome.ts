import { errorText } from '../../api/error-text';

export interface BulkOutcome {
  done: number;
  failed: { key: string; error: unknown }[];
}

/** What a triage action did, to say once its dialog closes: "Priority High on 3 tickets; VIG-12 refused: …". */
export function outcomeText(what: string, outcome: BulkOutcome): string {
  const done = outcome.done === 0 ? '' : `${what} on ${outcome.done === 1 ? '1 ticket' : `${outcome.done} tickets`}.`;
  const refused = outcome.failed.map((f) => `${f.key} refused: ${errorText(f.error)}`).join(' ');
  return [done, refused].filter(Boolean).join(' ');
}
