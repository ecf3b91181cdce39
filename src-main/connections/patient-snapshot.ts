/**
 * One patient as a troubleshooting tech needs to see it: enough to tell that
 * the EHR returns the right kind of data (codes, displays, dates, statuses,
 * how many of each), masked by default so nothing identifies the patient or
 * tells their results. Revealed, the same shape carries the values in clear.
 *
 * Masked: the name becomes initials, the birth date its year (HIPAA Safe
 * Harbor's rule, with ages over 89 grouped), identifiers their type only
 * ("[MRN]"), observation values and any free text are hidden.
 */
import { performance } from 'node:perf_hooks';
import type {
  CodeableConcept,
  HumanName,
  Identifier,
  MedicationRequest,
  Observation,
  ObservationComponent,
  Patient,
  Quantity,
} from 'fhir/r4';
import type { PatientSnapshot } from '../../src-shared/contract';
import { FhirError } from '../ehr';
import type { FhirClient } from '../ehr';

export interface SnapshotOptions {
  reveal: boolean;
  patientRef: string;
  now: number;
}

/** How many of the most recent observations and medication orders are shown. */
const SNAPSHOT_ROWS = 10;
const HIDDEN = '[hidden]';
const HIDDEN_TEXT = '[free text]';
/** Safe Harbor: ages over 89 are grouped, as they are rare enough to identify someone. */
const GROUPED_AGE = 90;

/** The EHR has no patient with the id asked for (as opposed to an endpoint that is missing). */
export class UnknownPatientError extends Error {}

async function readPatient(client: FhirClient, patientId: string): Promise<Patient> {
  try {
    return (await client.read<Patient>('Patient', patientId)).data;
  } catch (err) {
    if (err instanceof FhirError && err.kind === 'NOT_FOUND') throw new UnknownPatientError('no such patient', { cause: err });
    throw err;
  }
}

export async function readPatientSnapshot(client: FhirClient, patientId: string, opts: SnapshotOptions): Promise<PatientSnapshot> {
  const started = performance.now();
  const patient = await readPatient(client, patientId);
  const [observations, medications] = await Promise.all([
    client.search<Observation>('Observation', { patient: patientId, _sort: '-date', _count: SNAPSHOT_ROWS }),
    client.search<MedicationRequest>('MedicationRequest', { patient: patientId, _sort: '-authoredon', _count: SNAPSHOT_ROWS }),
  ]);
  const resources = <T>(bundle: { entry?: Array<{ resource?: T }> }): T[] =>
    (bundle.entry ?? []).flatMap((e) => (e.resource ? [e.resource] : [])).slice(0, SNAPSHOT_ROWS);
  const masked = !opts.reveal;
  return {
    masked,
    patientRef: opts.patientRef,
    patient: {
      name: masked ? initials(patient.name) : fullName(patient.name),
      // HIPAA Safe Harbor (45 CFR 164.514(b)(2)): a masked view keeps no element of a date but the year, and no sex.
      gender: masked ? null : (patient.gender ?? null),
      birthDate: masked ? birthYear(patient.birthDate, opts.now) : (patient.birthDate ?? null),
      identifiers: (patient.identifier ?? []).map((id) => (masked ? `[${identifierLabel(id)}]` : `${identifierLabel(id)} ${id.value ?? ''}`.trim())),
    },
    observations: resources(observations.data).map((o) => ({
      date: dateShown(o.effectiveDateTime ?? o.effectivePeriod?.start ?? o.effectiveInstant ?? o.issued, masked),
      code: o.code?.coding?.[0]?.code ?? null,
      display: conceptDisplay(o.code, masked) ?? 'Unnamed observation',
      value: masked ? (hasValue(o) ? HIDDEN : '') : observationValue(o),
    })),
    medicationRequests: resources(medications.data).map((m) => ({
      date: dateShown(m.authoredOn, masked),
      medication: conceptDisplay(m.medicationCodeableConcept, masked) ?? m.medicationReference?.display ?? 'Unnamed medication',
      status: m.status ?? 'unknown',
    })),
    fetchedMs: Math.round(performance.now() - started),
  };
}

/** A FHIR date or dateTime as given, or only its year when masked. */
function dateShown(value: string | undefined, masked: boolean): string | null {
  if (!value) return null;
  return masked ? value.slice(0, 4) : value;
}

