/** PHI handling: the redactor every log, audit entry and screen text passes through, and salted patient references. */
export { redact, redactDeep } from './redact';
export { createPatientRef, lazyPatientRef } from './patient-ref';
