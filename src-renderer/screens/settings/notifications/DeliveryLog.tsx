import { useId, useState } from 'react';
import type { NotifyChannel } from '../../../../src-shared/contract';
import { ALERT_LIST_MAX } from '../../../../src-shared/monitoring';
import { useAlerts } from '../../../api/alerts';
import { errorText } from '../../../api/error-text';
import { useDeliveries } from '../../../api/notify';
import { DataTable } from '../../../components/DataTable';
import { SelectField } from '../../../components/Field';
import { LoadingLine } from '../../../components/LoadingLine';
import { Notice } from '../../../components/Notice';
import { DELIVERY_COLUMNS, DeliveryRow } from './DeliveryRow';

/** Alert titles by id, so the log names what was sent rather than an opaque id. */
function useAlertTitles(): Map<string, string> {
  const alerts = useAlerts({ status: 'all', limit: ALERT_LIST_MAX });
  return new Map((alerts.data?.alerts ?? []).map((a) => [a.id, a.title]));
}

/** Every attempt to deliver, newest first, for all channels or one. */
export function DeliveryLog({ channels }: { channels: NotifyChannel[] }) {
  const headingId = useId();
  const [channelId, setChannelId] = useState<string | null>(null);
  const deliveries = useDeliveries(channelId);
  const titles = useAlertTitles();
  const channelOf = (id: string) => {
    const found = channels.find((c) => c.id === id);
    return found ? { name: found.settings.name, kind: found.settings.kind } : null;
  };
  const list = deliveries.data?.deliveries ?? [];
  return (
    <section className="delivery-log" aria-labelledby={headingId}>
      <h2 id={headingId}>Delivery log</h2>
      <div className="inline-form">
        <SelectField label="Channel" value={channelId ?? ''} onChange={(event) => setChannelId(event.target.value || null)}>
          <option value="">All channels</option>
          {channels.map((c) => (
            <option key={c.id} value={c.id}>
              {c.settings.name}
            </option>
          ))}
        </SelectField>
      </div>
      {deliveries.isError && <Notice tone="error" title="Could not load the delivery log">{errorText(deliveries.error)}</Notice>}
      {deliveries.isPending ? (
        <LoadingLine label="Loading the delivery log…" />
      ) : (
        <DataTable
          caption="Deliveries"
          captionHidden
          columns={DELIVERY_COLUMNS}
          className="delivery-table"
          busy={deliveries.isFetching}
          empty={deliveries.isSuccess && list.length === 0 ? 'Nothing sent yet. Send test on a channel tries it out.' : null}
        >
          {list.map((d) => (
            <DeliveryRow key={`${d.channelId}-${d.alertId}-${d.event}-${d.attempt}-${d.at}`} delivery={d} channel={channelOf(d.channelId)} alertTitle={titles.get(d.alertId) ?? null} />
          ))}
        </DataTable>
      )}
    </section>
  );
}
