// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SAFETY_SETTINGS, INDICATOR_IDS, INDICATOR_LABELS, DIRECTION_OF, type SafetyIncident, type SafetyOverview } from '../../../src-shared/contract';
import { button, fail, fill, findButton, navLinks, NOW, ok, pageText, renderApp, signedInAs, user, type Handlers } from './harness';

const VALUES: Record<string, number | null> = {
  system_availability: 0.995,
  response_time_health: 0.97,
  accuracy_trend: 0.72,
  clinical_session_risk: 0.14,
  error_rate_health: null,
  compliance_status: 1,
};

const OVERVIEW: SafetyOverview = {
  score: { value: 0.83, level: 'critical', at: NOW, settingsVersion: 3 },
  indicators: INDICATOR_IDS.map((id) => {
    const t = DEFAULT_SAFETY_SETTINGS.indicators[id];
    const value = VALUES[id] ?? null;
    const level = value === null ? 'no_data' : id === 'accuracy_trend' ? 'critical' : id === 'clinical_session_risk' ? 'warning' : 'ok';
    return {
      id,
      label: INDICATOR_LABELS[id],
      direction: DIRECTION_OF[id],
      value,
      level,
      reason: value === null ? 'No EHR request was made in the last hour' : null,
      detail: id === 'accuracy_trend' ? 'Worst of 1 AI service: 0.720 on Sandbox EHR; down 0.220 over the last hour' : 'Fine',
      warning: t.warning,
      critical: t.critical,
      weight: t.weight,
      spark: [0.95, 0.94, value],
    };
  }),
  compliance: {
    score: 0.75,
    at: NOW,
    parts: [
      { id: 'audit_completeness', label: 'Audit completeness', weight: 0.25, value: 0, evidence: [{ fact: 'The hash chain breaks at entry 2: entry 2 was changed', holds: false }] },
      { id: 'phi_protection', label: 'PHI protection', weight: 0.3, value: 1, evidence: [{ fact: 'Redaction self-test: 12 of 12 synthetic PHI samples redacted', holds: true }] },
      { id: 'access_control', label: 'Access control', weight: 0.25, value: 1, evidence: [] },
      { id: 'breach_detection', label: 'Breach detection', weight: 0.2, value: 1, evidence: [] },
    ],
  },
  overall: DEFAULT_SAFETY_SETTINGS.overall,
  openIncidents: 1,
  unsigned: 1,
  now: NOW,
};

const INCIDENT: SafetyIncident = {
  id: 'inc-1',
  number: 4,
  indicator: 'accuracy_trend',
  label: 'AI accuracy',
  status: 'open',
  level: 'critical',
  peakLevel: 'critical',
  openedAt: NOW - 60_000,
  closedAt: null,
  worstValue: 0.72,
  threshold: 0.9,
  detail: 'Worst of 1 AI service: 0.720 on Sandbox EHR',
  action: { code: 'prepare_model_rollback', text: 'Prepare a rollback to the previous model version; roll back if clinical activity allows.' },
  ticket: { id: 't1', number: 1042 },
  alertId: 'a1',
  settingsVersion: 3,
  acknowledged: null,
  comments: [],
  signatures: [],
};

const SIGNED = {
  id: 'sig-1',
  incidentId: 'inc-1',
  signer: 'sofia',
  printedName: 'Sofia Safety',
  meaning: 'reviewed' as const,
  signedAt: NOW,
  hash: 'a'.repeat(64),
  verified: true,
};

function safetyConsole(role: 'safety_officer' | 'operator', more: Handlers = {}) {
  return signedInAs(user({ role, username: 'sofia', displayName: 'Sofia Safety' }), {
    'safety.overview': () => ok(OVERVIEW),
    'safety.incidents.list': () => ok({ incidents: [INCIDENT] }),
    'safety.history': ({ key }) =>
      ok({ key, stepMs: 30_000, points: [{ start: NOW - 60_000, mean: 0.9, min: 0.9 }, { start: NOW, mean: 0.83, min: 0.83 }], thresholds: { warning: 0.9, critical: 0.85 }, direction: 'higher' }),
    'safety.report': (month) =>
      ok({
        month: month.label,
        from: month.from,
        to: month.to,
        indicators: [{ key: 'overall', label: 'Overall safety score', mean: 0.78, min: 0.6, belowWarningMs: 7_200_000, belowCriticalMs: 3_600_000 }],
        incidents: { total: 3, critical: 1, signed: 2, unsigned: 1 },
        tickets: { byCategory: { clinical: 2 }, csat: { responses: 4, mean: 3.25 } },
        recommendations: [{ code: 'safety_score_below_0_8', text: 'Safety scores below threshold. Enhance safety validation mechanisms and clinical oversight.' }],
        generatedAt: NOW,
      }),
    ...more,
  });
}

