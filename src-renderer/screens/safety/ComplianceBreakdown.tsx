import type { Compliance } from '../../../src-shared/contract';
import { Icon } from '../../components/Icon';
import { percent } from './safety-words';

/** The HIPAA score's four parts with their weights, values and each fact they rest on. */
export function ComplianceBreakdown({ compliance }: { compliance: Compliance | null }) {
  return (
    <section className="panel safety-compliance" aria-labelledby="compliance-title">
      <h2 id="compliance-title">HIPAA compliance {compliance && <span className="compliance-score">{percent(compliance.score)}</span>}</h2>
      {!compliance ? (
        <p>The first compliance check has not finished (it walks the whole audit chain).</p>
      ) : (
        <ul className="compliance-parts">
          {compliance.parts.map((part) => (
            <li key={part.id}>
              <h3>
                {part.label} <span className="compliance-part-figures">{percent(part.value)} · weight {part.weight.toFixed(2)}</span>
              </h3>
              <ul className="evidence">
                {part.evidence.map((e) => (
                  <li key={e.fact} className={e.holds ? 'evidence-holds' : 'evidence-fails'}>
                    <Icon name={e.holds ? 'check' : 'cross'} />
                    <span>
                      <span className="visually-hidden">{e.holds ? 'Holds: ' : 'Does not hold: '}</span>
                      {e.fact}
                    </span>
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
