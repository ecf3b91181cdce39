import { errorText } from '../../api/error-text';
import { Button } from '../../components/Button';
import { Notice } from '../../components/Notice';
import { AuthLayout } from './AuthLayout';

/** Before Vigil has answered at all: still asking, or could not get an answer. */
export function ConnectingScreen({ error, retrying, onRetry }: { error: unknown; retrying: boolean; onRetry: () => void }) {
  if (!error) {
    return (
      <AuthLayout title="Connecting to Vigil" quiet>
        <p className="busy-line" role="status">
          <span className="spinner" aria-hidden="true" />
          <span>Contacting the Vigil service…</span>
        </p>
      </AuthLayout>
    );
  }
  return (
    <AuthLayout title="Vigil is not answering">
      <Notice tone="error" title="Cannot start the console">
        {errorText(error)}
      </Notice>
      <div className="form-actions">
        <Button variant="primary" pending={retrying} onClick={onRetry}>
          Try again
        </Button>
      </div>
    </AuthLayout>
  );
}
