import { Notice } from '../../components/Notice';

/**
 * What the last acknowledge or resolve did, or why a key did nothing, in one
 * polite live region that stays in the page (a region that appears with its
 * text is often not announced).
 */
export function ResponseOutcome({ done, note }: { done: string | null; note: string | null }) {
  return (
    <div role="status" className="done-message">
      {done && (
        <Notice tone="success" live={false}>
          {done}
        </Notice>
      )}
      {note && (
        <Notice tone="info" live={false}>
          {note}
        </Notice>
      )}
    </div>
  );
}
