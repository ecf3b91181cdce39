/**
 * The scheduler's own time. It follows the injected clock, but:
 * - it never goes back, because a clock set back would turn every wait into
 *   one as long as the jump and stall the probes;
 * - it cuts out leaps: when the clock has run past the armed timer by more
 *   than `maxGapMs`, the machine slept or the clock was set forward, and time
 *   resumes where the timer was due. Every target then keeps its place and
 *   runs once, instead of all of them at once or once per missed interval.
 */
import type { Clock } from '../clock';

export class SteadyTime {
  private offset = 0;
  private last = -Infinity;

  constructor(
    private readonly clock: Clock,
    private readonly maxGapMs: number,
  ) {}

  /**
   * @param armedFor when the scheduler's timer is due, Infinity when none is armed
   * @param fired the timer has just fired, so its moment has come whatever the clock says
   */
  read(armedFor: number, fired: boolean): number {
    const raw = this.clock.now();
    const floor = fired ? Math.max(this.last, armedFor) : this.last;
    let t = raw - this.offset;
    if (t < floor) t = floor;
    else if (t > armedFor + this.maxGapMs) t = Math.max(floor, armedFor);
    this.offset = raw - t;
    this.last = t;
    return t;
  }
}
