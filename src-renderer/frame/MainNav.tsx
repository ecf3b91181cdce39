import type { Role } from '../../src-shared/roles';
import { useUiStore } from '../state/ui-store';
import { GROUP_LABELS, screenHref, screensFor, type Screen, type ScreenGroup } from './screens';

type NavEntry = { kind: 'screen'; screen: Screen } | { kind: 'group'; group: ScreenGroup; screens: Screen[] };

function navEntries(role: Role): NavEntry[] {
  const entries: NavEntry[] = [];
  for (const screen of screensFor(role)) {
    if (screen.group === null) {
      entries.push({ kind: 'screen', screen });
      continue;
    }
    const group = entries.find((e): e is Extract<NavEntry, { kind: 'group' }> => e.kind === 'group' && e.group === screen.group);
    if (group) group.screens.push(screen);
    else entries.push({ kind: 'group', group: screen.group, screens: [screen] });
  }
  return entries;
}

function NavLink({ screen, current }: { screen: Screen; current: Screen }) {
  const revisit = useUiStore((s) => s.revisitScreen);
  const here = screen.id === current.id;
  return (
    // The hash does not change when the link is the screen shown, so the screen is told another way (a detail open on it closes).
    <a href={screenHref(screen.id)} className="nav-link" aria-current={here ? 'page' : undefined} onClick={here ? () => revisit(screen.id) : undefined}>
      {screen.label}
    </a>
  );
}

/** Plain links to #/screen: the hash drives the screen, so Back and reload behave. */
export function MainNav({ role, current }: { role: Role; current: Screen }) {
  return (
    <nav aria-label="Main" className="main-nav">
      <ul>
        {navEntries(role).map((entry) =>
          entry.kind === 'screen' ? (
            <li key={entry.screen.id}>
              <NavLink screen={entry.screen} current={current} />
            </li>
          ) : (
            <li key={entry.group}>
              <a href={screenHref(entry.group)} className={current.group === entry.group ? 'nav-link nav-group nav-group-open' : 'nav-link nav-group'}>
                {GROUP_LABELS[entry.group]}
              </a>
              <ul className="nav-sub">
                {entry.screens.map((screen) => (
                  <li key={screen.id}>
                    <NavLink screen={screen} current={current} />
                  </li>
                ))}
              </ul>
            </li>
          ),
        )}
      </ul>
    </nav>
  );
}
