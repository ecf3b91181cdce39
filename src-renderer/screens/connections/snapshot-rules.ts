import { z } from 'zod';
import { CHANNELS } from '../../../src-shared/contract';
import { problemWith } from '../../lib/form-fields';

const input = CHANNELS['ehr.patientSnapshot'].input.shape;

/** The contract's rule for a patient id, read by failing it on purpose so hint and error agree. */
export const PATIENT_ID_RULE = `${problemWith(input.patientId, '')}.`;

/** Looking a patient up: the id as the contract takes it, spaces around it trimmed. */
export const lookupSchema = z.object({ patientId: z.string().trim().pipe(input.patientId) });

/** Break-glass: the reason, as the contract takes it (at least 10 characters). */
export const revealSchema = z.object({ reveal: input.reveal.unwrap() });
