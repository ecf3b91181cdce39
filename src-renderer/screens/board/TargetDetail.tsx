import { useEffect, useRef } from 'react';
import type { UserSummary } from '../../../src-shared/contract';
import { connectionIdOf, type ChartRangeId } from '../../../src-shared/monitoring';
import { can } from '../../../src-shared/roles';
import { errorText } from '../../api/error-text';
import { useBoard, usePauseTarget, useResumeTarget, useTargetDetail } from '../../api/monitor';
import { isVigilError } from '../../api/vigil-error';
import { DoneMessage } from '../../components/DoneMessage';
import { LoadingLine } from '../../components/LoadingLine';
import { Notice } from '../../components/Notice';
import { useDialogs } from '../../lib/use-dialogs';
import { useNow } from '../../lib/use-now';
import { DetailHeader } from './DetailHeader';
import { DetailPanels } from './DetailPanels';
import { MonitorSettingsDialog } from './MonitorSettingsDialog';
import { TargetActions } from './TargetActions';
import { useEscape } from './use-escape';
import { useVendorLabel } from './use-vendor-label';

const CLOCK_MS = 10_000;

/**
 * One target in full, in place of the board: how it is now, how it has
 * been over the chosen range, its last run, its alerts and its maintenance.
 * Back (or Escape) returns to the board.
 */
export function TargetDetail({ targetId, range, user, onRange, onClose, onShowSetup }: {
  targetId: string;
  range: ChartRangeId;
  user: UserSummary;
  onRange: (range: ChartRangeId) => void;
  onClose: () => void;
  onShowSetup: (connectionId: number) => void;
}) {
  const detail = useTargetDetail(targetId, range);
  const board = useBoard();
  const pause = usePauseTarget();
  const resume = useResumeTarget();
  const { dialog, done, open, close, finish, clearDone } = useDialogs<'settings'>();
  const vendorLabel = useVendorLabel();
  const now = useNow(CLOCK_MS);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
  }, []);
  useEscape(onClose);

  const tiles = board.data?.tiles ?? [];
  // The board's tile names the target at once; the detail's own copy is fresher once it arrives.
  const tile = detail.data?.tile ?? tiles.find((t) => t.targetId === targetId) ?? null;
  const canManage = can(user.role, 'monitor.manage');
  const connectionId = connectionIdOf(targetId);
  const name = tile?.name ?? 'Monitored target';
  const gone = !tile && isVigilError(detail.error, 'NOT_FOUND');

  const togglePause = (paused: boolean) => {
    clearDone();
    const mutation = paused ? resume : pause;
    mutation.mutate(
      { targetId },
      { onSuccess: () => finish(paused ? `Resumed monitoring of ${name}.` : `Paused monitoring of ${name}: Vigil stops probing it until it is resumed.`) },
    );
  };

  return (
    <section className="target-detail" aria-labelledby="detail-title">
      <DetailHeader
        name={name}
        vendor={tile?.kind === 'workstation' ? tile.name : vendorLabel(tile?.vendor ?? null)}
        tile={tile}
        intervalMs={detail.data?.settings.plan.intervalMs ?? null}
        now={now}
        headingRef={heading}
        onBack={onClose}
        actions={
          <TargetActions
            tile={tile}
            canManage={canManage}
            pausing={pause.isPending || resume.isPending}
            onPause={() => togglePause(false)}
            onResume={() => togglePause(true)}
            onSettings={detail.data ? () => open('settings') : null}
            onSetup={connectionId === null ? null : () => onShowSetup(connectionId)}
          />
        }
      />
      <DoneMessage message={done} />
      {(pause.isError || resume.isError) && (
        <Notice tone="error" title={pause.isError ? 'Monitoring was not paused' : 'Monitoring was not resumed'}>
          {errorText(pause.error ?? resume.error)}
        </Notice>
      )}
      {gone ? (
        <Notice tone="warning" title="This target is no longer monitored">
          Its connection was removed or disabled. Back to the board shows what is watched now.
        </Notice>
      ) : (
        detail.isError && (
          <Notice tone="error" title={detail.data ? 'Could not refresh this view: what is shown may be out of date' : 'Could not load this view'}>
            {errorText(detail.error)}
          </Notice>
        )
      )}
      {detail.isPending && !gone && <LoadingLine label="Loading charts, runs and alerts…" />}
      {detail.data && (
        <DetailPanels
          detail={detail.data}
          range={range}
          switching={detail.isPlaceholderData}
          canRespond={can(user.role, 'alerts.respond')}
          now={now}
          onRange={onRange}
        />
      )}
      {dialog === 'settings' && detail.data && (
        <MonitorSettingsDialog
          tile={detail.data.tile}
          settings={detail.data.settings}
          others={tiles.filter((t) => t.targetId !== targetId)}
          onClose={close}
          onSaved={() => finish(`Saved the monitoring settings of ${name}.`)}
        />
      )}
    </section>
  );
}
