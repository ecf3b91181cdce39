import type { ReactNode } from 'react';
import type { SignInRefusal } from '../api/error-text';
import { formatMoment } from '../lib/time';
import { Notice } from './Notice';

/** README's section for an administrator locked out of every account. */
const RECOVERY =
  'An administrator locked out of every account can use the recovery command (README, “Locked out?”).';

const WRONG_SIGN_IN = { text: 'Wrong username or password.', advice: 'Check both, or ask an administrator to reset your password.' };

/**
 * What is left of a wait: the seconds tick where a screen reader does not
 * read them out each second (the alert around it was read once), and the
 * end of the wait is said.
 */
function WaitLine({ secondsLeft }: { secondsLeft: number }) {
  if (secondsLeft === 0) return <>You can try again now.</>;
  return (
    <>
      Try again in <span aria-live="off">{secondsLeft} s</span>.
    </>
  );
}

function said(refusal: SignInRefusal, secondsLeft: number, title: string, wrong: { text: string; advice: string }): { title: string; body: ReactNode } {
  switch (refusal.kind) {
    case 'wrong':
      return {
        title,
        body: (
          <>
            {wrong.text} {refusal.retryAt === null ? wrong.advice : <WaitLine secondsLeft={secondsLeft} />}
          </>
        ),
      };
    case 'paused':
      return { title: 'Too many failed sign-ins from this address', body: <WaitLine secondsLeft={secondsLeft} /> };
    case 'locked': {
      const why = refusal.text ?? `${wrong.text} That was one failed sign-in too many: wait until then, or ask an administrator to reset the password.`;
      return {
        title: secondsLeft === 0 ? 'The lock has ended' : `Locked until ${formatMoment(refusal.retryAt)}`,
        body: secondsLeft === 0 ? <WaitLine secondsLeft={0} /> : `${why} ${RECOVERY}`,
      };
    }
    case 'disabled':
      return { title, body: 'This account is disabled. Ask an administrator to enable it.' };
    case 'other':
      return { title, body: refusal.text };
  }
}

/**
 * A refused sign-in, password check or unlock, said as someone at the
 * console needs it: what happened, how long to wait (counting down) and
 * what else to do. `title` heads what has no headline of its own.
 */
export function SignInRefusalNotice({ refusal, secondsLeft, title, wrong = WRONG_SIGN_IN }: {
  refusal: SignInRefusal;
  secondsLeft: number;
  title: string;
  /** A wrong password in this screen's words, and what to do about it when there is no wait. */
  wrong?: { text: string; advice: string };
}) {
  const { title: headline, body } = said(refusal, secondsLeft, title, wrong);
  return (
    <Notice tone="error" title={headline}>
      {body}
    </Notice>
  );
}
