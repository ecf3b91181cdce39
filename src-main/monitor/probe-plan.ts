/** How often and how patiently a target is probed: part of the contract, since the console edits it. */
export { DEFAULT_PROBE_PLAN, MIN_INTERVAL_MS, probePlanSchema, type ProbePlan } from '../../src-shared/monitoring';
