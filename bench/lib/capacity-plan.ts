// Pure planning for the capacity scenario: which chats a growing population of users shares, the
// ramp of user counts, and which step counts as held. No I/O, so it is unit-tested.

/** Members of a group chat in the capacity scenario: a small circle of friends or colleagues. */
export const CAPACITY_GROUP_SIZE = 8;

/** A chat between user indexes (0-based); the first member creates it. */
export interface PlannedChat {
  type: 'direct' | 'group';
  members: number[];
}

/**
 * The chats among users [0, users) that involve at least one user from `from` on, so each step of the
 * ramp creates only what its new users bring and earlier chats stay as they were:
 * - direct chats between i and i-1 and between i and i-3 (up to four per user, with different people);
 * - two overlapping families of groups of 8: users [8b, 8b+8) and [8b+4, 8b+12) (two groups per user;
 *   a group is created once all of its members exist).
 */
export function chatsFor(users: number, from = 0): PlannedChat[] {
  const chats: PlannedChat[] = [];
  for (let i = Math.max(1, from); i < users; i++) {
    chats.push({ type: 'direct', members: [i - 1, i] });
    if (i >= 3) chats.push({ type: 'direct', members: [i - 3, i] });
  }
  for (const offset of [0, CAPACITY_GROUP_SIZE / 2]) {
    for (let first = offset; first + CAPACITY_GROUP_SIZE <= users; first += CAPACITY_GROUP_SIZE) {
      const last = first + CAPACITY_GROUP_SIZE - 1;
      if (last < from) continue;
      chats.push({
        type: 'group',
        members: Array.from({ length: CAPACITY_GROUP_SIZE }, (_, k) => first + k),
      });
    }
  }
  return chats;
}

/** The ramp: doubling from `first` while there are users for it, e.g. 100, 200, 400, 800, 1600... */
export function rampSteps(first: number, available: number, maxSteps: number): number[] {
  const steps: number[] = [];
  for (let users = first; users <= available && steps.length < maxSteps; users *= 2) steps.push(users);
  return steps;
}

/** One step's figures, as measured. */
export interface StepOutcome {
  users: number;
  /** Deliveries measured (message.created frames for messages sent in the step). */
  deliveries: number;
  p50: number;
  p99: number;
  /** Failed sends, reads and acks, error frames, dropped sockets and deliveries that never arrived. */
  errors: number;
}

/** A step is held when deliveries were seen, none went missing or failed, and p99 stays under the limit. */
export function stepHeld(step: StepOutcome, p99LimitMs: number): boolean {
  return step.deliveries > 0 && step.errors === 0 && step.p99 < p99LimitMs;
}

/**
 * The largest user count held, counting only the steps up to the first one that was not held: a count
 * that passed after a failed one passed by luck, not by headroom.
 */
export function largestHeld(steps: readonly StepOutcome[], p99LimitMs: number): StepOutcome | null {
  let best: StepOutcome | null = null;
  for (const step of steps) {
    if (!stepHeld(step, p99LimitMs)) break;
    best = step;
  }
  return best;
}

/** Users per core: users held divided by the cores the server had in use (at least one core). */
export function usersPerCore(users: number, cores: number): number {
  return users / Math.max(1, cores);
}

/**
 * Users one fully busy core could carry if CPU were all that mattered: users over the cores the server
 * used for them. A projection from the server's CPU cost per user, not a count that was held; it stays
 * meaningful when other work on the machine stretches the latencies.
 */
export function usersPerBusyCore(users: number, serverCores: number | null): number | null {
  if (serverCores === null || !(serverCores > 0)) return null;
  return users / serverCores;
}

/** A uniformly random wait in [min, max] seconds, in milliseconds: chat-like jitter between actions. */
export function jitterMs(minSeconds: number, maxSeconds: number, random = Math.random): number {
  return (minSeconds + (maxSeconds - minSeconds) * random()) * 1000;
}
