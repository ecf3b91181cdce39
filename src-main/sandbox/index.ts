/** The embedded sandbox EHR: a FHIR R4 server on 127.0.0.1 with switchable faults, and its medical AI service. */
export { startSandbox, type Sandbox, type SandboxOptions } from './sandbox';
export { AI_METRICS_PATH } from './ai-metrics';
export { DEFAULT_SCOPE } from './scopes';
