/** A quiet "still fetching" line that takes the room the content will need. */
export function LoadingLine({ label }: { label: string }) {
  return (
    <p className="busy-line" role="status">
      <span className="spinner" aria-hidden="true" />
      <span>{label}</span>
    </p>
  );
}
