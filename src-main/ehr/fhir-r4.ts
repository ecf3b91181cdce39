/**
 * The slice of the FHIR R4 resource shapes this client reads. The installed
 * @types/fhir (3.0.2) only describes STU3 in a global `fhir` namespace, so the
 * R4 fields the client relies on are declared here, with R4's names, until a
 * release with the `fhir4` namespace is installed.
 */
export interface Resource {
  resourceType: string;
  id?: string;
  [field: string]: unknown;
}

export interface Coding {
  system?: string;
  code?: string;
  display?: string;
}

export interface CodeableConcept {
  coding?: Coding[];
  text?: string;
}

export interface Extension {
  url: string;
  valueUri?: string;
  valueString?: string;
  extension?: Extension[];
}

export interface OperationOutcomeIssue {
  severity: 'fatal' | 'error' | 'warning' | 'information';
  code: string;
  details?: CodeableConcept;
  diagnostics?: string;
  expression?: string[];
  location?: string[];
}

export interface OperationOutcome extends Resource {
  resourceType: 'OperationOutcome';
  issue: OperationOutcomeIssue[];
}

export interface CapabilityStatement extends Resource {
  resourceType: 'CapabilityStatement';
  url?: string;
  name?: string;
  publisher?: string;
  fhirVersion?: string;
  software?: { name: string; version?: string; releaseDate?: string };
  implementation?: { description: string; url?: string };
  rest?: Array<{ mode: string; security?: { extension?: Extension[]; service?: CodeableConcept[] } }>;
}

export interface Bundle<T extends Resource = Resource> extends Resource {
  resourceType: 'Bundle';
  type: string;
  total?: number;
  link?: Array<{ relation: string; url: string }>;
  entry?: Array<{ fullUrl?: string; resource?: T; search?: { mode?: string } }>;
}
