import { Button } from '../../components/Button';
import { Notice } from '../../components/Notice';

/** No EHR connection to watch yet: who adds one, and where. The workstation's own tile still shows below. */
export function BoardEmpty({ canAdd, onGoToSetup }: { canAdd: boolean; onGoToSetup: () => void }) {
  return (
    <Notice tone="info" title="No EHR connections to watch yet">
      {canAdd ? (
        <>
          <p>Add one under Setup &amp; diagnostics with Add connection; its tile appears here after its first probe.</p>
          <Button variant="primary" onClick={onGoToSetup}>
            Go to Setup &amp; diagnostics
          </Button>
        </>
      ) : (
        <p>An administrator adds them under Setup &amp; diagnostics; each appears here after its first probe.</p>
      )}
    </Notice>
  );
}