describe('the Safety screen', () => {
  it('shows the score with its status word, the six indicators with thresholds and reasons, compliance evidence and the report', async () => {
    renderApp(safetyConsole('operator'), '#/safety');
    expect(await screen.findByText('83.0 %')).toBeTruthy();
    expect(navLinks()).toContain('Safety');
    const gauge = screen.getByRole('region', { name: 'Patient-safety score' });
    expect(within(gauge).getByText('Critical')).toBeTruthy();
    const cards = within(screen.getByRole('list', { name: 'Indicators' })).getAllByRole('listitem');
    expect(cards).toHaveLength(6);
    const accuracy = cards.find((c) => c.textContent?.includes('AI accuracy'))!;
    expect(accuracy.textContent).toContain('72.0 %');
    expect(accuracy.textContent).toContain('Warning below 92.0 %, critical below 90.0 %');
    const errors = cards.find((c) => c.textContent?.includes('EHR error rate'))!;
    expect(errors.textContent).toContain('No data');
    expect(errors.textContent).toContain('No EHR request was made in the last hour');
    expect(errors.textContent).toContain('Lower is better');
    expect(pageText()).toContain('Does not hold: The hash chain breaks at entry 2');
    expect(await screen.findByText('Safety scores below threshold. Enhance safety validation mechanisms and clinical oversight.')).toBeTruthy();
    expect(pageText()).toContain('3.25 of 5 from 4 ratings');
  });

  it('lets every role read incidents but only safety officers review them', async () => {
    renderApp(safetyConsole('operator'), '#/safety');
    expect(await screen.findByText('#4 AI accuracy')).toBeTruthy();
    expect(pageText()).toContain('prepare_model_rollback');
    expect(screen.getByRole('link', { name: 'Runbook: Prepare model rollback' }).getAttribute('href')).toBe('#/runbooks');
    expect(pageText()).toContain('Emergency ticket VIG-1042');
    expect(screen.queryByRole('button', { name: /Sign off/ })).toBeNull();
  });

  it('signs off with the password again: a wrong one is said on its field, the right one shows the signature', async () => {
    let signed = false;
    const api = safetyConsole('safety_officer', {
      'safety.incidents.list': () => ok({ incidents: [signed ? { ...INCIDENT, signatures: [SIGNED] } : INCIDENT] }),
      'safety.incidents.sign': ({ password, meaning }) => {
        if (password !== 'correct horse battery') return fail('INVALID_INPUT', 'That is not your password.', [{ path: ['password'], message: 'That is not your password.' }]);
        signed = true;
        return ok({ incident: { ...INCIDENT, signatures: [SIGNED] }, signature: { ...SIGNED, meaning } });
      },
    });
    const person = renderApp(api, '#/safety');
    await person.click(await findButton('Sign off…'));
    const dialog = await screen.findByRole('dialog', { name: 'Sign off incident #4' });
    expect(dialog.textContent).toContain('You sign as Sofia Safety (sofia)');
    await fill(person, within(dialog).getByLabelText('Your password'), 'guess');
    await person.click(within(dialog).getByRole('button', { name: 'Sign' }));
    expect(await within(dialog).findByText('That is not your password.')).toBeTruthy();
    await fill(person, within(dialog).getByLabelText('Your password'), 'correct horse battery');
    await person.click(within(dialog).getByRole('button', { name: 'Sign' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    const sigs = await screen.findByRole('list', { name: 'Signatures' });
    expect(sigs.textContent).toContain('Sofia Safety');
    expect(sigs.textContent).toContain('reviewed');
    expect(sigs.textContent).toContain('Bound to this incident');
    expect(api.callsTo('safety.incidents.sign')).toEqual([
      { id: 'inc-1', meaning: 'reviewed', password: 'guess' },
      { id: 'inc-1', meaning: 'reviewed', password: 'correct horse battery' },
    ]);
  });

  it('acknowledges and comments', async () => {
    const api = safetyConsole('safety_officer', {
      'safety.incidents.acknowledge': () => ok({ incident: { ...INCIDENT, acknowledged: { by: 'sofia', at: NOW } } }),
      'safety.incidents.comment': ({ text }) => ok({ incident: { ...INCIDENT, comments: [{ at: NOW, by: 'sofia', text }] } }),
    });
    const person = renderApp(api, '#/safety');
    await person.click(await findButton('Acknowledge'));
    await fill(person, screen.getByLabelText('Comment on #4'), 'Rollback prepared.');
    await person.click(button('Add comment'));
    await waitFor(() => expect(api.callsTo('safety.incidents.comment')).toEqual([{ id: 'inc-1', text: 'Rollback prepared.' }]));
    expect(api.callsTo('safety.incidents.acknowledge')).toEqual([{ id: 'inc-1' }]);
  });

  it('saves thresholds and weights as a new version; a wrong-way threshold is said on its field', async () => {
    const api = safetyConsole('safety_officer', {
      'safety.settings.get': () => ok({ version: 3, settings: DEFAULT_SAFETY_SETTINGS, savedAt: NOW, savedBy: 'sofia' }),
      'safety.settings.save': ({ settings }) => ok({ version: 4, settings, savedAt: NOW, savedBy: 'sofia' }),
    });
    const person = renderApp(api, '#/safety');
    await person.click(await findButton('Thresholds and weights…'));
    const dialog = await screen.findByRole('dialog', { name: 'Safety thresholds and weights' });
    const accuracy = within(dialog).getByRole('group', { name: /AI accuracy/ });
    await fill(person, within(accuracy).getByLabelText('Critical'), '0.95');
    await person.click(within(dialog).getByRole('button', { name: 'Save as a new version' }));
    expect(await within(accuracy).findByText('Higher is better here: critical must not be above warning')).toBeTruthy();
    expect(api.callsTo('safety.settings.save')).toEqual([]);
    await fill(person, within(accuracy).getByLabelText('Critical'), '0.88');
    await fill(person, within(accuracy).getByLabelText('Weight'), '2');
    await person.click(within(dialog).getByRole('button', { name: 'Save as a new version' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    const [saved] = api.callsTo('safety.settings.save') as Array<{ expectedVersion: number; settings: typeof DEFAULT_SAFETY_SETTINGS }>;
    expect(saved!.expectedVersion).toBe(3);
    expect(saved!.settings.indicators.accuracy_trend).toEqual({ warning: 0.92, critical: 0.88, weight: 2 });
  });

  it('offers operators no settings', async () => {
    renderApp(safetyConsole('operator'), '#/safety');
    await screen.findByText('83.0 %');
    expect(screen.queryByRole('button', { name: /Thresholds and weights/ })).toBeNull();
  });
});

describe("the month's report as a PDF", () => {
  it('in the desktop app, saves the report as a PDF named for its month and says where; a cancel says nothing', async () => {
    const api = safetyConsole('safety_officer');
    const asked: string[] = [];
    let answer: string | null = null;
    api.savePdf = async (fileName) => {
      asked.push(fileName);
      return { path: answer };
    };
    const person = renderApp(api, '#/safety');
    await screen.findByText('Safety scores below threshold. Enhance safety validation mechanisms and clinical oversight.');
    await person.click(button('Save as PDF…'));
    await waitFor(() => expect(asked).toHaveLength(1));
    expect(asked[0]).toMatch(/^clinical-validation-\d{4}-\d{2}$/);
    expect(screen.queryByText('The PDF is saved')).toBeNull();

    answer = '/home/sofia/Documents/clinical-validation.pdf';
    await person.click(button('Save as PDF…'));
    expect(await screen.findByText('/home/sofia/Documents/clinical-validation.pdf')).toBeTruthy();
    expect(pageText()).toContain('The PDF is saved');
  });

  it('says why when the PDF could not be saved', async () => {
    const api = safetyConsole('safety_officer');
    api.savePdf = async () => {
      throw new Error('The disk is full.');
    };
    const person = renderApp(api, '#/safety');
    await screen.findByText('Safety scores below threshold. Enhance safety validation mechanisms and clinical oversight.');
    await person.click(button('Save as PDF…'));
    expect(await screen.findByText('The PDF was not saved')).toBeTruthy();
  });

  it('in a browser, offers Print… only: the browser saves PDFs from its own print dialog', async () => {
    renderApp(safetyConsole('safety_officer'), '#/safety');
    await screen.findByText('Safety scores below threshold. Enhance safety validation mechanisms and clinical oversight.');
    expect(button('Print…')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Save as PDF…' })).toBeNull();
  });
});
