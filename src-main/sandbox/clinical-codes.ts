/**
 * The codes the sample data draws from: LOINC vital signs and labs with the
 * ranges values are drawn from, and RxNorm clinical drugs. Real codes, so a
 * client's terminology checks behave as they would against a real EHR.
 */
import type { CodeableConcept } from '@medplum/fhirtypes';

export const LOINC = 'http://loinc.org';
export const UCUM = 'http://unitsofmeasure.org';
export const RXNORM = 'http://www.nlm.nih.gov/research/umls/rxnorm';

export interface Measurement {
  code: CodeableConcept;
  unit: string;
  /** Values are drawn uniformly from this range. */
  draw: [min: number, max: number];
  decimals: number;
  /** The normal range, for referenceRange and the H/L interpretation. */
  normal?: [low: number, high: number];
}

const loinc = (code: string, display: string, extra: CodeableConcept['coding'] = []): CodeableConcept => ({
  coding: [{ system: LOINC, code, display }, ...extra],
  text: display,
});

export const VITAL_SIGNS: Measurement[] = [
  { code: loinc('8867-4', 'Heart rate'), unit: '/min', draw: [54, 108], decimals: 0, normal: [60, 100] },
  { code: loinc('9279-1', 'Respiratory rate'), unit: '/min', draw: [11, 22], decimals: 0, normal: [12, 20] },
  { code: loinc('8310-5', 'Body temperature'), unit: 'Cel', draw: [36.1, 38.2], decimals: 1, normal: [36.1, 37.8] },
  {
    // The R4 vital-signs profile asks for 2708-6 alongside the pulse-oximetry code.
    code: loinc('2708-6', 'Oxygen saturation in Arterial blood', [
      { system: LOINC, code: '59408-5', display: 'Oxygen saturation in Arterial blood by Pulse oximetry' },
    ]),
    unit: '%',
    draw: [91, 100],
    decimals: 0,
    normal: [95, 100],
  },
];

export const BODY_MEASURES: Measurement[] = [
  { code: loinc('29463-7', 'Body weight'), unit: 'kg', draw: [48, 118], decimals: 1 },
  { code: loinc('8302-2', 'Body height'), unit: 'cm', draw: [150, 196], decimals: 0 },
];

export const BLOOD_PRESSURE = {
  panel: loinc('85354-9', 'Blood pressure panel with all children optional'),
  systolic: { code: loinc('8480-6', 'Systolic blood pressure'), unit: 'mm[Hg]', draw: [102, 162], decimals: 0, normal: [90, 130] },
  diastolic: { code: loinc('8462-4', 'Diastolic blood pressure'), unit: 'mm[Hg]', draw: [58, 98], decimals: 0, normal: [60, 85] },
} satisfies Record<string, CodeableConcept | Measurement>;

export const LABS: Measurement[] = [
  { code: loinc('2345-7', 'Glucose [Mass/volume] in Serum or Plasma'), unit: 'mg/dL', draw: [62, 190], decimals: 0, normal: [70, 99] },
  { code: loinc('2951-2', 'Sodium [Moles/volume] in Serum or Plasma'), unit: 'mmol/L', draw: [131, 148], decimals: 0, normal: [135, 145] },
  { code: loinc('2823-3', 'Potassium [Moles/volume] in Serum or Plasma'), unit: 'mmol/L', draw: [3.2, 5.6], decimals: 1, normal: [3.5, 5.1] },
  { code: loinc('2160-0', 'Creatinine [Mass/volume] in Serum or Plasma'), unit: 'mg/dL', draw: [0.5, 1.9], decimals: 2, normal: [0.6, 1.3] },
  { code: loinc('718-7', 'Hemoglobin [Mass/volume] in Blood'), unit: 'g/dL', draw: [10.2, 17.6], decimals: 1, normal: [12, 17.5] },
  { code: loinc('6690-2', 'Leukocytes [#/volume] in Blood by Automated count'), unit: '10*3/uL', draw: [3.6, 13.5], decimals: 1, normal: [4.5, 11] },
];

export interface Drug {
  rxnorm: string;
  display: string;
  sig: string;
  /** Doses a day, for the structured timing. */
  perDay: number;
}

export const DRUGS: Drug[] = [
  { rxnorm: '314076', display: 'lisinopril 10 MG Oral Tablet', sig: 'Take 1 tablet by mouth once daily', perDay: 1 },
  { rxnorm: '197361', display: 'amlodipine 5 MG Oral Tablet', sig: 'Take 1 tablet by mouth once daily', perDay: 1 },
  { rxnorm: '310798', display: 'hydrochlorothiazide 25 MG Oral Tablet', sig: 'Take 1 tablet by mouth every morning', perDay: 1 },
  { rxnorm: '314231', display: 'simvastatin 10 MG Oral Tablet', sig: 'Take 1 tablet by mouth at bedtime', perDay: 1 },
  {
    rxnorm: '860975',
    display: '24 HR metformin hydrochloride 500 MG Extended Release Oral Tablet',
    sig: 'Take 1 tablet by mouth with the evening meal',
    perDay: 1,
  },
  { rxnorm: '308182', display: 'amoxicillin 250 MG Oral Capsule', sig: 'Take 1 capsule by mouth three times daily for 7 days', perDay: 3 },
  { rxnorm: '313782', display: 'acetaminophen 325 MG Oral Tablet', sig: 'Take 2 tablets by mouth every 6 hours as needed for pain', perDay: 4 },
  { rxnorm: '310965', display: 'ibuprofen 200 MG Oral Tablet', sig: 'Take 1 tablet by mouth every 8 hours as needed', perDay: 3 },
];
