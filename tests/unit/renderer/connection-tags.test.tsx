// @vitest-environment jsdom
import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { button, descriptionOf, findButton, ok, renderApp, user } from './harness';
import { connection, connectionsConsole } from './connection-fixtures';
import { openSetupTab } from './board-fixtures';

const tagsField = () => screen.getByLabelText('Tags') as HTMLInputElement;

async function editNorth(tags: string[]) {
  const north = connection(4, { name: 'North clinic', tags });
  const api = connectionsConsole(user({ role: 'admin' }), [north], { 'connections.update': () => ok(north) });
  const person = renderApp(api);
  await openSetupTab(person);
  await person.click(await findButton('Edit North clinic'));
  await screen.findByRole('dialog', { name: 'Edit North clinic' });
  return { api, person };
}

describe("a connection's tags on its form", () => {
  it('shows the saved tags and sends what is typed, split at spaces and commas', async () => {
    const { api, person } = await editNorth(['site:north', 'clinical']);
    expect(tagsField().value).toBe('site:north clinical');
    await person.clear(tagsField());
    await person.type(tagsField(), 'site:south,  lab');
    await person.click(button('Save changes'));
    await waitFor(() => expect(api.callsTo('connections.update')).toHaveLength(1));
    expect(api.callsTo('connections.update')[0]).toMatchObject({ id: 4, config: { tags: ['site:south', 'lab'] } });
  });

  it('says next to the field what is wrong with a tag, and sends nothing', async () => {
    const { api, person } = await editNorth([]);
    await person.type(tagsField(), 'site:north:east');
    await person.click(button('Save changes'));
    await waitFor(() => expect(tagsField().getAttribute('aria-invalid')).toBe('true'));
    expect(descriptionOf(tagsField())).toContain('prefix:value such as site:north');
    expect(api.callsTo('connections.update')).toEqual([]);
  });
});
