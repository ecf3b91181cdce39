import type { WallDisplay } from '../../../../src-shared/contract';
import { errorText } from '../../../api/error-text';
import { useRevokeDisplay } from '../../../api/displays';
import { Button } from '../../../components/Button';
import { Dialog } from '../../../components/Dialog';
import { Notice } from '../../../components/Notice';

export function RemoveDisplayDialog({ display, onClose, onRemoved }: { display: WallDisplay; onClose: () => void; onRemoved: () => void }) {
  const revoke = useRevokeDisplay();
  return (
    <Dialog title={`Remove ${display.name}?`} onClose={onClose}>
      <p>
        {display.state === 'paired'
          ? 'Its screen stops showing the board at once and asks for a pairing code again. Its browser can no longer connect.'
          : 'Its pairing code stops working.'}
      </p>
      {revoke.isError && <Notice tone="error" title={`${display.name} was not removed`}>{errorText(revoke.error)}</Notice>}
      <div className="dialog-actions">
        <Button onClick={onClose} autoFocus>
          Cancel
        </Button>
        <Button variant="danger" icon="trash" pending={revoke.isPending} onClick={() => revoke.mutate(display.id, { onSuccess: onRemoved })}>
          Remove display
        </Button>
      </div>
    </Dialog>
  );
}
