/**
 * GET /cds-services: CDS Hooks discovery, so the monitor's CDS probe has
 * something real to find. Only discovery: the sandbox does not run the hooks.
 */
export const CDS_DISCOVERY = {
  services: [
    {
      hook: 'patient-view',
      id: 'sandbox-patient-summary',
      title: 'Sandbox patient summary',
      description: 'Summarises recent vital signs and abnormal labs when a chart is opened.',
      prefetch: {
        patient: 'Patient/{{context.patientId}}',
        vitals: 'Observation?patient={{context.patientId}}&category=vital-signs&_sort=-date&_count=10',
      },
    },
    {
      hook: 'order-sign',
      id: 'sandbox-medication-check',
      title: 'Sandbox medication check',
      description: 'Checks a medication order against the active medication list.',
      prefetch: { medications: 'MedicationRequest?patient={{context.patientId}}&status=active' },
    },
  ],
};
