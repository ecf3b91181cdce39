import type { NotifyChannel } from '../../../../src-shared/contract';
import { DataTable } from '../../../components/DataTable';
import { useNow } from '../../../lib/use-now';
import { CHANNEL_COLUMNS, ChannelRow } from './ChannelRow';

export function ChannelsTable({ channels, onEdit, onDelete, onAction }: {
  channels: NotifyChannel[];
  onEdit: (channel: NotifyChannel) => void;
  onDelete: (channel: NotifyChannel) => void;
  onAction: () => void;
}) {
  const now = useNow();
  return (
    <DataTable
      caption="Channels"
      captionHidden
      columns={CHANNEL_COLUMNS}
      className="channels-table"
      empty={channels.length === 0 ? 'No channels yet: alerts show in Vigil only. New channel adds Slack, a webhook, PagerDuty or e-mail.' : null}
    >
      {channels.map((channel) => (
        <ChannelRow key={channel.id} channel={channel} now={now} onEdit={() => onEdit(channel)} onDelete={() => onDelete(channel)} onAction={onAction} />
      ))}
    </DataTable>
  );
}
