// Scenario 7: capacity. N users connected by WebSocket, each in a few direct chats and two groups,
// sending at a chat-like rate, acknowledging and reading like a client; N doubles step by step until
// delivery p99 reaches the limit or anything fails, or the time budget is spent. The answer is the
// largest N held, per core of the server.
import type { BenchUser } from '../lib/api-client.js';
import {
  largestHeld,
  type StepOutcome,
  stepHeld,
  usersPerBusyCore,
  usersPerCore,
} from '../lib/capacity-plan.js';
import { type ChatBehaviour, ChatPopulation, type PopulationStep } from '../lib/chat-population.js';
import { type CoresUsed, startCpuWindow } from '../lib/cpu-usage.js';
import { progress, sleep } from '../lib/progress.js';
import type { ServerHandle } from '../lib/server.js';
import { ratio } from '../lib/stats.js';
import { formatCount, formatMs, formatRate, type TableRow } from '../lib/table.js';
import type { ScenarioOutcome } from './types.js';

export interface CapacityInput {
  server: ServerHandle;
  /** Users with a token each; the ramp uses them from the first on. */
  users: BenchUser[];
  steps: number[];
  /** Seconds of sending per step (after the new users connected and settled). */
  stepSeconds: number;
  /** The whole ramp stops starting new steps after this many seconds. */
  maxSeconds: number;
  behaviour: ChatBehaviour;
  p99LimitMs: number;
  /** The server's database when it is a PostgreSQL server we can ask, to charge its backends' CPU. */
  databaseUrl: string | null;
}

const SETTLE_MS = 2000;
const GRACE_MS = 5000;
/** The server is one Node.js process: one JavaScript thread, so one core is what it can use. */
const SERVER_CORES = 1;
/** Above this share of a core the load generator itself starts adding latency. */
const LOAD_GENERATOR_BUSY = 0.9;

interface MeasuredStep extends StepOutcome {
  population: PopulationStep;
  cpu: CoresUsed;
  connectSeconds: number;
}

const cores = (value: number | null) => (value === null ? 'n/a' : value.toFixed(2));

export async function capacity(input: CapacityInput): Promise<ScenarioOutcome> {
  const scenario = '7 capacity';
  const startedAt = performance.now();
  const population = new ChatPopulation(input.server.url, input.users, input.behaviour);
  const steps: MeasuredStep[] = [];
  const notes: string[] = [];
  try {
    for (const users of input.steps) {
      const elapsed = (performance.now() - startedAt) / 1000;
      if (elapsed > input.maxSeconds) {
        notes.push(
          `${scenario}: stopped before ${formatCount(users)} users: the ${input.maxSeconds}s budget was spent`,
        );
        break;
      }
      progress(`7 capacity: ${formatCount(users)} users: creating their chats and connecting`);
      const connectStart = performance.now();
      await population.grow(users);
      const connectSeconds = (performance.now() - connectStart) / 1000;
      await sleep(SETTLE_MS);
      progress(`7 capacity: ${formatCount(users)} users chatting for ${input.stepSeconds}s`);
      const window = await startCpuWindow(input.server.pid, input.databaseUrl);
      const sendingStart = performance.now();
      population.startSending();
      await sleep(input.stepSeconds * 1000);
      const cpu = await window.stop();
      const sendingSeconds = (performance.now() - sendingStart) / 1000;
      await population.stopSending(GRACE_MS);
      const measured = population.takeStep(sendingSeconds);
      const step: MeasuredStep = {
        users,
        deliveries: measured.delivery.count,
        p50: measured.delivery.p50,
        p99: measured.delivery.p99,
        errors: measured.errors,
        population: measured,
        cpu,
        connectSeconds,
      };
      steps.push(step);
      progress(
        `7 capacity: ${formatCount(users)} users: ${formatRate(measured.sendsPerSecond, ' msg/s')}, delivery p50 ` +
          `${formatMs(step.p50)} p99 ${formatMs(step.p99)}, ${step.errors} errors, server ${cores(cpu.server)} cores, ` +
          `load generator ${cores(cpu.loadGenerator)}`,
      );
      if (cpu.loadGenerator > LOAD_GENERATOR_BUSY) {
        notes.push(
          `${scenario}: at ${formatCount(users)} users the load generator used ${cores(cpu.loadGenerator)} of a core; ` +
            'its own queueing is part of the latency',
        );
      }
      if (!stepHeld(step, input.p99LimitMs)) break;
    }
  } finally {
    await population.close();
    // Let the server record the closes, so what runs next (or a shutdown) finds nothing in flight.
    await sleep(SETTLE_MS);
  }
  return capacityOutcome(scenario, steps, input, notes);
}

