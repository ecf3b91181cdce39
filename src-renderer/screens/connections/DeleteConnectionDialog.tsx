import type { Connection } from '../../../src-shared/contract';
import { useDeleteConnection } from '../../api/connections';
import { errorText } from '../../api/error-text';
import { Button } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import { Notice } from '../../components/Notice';

export function DeleteConnectionDialog({ connection, onClose, onDeleted }: { connection: Connection; onClose: () => void; onDeleted: () => void }) {
  const remove = useDeleteConnection();
  const { name } = connection.config;
  return (
    <Dialog title={`Delete ${name}?`} onClose={onClose}>
      <p>
        Vigil stops monitoring {name}, forgets its settings and test history, and removes its credential from the keychain.
        {connection.config.authMode === 'private_key_jwt' && ' The key pair is gone for good: a new connection needs a new key registered with the vendor.'}
      </p>
      {remove.isError && <Notice tone="error" title={`${name} was not deleted`}>{errorText(remove.error)}</Notice>}
      <div className="dialog-actions">
        <Button onClick={onClose} autoFocus>
          Cancel
        </Button>
        <Button variant="danger" icon="trash" pending={remove.isPending} onClick={() => remove.mutate({ id: connection.id }, { onSuccess: onDeleted })}>
          Delete connection
        </Button>
      </div>
    </Dialog>
  );
}
