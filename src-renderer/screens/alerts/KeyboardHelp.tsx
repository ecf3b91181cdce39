interface Shortcut {
  keys: string[];
  does: string;
}

const MOVE: Shortcut[] = [
  { keys: ['j', '↓'], does: 'next' },
  { keys: ['k', '↑'], does: 'previous' },
  { keys: ['Enter'], does: 'details' },
  { keys: ['Esc'], does: 'close details' },
];

const RESPOND: Shortcut[] = [
  { keys: ['a'], does: 'acknowledge (SEV1: then Enter)' },
  { keys: ['u'], does: 'take back acknowledgement' },
  { keys: ['r'], does: 'resolve' },
];

/** The list's keys, on screen where they are used: nobody should have to guess that j moves down. */
export function KeyboardHelp({ canRespond }: { canRespond: boolean }) {
  return (
    <ul className="keyboard-help" aria-label="Keyboard shortcuts">
      {(canRespond ? [...MOVE, ...RESPOND] : MOVE).map(({ keys, does }) => (
        <li key={does}>
          {keys.map((key, i) => (
            <span key={key}>
              {i > 0 && ' or '}
              <kbd>{key}</kbd>
            </span>
          ))}{' '}
          {does}
        </li>
      ))}
    </ul>
  );
}
