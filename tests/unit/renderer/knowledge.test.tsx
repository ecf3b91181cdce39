// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { KbArticle } from '../../../src-shared/contract/kb';
import { KB_CATEGORIES, KB_CATEGORY_LABELS } from '../../../src-shared/contract/kb';
import type { Role } from '../../../src-shared/roles';
import { article, articleSummary } from './triage-fixtures';
import { button, descriptionOf, fail, findButton, ok, queryButton, renderApp, signedInAs, textOf, user, type Handlers } from './harness';

const TIMEOUT = article('fhir_timeout', {
  title: 'FHIR request timed out',
  codes: ['fhir_timeout'],
  body: '# When the EHR is slow\n\nCheck the **gateway**.\n\n| Code | Meaning |\n| --- | --- |\n| fhir_timeout | no answer in time |\n\n<script>window.hacked = true</script><b>raw html</b>',
  helpful: 4,
  notHelpful: 1,
  revision: 2,
});

function kbConsole(role: Role, more: Handlers = {}) {
  let shown: KbArticle = TIMEOUT;
  return signedInAs(user({ role, username: 'kim' }), {
    'kb.list': () =>
      ok({
        categories: KB_CATEGORIES.map((category) => ({ category, label: KB_CATEGORY_LABELS[category], count: category === 'troubleshooting' ? 2 : 0 })),
        articles: [articleSummary('fhir_timeout', { title: 'FHIR request timed out' }), articleSummary('smart_auth_error', { title: 'SMART sign-in fails' })],
      }),
    'kb.search': () => ok({ articles: [articleSummary('fhir_timeout', { title: 'FHIR request timed out', match: 'code' })] }),
    'kb.get': () => ok(shown),
    'kb.vote': (input) => {
      shown = { ...shown, helpful: shown.helpful + (input.helpful ? 1 : 0), myVote: input.helpful ? 'helpful' : 'not_helpful' };
      return ok({ helpful: shown.helpful, notHelpful: shown.notHelpful, myVote: shown.myVote! });
    },
    'kb.history': () => ok({ revisions: [{ revision: 2, savedAt: Date.now(), savedBy: 'ada', source: 'local', title: shown.title, category: shown.category, codes: shown.codes, tags: [], body: shown.body }] }),
    ...more,
  });
}

async function openKnowledge(api: ReturnType<typeof kbConsole>) {
  const person = renderApp(api, '#/knowledge');
  await screen.findByRole('heading', { level: 1, name: 'Knowledge' });
  return person;
}

describe('Knowledge', () => {
  it('searches, opens the article first found, renders its Markdown without raw HTML, and counts a vote', async () => {
    const api = kbConsole('support_tech');
    const person = await openKnowledge(api);
    expect(await screen.findByRole('button', { name: 'Troubleshooting (2)' })).toBeTruthy();
    await person.type(screen.getByRole('searchbox', { name: 'Search articles' }), 'fhir_timeout{Enter}');
    const results = await screen.findByRole('list', { name: 'Articles matching “fhir_timeout”' });
    expect(api.callsTo('kb.search')).toEqual([{ query: 'fhir_timeout', limit: 30 }]);
    expect(textOf(results)).toContain('answers the error code');
    await person.click(within(results).getByRole('button', { name: /FHIR request timed out/ }));

    const view = await screen.findByRole('article', { name: 'FHIR request timed out' });
    expect(within(view).getByRole('heading', { level: 1, name: 'When the EHR is slow' })).toBeTruthy();
    expect(view.querySelector('strong')?.textContent).toBe('gateway');
    expect(view.querySelector('script, b')).toBeNull();
    // The articles' code tables are tables, not lines of pipes.
    expect(within(view).getByRole('cell', { name: 'no answer in time' })).toBeTruthy();
    expect(textOf(view)).not.toContain('| Code |');
    expect(queryButton('Edit article')).toBeNull();

    await person.click(button('Helpful (4)'));
    expect(await findButton('Helpful (5)')).toBeTruthy();
    expect(api.callsTo('kb.vote')).toEqual([{ id: 'fhir_timeout', helpful: true }]);
    expect(button('Helpful (5)').getAttribute('aria-pressed')).toBe('true');
  });

  it('shows the history of revisions when asked', async () => {
    const api = kbConsole('support_tech');
    const person = await openKnowledge(api);
    await person.click(await screen.findByRole('button', { name: /SMART sign-in fails/ }));
    await person.click(await screen.findByText('History (2 revisions)'));
    expect(await screen.findByText(/Revision 2: saved by ada/)).toBeTruthy();
  });

  it('lets an admin edit, and says clearly when someone saved meanwhile, keeping the text typed', async () => {
    const api = kbConsole('admin', { 'kb.update': () => fail('CONFLICT', 'Someone saved revision 3 of this article since revision 2.') });
    const person = await openKnowledge(api);
    await person.click(await screen.findByRole('button', { name: /FHIR request timed out/ }));
    await person.click(await findButton('Edit article'));
    const dialog = await screen.findByRole('dialog', { name: 'Edit “FHIR request timed out”' });
    const title = within(dialog).getByLabelText('Title');
    await person.clear(title);
    await person.type(title, 'FHIR request timed out (gateway)');
    await person.click(within(dialog).getByRole('button', { name: 'Save revision' }));
    expect(await within(dialog).findByText('Someone saved this article while you were editing')).toBeTruthy();
    expect(api.callsTo('kb.update')).toEqual([expect.objectContaining({ id: 'fhir_timeout', baseRevision: 2, title: 'FHIR request timed out (gateway)', codes: ['fhir_timeout'] })]);
    expect((title as HTMLInputElement).value).toBe('FHIR request timed out (gateway)');

    const asked = api.callsTo('kb.get').length;
    await person.click(within(dialog).getByRole('button', { name: 'Open the newest revision' }));
    await waitFor(() => expect(api.callsTo('kb.get').length).toBeGreaterThan(asked));
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('checks a new article’s fields next to them', async () => {
    const api = kbConsole('admin');
    const person = await openKnowledge(api);
    await person.click(button('New article'));
    const dialog = await screen.findByRole('dialog', { name: 'New article' });
    await person.type(within(dialog).getByLabelText('Error codes'), 'Not A Code');
    await person.click(within(dialog).getByRole('button', { name: 'Add article' }));
    expect(descriptionOf(within(dialog).getByLabelText('Title'))).toBe('Enter a title');
    expect(descriptionOf(within(dialog).getByLabelText('Error codes'))).toBe('“Not A Code” is not an error code such as fhir_timeout');
    await waitFor(() => expect(api.callsTo('kb.create')).toEqual([]));
  });
});
