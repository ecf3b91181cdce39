import type { NotifyChannel } from '../../../../src-shared/contract';
import { errorText } from '../../../api/error-text';
import { useNotifyChannels } from '../../../api/notify';
import { Button } from '../../../components/Button';
import { DoneMessage } from '../../../components/DoneMessage';
import { LoadingLine } from '../../../components/LoadingLine';
import { Notice } from '../../../components/Notice';
import { ScreenHeader } from '../../../components/ScreenHeader';
import { useDialogs } from '../../../lib/use-dialogs';
import { ChannelFormDialog } from './ChannelFormDialog';
import { ChannelsTable } from './ChannelsTable';
import { KIND_LABELS } from './channel-words';
import { DeleteChannelDialog } from './DeleteChannelDialog';
import { DeliveryLog } from './DeliveryLog';

type OpenDialog = { kind: 'add' } | { kind: 'edit'; channel: NotifyChannel } | { kind: 'delete'; channel: NotifyChannel };

export function NotificationsSection() {
  const channels = useNotifyChannels();
  const { dialog, done, clearDone, open, close, finish } = useDialogs<OpenDialog>();
  const list = channels.data?.channels ?? [];

  return (
    <>
      <ScreenHeader
        eyebrow="Settings"
        title="Notifications"
        intro="Where alerts are sent besides this console. Each channel gets the severities it asks for, from the escalation level it asks for; acknowledgements and resolutions follow. Send test checks a channel end to end."
        actions={
          <Button variant="primary" icon="plus" onClick={() => open({ kind: 'add' })}>
            New channel
          </Button>
        }
      />
      <DoneMessage message={done} />
      {channels.isError && (
        <Notice tone="error" title={channels.data ? 'Could not refresh the channels: what is shown may be out of date' : 'Could not load the channels'}>
          {errorText(channels.error)}
        </Notice>
      )}
      {channels.isPending && <LoadingLine label="Loading channels…" />}
      {channels.data && (
        <>
          <ChannelsTable channels={list} onEdit={(channel) => open({ kind: 'edit', channel })} onDelete={(channel) => open({ kind: 'delete', channel })} onAction={clearDone} />
          <DeliveryLog channels={list} />
        </>
      )}
      {(dialog?.kind === 'add' || dialog?.kind === 'edit') && (
        <ChannelFormDialog
          channel={dialog.kind === 'edit' ? dialog.channel : null}
          onClose={close}
          onSaved={(saved) =>
            finish(dialog.kind === 'add' ? `Added ${KIND_LABELS[saved.settings.kind]} channel ${saved.settings.name}. Send test tries it.` : `Saved ${saved.settings.name}.`)
          }
        />
      )}
      {dialog?.kind === 'delete' && (
        <DeleteChannelDialog channel={dialog.channel} onClose={close} onDeleted={() => finish(`Deleted ${dialog.channel.settings.name}.`)} />
      )}
    </>
  );
}
