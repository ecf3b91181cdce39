import type { Connection, UserSummary } from '../../../src-shared/contract';
import { can } from '../../../src-shared/roles';
import { useConnections, useConnectionTests } from '../../api/connections';
import { useVendors } from '../../api/ehr';
import { errorText } from '../../api/error-text';
import { Button } from '../../components/Button';
import { DoneMessage } from '../../components/DoneMessage';
import { LoadingLine } from '../../components/LoadingLine';
import { Notice } from '../../components/Notice';
import { ScreenHeader } from '../../components/ScreenHeader';
import { useDialogs } from '../../lib/use-dialogs';
import { useUiStore } from '../../state/ui-store';
import { StatusBoard } from '../board/StatusBoard';
import { TargetDetail } from '../board/TargetDetail';
import { useConnectionsView } from '../board/view-store';
import { tabPanelProps, ViewTabs } from '../board/ViewTabs';
import { ConnectionDetails } from './ConnectionDetails';
import { ConnectionFormDialog } from './ConnectionFormDialog';
import { ConnectionsTable } from './ConnectionsTable';
import { DeleteConnectionDialog } from './DeleteConnectionDialog';

type OpenDialog = { kind: 'add' } | { kind: 'edit'; connection: Connection } | { kind: 'delete'; connection: Connection };

/** Setting connections up and testing them: the list, its forms, diagnostics and the patient snapshot. */
function SetupView({ user }: { user: UserSummary }) {
  const connections = useConnections();
  const vendors = useVendors();
  const tests = useConnectionTests();
  const pickedId = useUiStore((s) => s.connectionId);
  const select = useUiStore((s) => s.selectConnection);
  const { dialog, done, open, close, finish } = useDialogs<OpenDialog>();
  const canManage = can(user.role, 'connections.manage');

  const list = connections.data?.connections ?? [];
  const selected = list.find((c) => c.id === pickedId) ?? list[0] ?? null;
  const vendorList = vendors.data?.vendors ?? [];
  const vendorOf = (c: Connection) => vendorList.find((v) => v.id === c.config.vendor);

  return (
    <>
      <div className="view-intro">
        <p className="screen-intro">
          Each EHR endpoint Vigil watches, with the result of its last test. Test now runs every check again and shows each step as it happens.
        </p>
        {canManage && (
          // The form needs the vendor profiles for its defaults.
          <Button variant="primary" icon="plus" pending={vendors.isPending} onClick={() => open({ kind: 'add' })}>
            Add connection
          </Button>
        )}
      </div>
      <DoneMessage message={done} />
      {vendors.isError && <Notice tone="error" title="Could not load the vendor profiles">{errorText(vendors.error)}</Notice>}
      {connections.isError && (
        // A failed refresh keeps the last list on screen: a wall display should not go blank over one hiccup.
        <Notice tone="error" title={connections.data ? 'Could not refresh the connections: what is shown may be out of date' : 'Could not load the connections'}>
          {errorText(connections.error)}
        </Notice>
      )}
      {connections.isPending && <LoadingLine label="Loading connections…" />}
      {connections.isSuccess && list.length === 0 && (
        <p className="empty-screen">{canManage ? 'No connections yet. Add connection sets up the first one.' : 'No connections yet. An administrator adds them.'}</p>
      )}
      {list.length > 0 && (
        <>
          <ConnectionsTable
            connections={list}
            vendorLabel={(c) => vendorOf(c)?.label ?? c.config.vendor}
            selectedId={selected?.id ?? null}
            tests={tests}
            canTest={can(user.role, 'connections.test')}
            onSelect={select}
          />
          {selected && (
            <ConnectionDetails
              connection={selected}
              vendor={vendorOf(selected)}
              run={tests.runs[selected.id]}
              canManage={canManage}
              canSeePatients={can(user.role, 'phi.view')}
              onEdit={() => open({ kind: 'edit', connection: selected })}
              onDelete={() => open({ kind: 'delete', connection: selected })}
            />
          )}
        </>
      )}
      {vendors.data && (dialog?.kind === 'add' || dialog?.kind === 'edit') && (
        <ConnectionFormDialog
          connection={dialog.kind === 'edit' ? dialog.connection : null}
          vendors={vendors.data.vendors}
          onClose={close}
          onSaved={(saved) => {
            select(saved.id);
            finish(dialog.kind === 'add' ? `Added ${saved.config.name}. Test now checks it end to end.` : `Saved ${saved.config.name}.`);
          }}
        />
      )}
      {dialog?.kind === 'delete' && (
        <DeleteConnectionDialog
          connection={dialog.connection}
          onClose={close}
          onDeleted={() => finish(`Deleted ${dialog.connection.config.name}.`)}
        />
      )}
    </>
  );
}

/**
 * The landing screen: the live status board first (a wall display's whole
 * job), a target's detail in its place when one is opened, and setup and
 * diagnostics one tab away.
 */
export function ConnectionsScreen({ user }: { user: UserSummary }) {
  const at = useConnectionsView(user.id);
  const selectConnection = useUiStore((s) => s.selectConnection);

  return (
    <>
      <ScreenHeader title="Connections" />
      <ViewTabs view={at.view} onChange={at.showView} />
      <div {...tabPanelProps(at.view)} className="view-panel">
        {at.view === 'setup' ? (
          <SetupView user={user} />
        ) : at.targetId ? (
          <TargetDetail
            key={at.targetId}
            targetId={at.targetId}
            range={at.range}
            user={user}
            onRange={at.setRange}
            onClose={at.closeTarget}
            onShowSetup={(connectionId) => {
              selectConnection(connectionId);
              at.showView('setup');
            }}
          />
        ) : (
          <StatusBoard
            canAddConnections={can(user.role, 'connections.manage')}
            filter={at.filter}
            onFilter={at.setFilter}
            returnFocusTo={at.returnFocusTo}
            onFocusReturned={at.focusReturned}
            onOpen={at.openTarget}
            onGoToSetup={() => at.showView('setup')}
          />
        )}
      </div>
    </>
  );
}
