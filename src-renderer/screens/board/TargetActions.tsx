import type { BoardTile } from '../../../src-shared/monitoring';
import { Button } from '../../components/Button';

/** What may be done to a target from its detail, offered only to those allowed to. */
export function TargetActions({ tile, canManage, pausing, onPause, onResume, onSettings, onSetup }: {
  tile: BoardTile | null;
  canManage: boolean;
  pausing: boolean;
  onPause: () => void;
  onResume: () => void;
  /** Null until the current settings have arrived to fill the form. */
  onSettings: (() => void) | null;
  /** Opens this connection under Setup & diagnostics; null for the workstation. */
  onSetup: (() => void) | null;
}) {
  return (
    <>
      {canManage && tile && (
        tile.paused ? (
          <Button variant="primary" icon="play" pending={pausing} onClick={onResume}>
            Resume monitoring
          </Button>
        ) : (
          <Button icon="minus" pending={pausing} onClick={onPause}>
            Pause monitoring
          </Button>
        )
      )}
      {canManage && onSettings && (
        <Button icon="pencil" onClick={onSettings}>
          Monitoring settings
        </Button>
      )}
      {onSetup && <Button onClick={onSetup}>Open in Setup &amp; diagnostics</Button>}
    </>
  );
}
