import { errorText } from '../../../api/error-text';
import { useDeleteWindow } from '../../../api/maintenance';
import { Button } from '../../../components/Button';
import { Dialog } from '../../../components/Dialog';
import { Notice } from '../../../components/Notice';
import type { ListedWindow } from './WindowRow';

export function DeleteWindowDialog({ listed, targetName, onClose, onDeleted }: { listed: ListedWindow; targetName: string; onClose: () => void; onDeleted: () => void }) {
  const remove = useDeleteWindow();
  return (
    <Dialog title={`Delete the window for ${targetName}?`} onClose={onClose}>
      <p>
        {listed.active
          ? `It is on now: alerts for ${targetName} start again at once, and anything already failing is reported.`
          : `It will not hold back alerts for ${targetName}.`}
      </p>
      {remove.isError && <Notice tone="error" title="The window was not deleted">{errorText(remove.error)}</Notice>}
      <div className="dialog-actions">
        <Button onClick={onClose} autoFocus>
          Cancel
        </Button>
        <Button variant="danger" icon="trash" pending={remove.isPending} onClick={() => remove.mutate(listed.window.id, { onSuccess: onDeleted })}>
          Delete window
        </Button>
      </div>
    </Dialog>
  );
}