function preferredName(names: HumanName[] | undefined): HumanName | undefined {
  return names?.find((n) => n.use === 'official') ?? names?.find((n) => n.use === 'usual') ?? names?.[0];
}

function nameParts(names: HumanName[] | undefined): string[] {
  const n = preferredName(names);
  if (!n) return [];
  const parts = [...(n.given ?? []), ...(n.family ? [n.family] : [])];
  return parts.length > 0 ? parts : (n.text ?? '').split(/\s+/).filter(Boolean);
}

function fullName(names: HumanName[] | undefined): string {
  const n = preferredName(names);
  return n?.text ?? (nameParts(names).join(' ') || 'No name recorded');
}

function initials(names: HumanName[] | undefined): string {
  const parts = nameParts(names);
  return parts.length > 0 ? parts.map((p) => `${p.charAt(0).toUpperCase()}.`).join(' ') : 'No name recorded';
}

function birthYear(birthDate: string | undefined, now: number): string | null {
  const year = birthDate ? Number(birthDate.slice(0, 4)) : NaN;
  if (!Number.isInteger(year)) return null;
  // Anyone born in this year or before may be 90 or older.
  const cutoff = new Date(now).getUTCFullYear() - GROUPED_AGE;
  return year <= cutoff ? `${cutoff} or earlier` : String(year);
}

const IDENTIFIER_TYPES: Record<string, string> = { MR: 'MRN', SS: 'SSN', DL: 'DL', PPN: 'PASSPORT', PRN: 'PROVIDER', MA: 'MEDICAID', MC: 'MEDICARE' };

/** A short type label for an identifier: from its v2 type code, else its system's last segment. */
function identifierLabel(id: Identifier): string {
  const code = id.type?.coding?.find((c) => c.code)?.code;
  if (code && IDENTIFIER_TYPES[code]) return IDENTIFIER_TYPES[code];
  if (id.system === 'http://hl7.org/fhir/sid/us-ssn') return 'SSN';
  return code ?? 'ID';
}

/** A terminology display stays (it names the test or drug); the free-text `text` is hidden when masked. */
function conceptDisplay(concept: CodeableConcept | undefined, masked: boolean): string | undefined {
  const coded = concept?.coding?.find((c) => c.display)?.display;
  if (coded) return coded;
  if (concept?.text) return masked ? HIDDEN_TEXT : concept.text;
  return concept?.coding?.find((c) => c.code)?.code;
}

type Valued = Pick<Observation, 'valueQuantity' | 'valueCodeableConcept' | 'valueString' | 'valueBoolean' | 'valueInteger' | 'valueDateTime' | 'dataAbsentReason'> & {
  component?: ObservationComponent[];
};

function hasValue(o: Valued): boolean {
  return observationValue(o) !== '';
}

function quantity(q: Quantity): string {
  return `${q.comparator ?? ''}${q.value ?? '?'} ${q.unit ?? q.code ?? ''}`.trim();
}

function observationValue(o: Valued): string {
  if (o.valueQuantity) return quantity(o.valueQuantity);
  if (o.valueCodeableConcept) return conceptDisplay(o.valueCodeableConcept, false) ?? '';
  if (o.valueString !== undefined) return o.valueString;
  if (o.valueBoolean !== undefined) return String(o.valueBoolean);
  if (o.valueInteger !== undefined) return String(o.valueInteger);
  if (o.valueDateTime !== undefined) return o.valueDateTime;
  if (o.component?.length) {
    const parts = o.component.map((c) => observationValue(c)).filter(Boolean);
    const units = new Set(o.component.map((c) => c.valueQuantity?.unit));
    // Blood pressure reads as "120/80 mmHg", not "120 mmHg / 80 mmHg".
    if (units.size === 1 && o.component.every((c) => c.valueQuantity?.value !== undefined)) {
      return `${o.component.map((c) => c.valueQuantity?.value).join('/')} ${[...units][0] ?? ''}`.trim();
    }
    return parts.join(' / ');
  }
  if (o.dataAbsentReason) return `(${conceptDisplay(o.dataAbsentReason, false) ?? 'no value'})`;
  return '';
}
