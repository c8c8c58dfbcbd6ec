// Drives the simulators' control routes (sim/kit/README.md) from end-to-end tests.
import { randomUUID } from 'node:crypto';
import type { Stack } from '../../stack/startStack.js';

/** Faults a simulator can be told to produce. */
export interface SimulatorFaults {
  latencyMs?: number;
  failRate?: number;
  garbage?: boolean | string;
  down?: boolean;
}

function simulatorUrl(stack: Stack, simulator: string): string {
  const service = stack.services[simulator];
  if (!service) throw new Error(`no simulator "${simulator}" in this stack`);
  return service.url;
}

/** Sets a simulator's faults; throws when the simulator refuses them. */
export async function setFaults(stack: Stack, simulator: string, faults: SimulatorFaults): Promise<void> {
  const response = await fetch(`${simulatorUrl(stack, simulator)}/__sim/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(faults),
  });
  if (response.status !== 200) throw new Error(`${simulator} refused faults: ${response.status}`);
}

/** Clears a simulator's faults and call counts. */
export async function resetSimulator(stack: Stack, simulator: string): Promise<void> {
  const response = await fetch(`${simulatorUrl(stack, simulator)}/__sim/reset`, { method: 'POST' });
  if (response.status !== 200) throw new Error(`${simulator} refused reset: ${response.status}`);
}

/** Number of upstream calls a simulator has answered since its last reset. */
export async function simulatorCalls(stack: Stack, simulator: string): Promise<number> {
  const response = await fetch(`${simulatorUrl(stack, simulator)}/__sim/stats`);
  return ((await response.json()) as { total: number }).total;
}

/**
 * Upstream calls a simulator received carrying `x-request-id: requestId`: what one gateway request
 * caused (the gateway passes a caller's id to the subgraphs, which pass it upstream), apart from
 * retries an earlier test's request may still be sending.
 */
export async function simulatorCallsOf(stack: Stack, simulator: string, requestId: string): Promise<number> {
  const url = `${simulatorUrl(stack, simulator)}/__sim/stats?requestId=${encodeURIComponent(requestId)}`;
  return ((await (await fetch(url)).json()) as { total: number }).total;
}

/** A request id of its own for one test request (`x-request-id`), to count what it caused. */
export function freshRequestId(): string {
  return `test-${randomUUID()}`;
}
