/** The seed's severity levels live in the contract, where the console reads them too. */
export { SEVERITIES, SEVERITY_LEVELS, type Severity } from '../../src-shared/monitoring';
