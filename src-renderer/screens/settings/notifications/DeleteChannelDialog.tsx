import type { NotifyChannel } from '../../../../src-shared/contract';
import { errorText } from '../../../api/error-text';
import { useDeleteChannel } from '../../../api/notify';
import { Button } from '../../../components/Button';
import { Dialog } from '../../../components/Dialog';
import { Notice } from '../../../components/Notice';

export function DeleteChannelDialog({ channel, onClose, onDeleted }: { channel: NotifyChannel; onClose: () => void; onDeleted: () => void }) {
  const remove = useDeleteChannel();
  const { name } = channel.settings;
  return (
    <Dialog title={`Delete ${name}?`} onClose={onClose}>
      <p>
        Alerts are no longer sent to {name}.{channel.hasSecret && ' Its credential is removed from the keychain.'}
      </p>
      {remove.isError && <Notice tone="error" title={`${name} was not deleted`}>{errorText(remove.error)}</Notice>}
      <div className="dialog-actions">
        <Button onClick={onClose} autoFocus>
          Cancel
        </Button>
        <Button variant="danger" icon="trash" pending={remove.isPending} onClick={() => remove.mutate(channel.id, { onSuccess: onDeleted })}>
          Delete channel
        </Button>
      </div>
    </Dialog>
  );
}
