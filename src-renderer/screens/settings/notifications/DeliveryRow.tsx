import type { ChannelKind, Delivery } from '../../../../src-shared/contract';
import { StatusLabel } from '../../../components/StatusLabel';
import { localDateTime } from '../../../lib/time';
import { answerWords, EVENT_WORDS } from './channel-words';

export const DELIVERY_COLUMNS = ['Time', 'Channel', 'Event', 'Alert', 'Attempt', 'Outcome', 'Answer'] as const;

function Outcome({ outcome }: { outcome: Delivery['outcome'] }) {
  switch (outcome) {
    case 'delivered':
      return (
        <StatusLabel tone="ok" icon="check">
          Delivered
        </StatusLabel>
      );
    case 'retrying':
      return (
        <StatusLabel tone="warn" icon="warning">
          Retrying
        </StatusLabel>
      );
    case 'failed':
      return (
        <StatusLabel tone="bad" icon="cross">
          Failed
        </StatusLabel>
      );
  }
}

/** One attempt to deliver one notification. */
export function DeliveryRow({ delivery, channel, alertTitle }: {
  delivery: Delivery;
  /** The channel as it is now; null once deleted. */
  channel: { name: string; kind: ChannelKind } | null;
  /** null: a test, or an alert no longer in the list. */
  alertTitle: string | null;
}) {
  const answer = answerWords(channel?.kind ?? 'webhook', delivery.status, delivery.error);
  return (
    <tr>
      <td className="nowrap num">{localDateTime(delivery.at)}</td>
      <td>{channel?.name ?? <span className="muted">Deleted channel</span>}</td>
      <td className="nowrap">{EVENT_WORDS[delivery.event]}</td>
      <td>{delivery.event === 'test' ? <span className="muted">Test message</span> : (alertTitle ?? <code className="hash">{delivery.alertId}</code>)}</td>
      {/* Attempt 0 is a notification dropped before any try (queue full, Vigil stopping). */}
      <td className="num">{delivery.attempt === 0 ? 'Not tried' : delivery.attempt}</td>
      <td className="nowrap">
        <Outcome outcome={delivery.outcome} />
      </td>
      <td className="delivery-answer">{answer || <span className="muted">—</span>}</td>
    </tr>
  );
}
