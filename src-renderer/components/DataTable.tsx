import type { ReactNode } from 'react';

/** A column heading, with a class for the column's width (e.g. "shrink"). */
export type Column = string | { label: string; className?: string };

/**
 * The frame every table here shares: a caption (on screen, or for assistive
 * technology only where the screen's heading already says it), the column
 * headings, the rows, and a line across the table when there are none.
 */
export function DataTable({ caption, captionHidden = false, columns, className, busy = false, empty, children }: {
  caption: string;
  captionHidden?: boolean;
  columns: readonly Column[];
  className?: string;
  /** Rows are being fetched; the ones shown stay until the new ones arrive. */
  busy?: boolean;
  /** Said across the table in place of rows; leave it out while there are some. */
  empty?: ReactNode;
  children?: ReactNode;
}) {
  return (
    <div className="table-wrap">
      <table className={['table', className].filter(Boolean).join(' ')} aria-busy={busy || undefined}>
        <caption className={captionHidden ? 'visually-hidden' : undefined}>{caption}</caption>
        <thead>
          <tr>
            {columns.map((column) => {
              const { label, className: columnClass } = typeof column === 'string' ? { label: column, className: undefined } : column;
              return (
                <th key={label} scope="col" className={columnClass}>
                  {label}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {children}
          {empty && (
            <tr>
              <td colSpan={columns.length} className="empty">
                {empty}
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}