function capacityOutcome(
  scenario: string,
  steps: MeasuredStep[],
  input: CapacityInput,
  notes: string[],
): ScenarioOutcome {
  const rows: TableRow[] = [];
  for (const step of steps) {
    const { population, cpu } = step;
    rows.push({
      scenario,
      figure: `${formatCount(step.users)} users, ${formatRate(population.sendsPerSecond, ' msg/s')}: delivery p50 (p99)`,
      value: `${formatMs(step.p50)} (${formatMs(step.p99)})`,
      ceiling: `p99 < ${formatMs(input.p99LimitMs)}`,
      ratio: ratio(step.p99, input.p99LimitMs),
    });
    rows.push({
      scenario,
      figure: `${formatCount(step.users)} users: errors; cores used: server, database, load generator, machine`,
      value: `${step.errors}; ${cores(cpu.server)}, ${cores(cpu.database)}, ${cores(cpu.loadGenerator)}, ${cores(cpu.machine)}`,
      ceiling: '-',
      ratio: null,
    });
    if (step.errors > 0) {
      notes.push(
        `${scenario}: ${formatCount(step.users)} users: ${JSON.stringify(population.failures)}; first: ${population.firstError}`,
      );
    }
  }
  const held = largestHeld(steps, input.p99LimitMs);
  const best = held ? steps.find((step) => step.users === held.users)! : null;
  rows.push({
    scenario,
    figure: `largest N held (delivery p99 < ${formatMs(input.p99LimitMs)}, no errors)`,
    value: best
      ? `${formatCount(best.users)} users = ${formatCount(usersPerCore(best.users, SERVER_CORES))} per core`
      : 'none',
    ceiling: '-',
    ratio: null,
  });
  // The largest step tells the per-user cost best (fixed costs spread the thinnest).
  const largest = steps.at(-1);
  const projected = largest ? usersPerBusyCore(largest.users, largest.cpu.server) : null;
  if (largest && projected !== null) {
    rows.push({
      scenario,
      figure: `server CPU per user; users a busy core would carry by CPU alone (at ${formatCount(largest.users)})`,
      value: `${((1000 * largest.cpu.server!) / largest.users).toFixed(2)} ms/s; ${formatCount(projected)}`,
      ceiling: '-',
      ratio: null,
    });
  }
  if (best && best === steps.at(-1) && steps.length === input.steps.length) {
    notes.push(`${scenario}: the last step held too; more users (or a longer budget) may hold as well`);
  }
  const [sendMin, sendMax] = input.behaviour.sendInterval;
  notes.push(
    `${scenario}: each user sends every ${sendMin}-${sendMax}s into one of up to 4 direct chats and 2 groups of 8, ` +
      `acks every message and marks the chat read ${input.behaviour.readDelay.join('-')}s later; ` +
      `per core = per server process (one Node.js thread); cores are CPU seconds per second from /proc, ` +
      "the machine's including everything else running on it",
  );
  return {
    rows,
    details: {
      stepSeconds: input.stepSeconds,
      behaviour: input.behaviour,
      p99LimitMs: input.p99LimitMs,
      largestHeld: best?.users ?? null,
      usersPerCore: best ? usersPerCore(best.users, SERVER_CORES) : null,
      usersPerBusyCore: projected,
      steps: steps.map(({ users, connectSeconds, population, cpu }) => ({
        users,
        connectSeconds,
        ...population,
        cpu,
      })),
    },
    notes,
  };
}
