import { Notice } from './Notice';

/**
 * The last action's outcome, in a polite live region that stays in the page
 * even while empty: a region that appears together with its text is often
 * not announced, and an emptied one says nothing.
 */
export function DoneMessage({ message }: { message: string | null }) {
  return (
    <div role="status" className="done-message">
      {message && (
        <Notice tone="success" live={false}>
          {message}
        </Notice>
      )}
    </div>
  );
}
