import type { NotifyChannel } from '../../../../src-shared/contract';
import { useTestChannel } from '../../../api/notify';
import { Button } from '../../../components/Button';
import { StatusLabel } from '../../../components/StatusLabel';
import { ChannelHealth } from './ChannelHealth';
import { KIND_LABELS, sendsWords } from './channel-words';
import { TestOutcome } from './TestOutcome';

export const CHANNEL_COLUMNS = ['Name', 'Kind', 'Enabled', 'Sends', 'Health', 'Actions'] as const;

/** One channel; its test result shows under it until the next test. */
export function ChannelRow({ channel, now, onEdit, onDelete, onAction }: {
  channel: NotifyChannel;
  now: number;
  onEdit: () => void;
  onDelete: () => void;
  /** Something was done here: what the last dialog did is old news. */
  onAction: () => void;
}) {
  const test = useTestChannel();
  const { settings } = channel;
  return (
    <>
      <tr>
        <th scope="row">{settings.name}</th>
        <td className="nowrap">{KIND_LABELS[settings.kind]}</td>
        <td>
          {settings.enabled ? (
            <StatusLabel tone="ok" icon="check">
              On
            </StatusLabel>
          ) : (
            <StatusLabel tone="muted" icon="minus">
              Off
            </StatusLabel>
          )}
        </td>
        <td>
          {sendsWords(settings.minSeverity, settings.fromLevel)}
          {settings.safetyOfficers && <span className="cell-note">Safety officers’ route</span>}
        </td>
        <td>
          <ChannelHealth health={channel.health} now={now} />
        </td>
        <td className="shrink">
          <div className="row-actions">
            <Button
              icon="play"
              pending={test.isPending}
              onClick={() => {
                onAction();
                test.mutate(channel.id);
              }}
            >
              Send test<span className="visually-hidden"> to {settings.name}</span>
            </Button>
            <Button icon="pencil" onClick={onEdit}>
              Edit<span className="visually-hidden"> {settings.name}</span>
            </Button>
            <Button variant="danger" icon="trash" onClick={onDelete}>
              Delete<span className="visually-hidden"> {settings.name}</span>
            </Button>
          </div>
        </td>
      </tr>
      {(test.isSuccess || test.isError) && (
        <tr className="row-outcome">
          <td colSpan={CHANNEL_COLUMNS.length}>
            <TestOutcome kind={settings.kind} result={test.data} error={test.error} />
          </td>
        </tr>
      )}
    </>
  );
}
