import { TRIAGE_KEY_HELP } from './use-triage-keys';

/** The keys, shown on ? (and by its button), so nobody has to guess that j moves down. */
export function TriageKeysHelp() {
  return (
    <section className="triage-keys-help" aria-labelledby="triage-keys-title">
      <h2 id="triage-keys-title">Keyboard triage</h2>
      <dl className="keys-list">
        {TRIAGE_KEY_HELP.map(({ keys, does }) => (
          <div key={does}>
            <dt>
              {keys.map((key, i) => (
                <span key={key}>
                  {i > 0 && ' or '}
                  <kbd>{key}</kbd>
                </span>
              ))}
            </dt>
            <dd>{does}</dd>
          </div>
        ))}
      </dl>
      <p className="muted">Keys are not taken while you type in a field: press Esc in the search box to leave it.</p>
    </section>
  );
}
