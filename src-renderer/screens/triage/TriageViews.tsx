import type { SavedView } from '../../../src-shared/tickets';
import { useDeleteView } from '../../api/tickets';
import { errorText } from '../../api/error-text';
import { Button } from '../../components/Button';
import { Notice } from '../../components/Notice';

/** The views as a row of toggle buttons: the built-in ones for everyone, then the person's own, which they may delete. */
export function TriageViews({ views, currentId, onShow, onSave }: { views: readonly SavedView[]; currentId: string; onShow: (id: string) => void; onSave: () => void }) {
  const remove = useDeleteView();
  return (
    <div className="triage-views">
      <ul className="view-tabs" aria-label="Views">
        {views.map((view) => (
          <li key={view.id} className="view-tab-item">
            <button type="button" className="view-tab" aria-pressed={view.id === currentId} onClick={() => onShow(view.id)}>
              {view.name}
            </button>
            {!view.builtIn && (
              <Button
                variant="link"
                icon="cross"
                className="view-delete"
                aria-label={`Delete the view ${view.name}`}
                pending={remove.isPending && remove.variables === view.id}
                onClick={() => remove.mutate(view.id, { onSuccess: () => view.id === currentId && onShow(views[0]!.id) })}
              />
            )}
          </li>
        ))}
        <li>
          <Button variant="link" icon="plus" onClick={onSave}>
            Save as a view
          </Button>
        </li>
      </ul>
      {remove.error != null && <Notice tone="error" title="The view was not deleted">{errorText(remove.error)}</Notice>}
    </div>
  );
}
