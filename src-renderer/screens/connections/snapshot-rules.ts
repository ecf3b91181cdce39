import { CHANNELS } from '../../../src-shared/contract';
import { problemAt } from '../../lib/rules';

const input = CHANNELS['ehr.patientSnapshot'].input;

/** The contract's rule for a patient id, read by failing it on purpose so hint and error agree. */
export const PATIENT_ID_RULE = `${problemAt(input, { connectionId: 1, patientId: '' }, 'patientId')}.`;

export const snapshotRules = {
  patientId: (connectionId: number, patientId: string) => problemAt(input, { connectionId, patientId }, 'patientId'),
  reason: (connectionId: number, patientId: string, reason: string) =>
    problemAt(input, { connectionId, patientId, reveal: { reason } }, 'reveal.reason'),
};
