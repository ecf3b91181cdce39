import { screenHref, type ScreenId } from '../../frame/screens';

/** Goes to another screen the way a navigation link does: the hash drives the screen, so Back returns. */
export function goToScreen(screen: ScreenId): void {
  window.location.hash = screenHref(screen);
}
