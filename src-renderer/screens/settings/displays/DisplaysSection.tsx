import type { ChannelOutput, WallDisplay } from '../../../../src-shared/contract';
import { errorText } from '../../../api/error-text';
import { useNewDisplayCode, useWallDisplays } from '../../../api/displays';
import { Button } from '../../../components/Button';
import { DataTable } from '../../../components/DataTable';
import { DoneMessage } from '../../../components/DoneMessage';
import { LoadingLine } from '../../../components/LoadingLine';
import { Notice } from '../../../components/Notice';
import { ScreenHeader } from '../../../components/ScreenHeader';
import { useDialogs } from '../../../lib/use-dialogs';
import { useNow } from '../../../lib/use-now';
import { AddDisplayDialog } from './AddDisplayDialog';
import { DISPLAY_COLUMNS, DisplayRow } from './DisplayRow';
import { PairingCodeDialog } from './PairingCodeDialog';
import { RemoveDisplayDialog } from './RemoveDisplayDialog';

type OpenDialog = { kind: 'add' } | { kind: 'code'; made: ChannelOutput<'displays.create'> } | { kind: 'remove'; display: WallDisplay };

/**
 * Settings → Wall displays: screens that show the board and the alerts in
 * large type with nobody signed in, paired with a one-time code, each with
 * when it was last heard from, and removed from here.
 */
export function DisplaysSection() {
  const displays = useWallDisplays();
  const newCode = useNewDisplayCode();
  const now = useNow(10_000);
  const { dialog, done, open, close, finish } = useDialogs<OpenDialog>();
  const list = displays.data?.displays ?? [];

  return (
    <>
      <ScreenHeader
        eyebrow="Settings"
        title="Wall displays"
        intro="A wall display shows the status board and the active alerts, read-only and in large type, and stays on while workstations lock. It never shows patient data, cannot act, and holds no account: each is paired once with a code and keeps working until it is removed here."
        actions={
          <Button variant="primary" icon="plus" onClick={() => open({ kind: 'add' })}>
            Add wall display
          </Button>
        }
      />
      <DoneMessage message={done} />
      {displays.isError && <Notice tone="error" title="Could not load the wall displays">{errorText(displays.error)}</Notice>}
      {newCode.isError && <Notice tone="error" title="No new code was made">{errorText(newCode.error)}</Notice>}
      {displays.isPending && <LoadingLine label="Loading wall displays…" />}
      {displays.data && (
        <DataTable
          caption="Wall displays"
          captionHidden
          columns={DISPLAY_COLUMNS}
          className="displays-table"
          empty={list.length === 0 ? 'No wall displays yet. Add one, then enter its code on the wall.' : null}
        >
          {list.map((display) => (
            <DisplayRow
              key={display.id}
              display={display}
              now={now}
              newCodePending={newCode.isPending && newCode.variables === display.id}
              onNewCode={() => newCode.mutate(display.id, { onSuccess: (made) => open({ kind: 'code', made }) })}
              onRemove={() => open({ kind: 'remove', display })}
            />
          ))}
        </DataTable>
      )}
      {dialog?.kind === 'add' && <AddDisplayDialog onClose={close} onAdded={(made) => open({ kind: 'code', made })} />}
      {dialog?.kind === 'code' && <PairingCodeDialog display={dialog.made.display} code={dialog.made.code} onClose={close} />}
      {dialog?.kind === 'remove' && (
        <RemoveDisplayDialog display={dialog.display} onClose={close} onRemoved={() => finish(`Removed ${dialog.display.name}. Its screen now asks for a pairing code.`)} />
      )}
    </>
  );
}
