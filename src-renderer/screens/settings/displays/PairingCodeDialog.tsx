import type { WallDisplay } from '../../../../src-shared/contract';
import { Button } from '../../../components/Button';
import { Dialog } from '../../../components/Dialog';
import { localClock } from '../../../lib/time';
import { codeText, wallAddress } from './pairing-words';

/**
 * The one time a pairing code is shown: Vigil keeps only its hash. It is
 * read off this screen and typed on the wall, so it is large and grouped.
 */
export function PairingCodeDialog({ display, code, onClose }: { display: WallDisplay; code: string; onClose: () => void }) {
  const address = wallAddress();
  return (
    <Dialog title={`Pairing code for ${display.name}`} onClose={onClose}>
      <p className="pairing-code-shown" aria-label={`Pairing code ${code.split('').join(' ')}`}>
        {codeText(code)}
      </p>
      <ol className="pairing-steps">
        <li>
          On the wall's browser, open {address ? <code>{address}</code> : <>this console's address followed by <code>/#/display</code></>}.
        </li>
        <li>Enter this code{display.codeExpiresAt !== null && <> before {localClock(display.codeExpiresAt)}</>}. It works once.</li>
        <li>The wall then shows the board and the alerts, and stays on with nobody signed in.</li>
      </ol>
      <p className="muted">The code is not shown again: if it runs out, give the display a new one.</p>
      <div className="dialog-actions">
        <Button variant="primary" onClick={onClose} autoFocus>
          Done
        </Button>
      </div>
    </Dialog>
  );
}
