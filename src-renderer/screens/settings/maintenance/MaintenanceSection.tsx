import { useBoard } from '../../../api/monitor';
import { errorText } from '../../../api/error-text';
import { useMaintenanceWindows } from '../../../api/maintenance';
import { Button } from '../../../components/Button';
import { DataTable } from '../../../components/DataTable';
import { DoneMessage } from '../../../components/DoneMessage';
import { LoadingLine } from '../../../components/LoadingLine';
import { Notice } from '../../../components/Notice';
import { ScreenHeader } from '../../../components/ScreenHeader';
import { useDialogs } from '../../../lib/use-dialogs';
import { useNow } from '../../../lib/use-now';
import { DeleteWindowDialog } from './DeleteWindowDialog';
import { WindowFormDialog } from './WindowFormDialog';
import { WINDOW_COLUMNS, WindowRow, type ListedWindow } from './WindowRow';

type OpenDialog = { kind: 'create' } | { kind: 'delete'; listed: ListedWindow };

/** On now first, then by when they next start; those that are over last. */
function byUrgency(a: ListedWindow, b: ListedWindow): number {
  if (a.active !== b.active) return a.active ? -1 : 1;
  return (a.next?.start ?? Infinity) - (b.next?.start ?? Infinity);
}

/** A window's target by name: the board's, or all of them. */
function useTargetName(): (targetId: string | null) => string {
  const board = useBoard();
  return (targetId) => (targetId === null ? 'All targets' : (board.data?.tiles.find((t) => t.targetId === targetId)?.name ?? targetId));
}

export function MaintenanceSection() {
  const windows = useMaintenanceWindows();
  const nameOf = useTargetName();
  const now = useNow();
  const { dialog, done, open, close, finish } = useDialogs<OpenDialog>();
  const list = [...(windows.data?.windows ?? [])].sort(byUrgency);

  return (
    <>
      <ScreenHeader
        eyebrow="Settings"
        title="Maintenance windows"
        intro="Planned work on a target, or on all of them. While a window is on, the target shows MAINTENANCE on the board and its failures raise no alerts; probing goes on, so the board still shows whether it is really up."
        actions={
          <Button variant="primary" icon="plus" onClick={() => open({ kind: 'create' })}>
            Plan a window
          </Button>
        }
      />
      <DoneMessage message={done} />
      {windows.isError && <Notice tone="error" title="Could not load the maintenance windows">{errorText(windows.error)}</Notice>}
      {windows.isPending && <LoadingLine label="Loading maintenance windows…" />}
      {windows.data && (
        <DataTable
          caption="Maintenance windows"
          captionHidden
          columns={WINDOW_COLUMNS}
          className="windows-table"
          empty={list.length === 0 ? 'No maintenance planned. Plan a window before upgrades and vendor downtime, so they raise no alerts.' : null}
        >
          {list.map((listed) => (
            <WindowRow
              key={listed.window.id}
              listed={listed}
              targetName={nameOf(listed.window.targetId)}
              now={now}
              onDelete={() => open({ kind: 'delete', listed })}
            />
          ))}
        </DataTable>
      )}
      {dialog?.kind === 'create' && (
        <WindowFormDialog onClose={close} onCreated={(created) => finish(`Planned a ${created.kind === 'once' ? 'one-off' : 'recurring'} window for ${nameOf(created.targetId)}.`)} />
      )}
      {dialog?.kind === 'delete' && (
        <DeleteWindowDialog
          listed={dialog.listed}
          targetName={nameOf(dialog.listed.window.targetId)}
          onClose={close}
          onDeleted={() => finish(`Deleted the window for ${nameOf(dialog.listed.window.targetId)}.`)}
        />
      )}
    </>
  );
}
