/** The seed's severity levels: what each means and how soon someone must respond. */
export const SEVERITIES = ['SEV1', 'SEV2', 'SEV3'] as const;
export type Severity = (typeof SEVERITIES)[number];

const MINUTE = 60_000;

export const SEVERITY_LEVELS: Record<Severity, { meaning: string; respondWithinMs: number }> = {
  SEV1: { meaning: 'Patient-safety risk or system down', respondWithinMs: 15 * MINUTE },
  SEV2: { meaning: 'Major impairment', respondWithinMs: 30 * MINUTE },
  SEV3: { meaning: 'Moderate impact', respondWithinMs: 120 * MINUTE },
};
