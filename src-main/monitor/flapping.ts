/**
 * Flapping: a connection that keeps changing state. It starts when more than
 * `maxTransitions` changes fall within `windowMs`, and ends only once the
 * connection has held one state for a whole window; ending on the count alone
 * would switch flapping on and off with every slower flip.
 */
export interface FlappingPolicy {
  maxTransitions: number;
  windowMs: number;
}

export const DEFAULT_FLAPPING: FlappingPolicy = { maxTransitions: 4, windowMs: 10 * 60_000 };

export class FlapDetector {
  /** The latest maxTransitions + 1 change times, oldest first. */
  private readonly times: number[] = [];
  private flapping = false;

  constructor(private readonly policy: FlappingPolicy) {}

  transition(at: number): void {
    this.times.push(at);
    if (this.times.length > this.policy.maxTransitions + 1) this.times.shift();
  }

  isFlapping(at: number): boolean {
    const from = at - this.policy.windowMs;
    const last = this.times[this.times.length - 1];
    if (this.flapping) this.flapping = last !== undefined && last > from;
    else this.flapping = this.times.length > this.policy.maxTransitions && this.times[0]! > from;
    return this.flapping;
  }
}
