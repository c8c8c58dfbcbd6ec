// Drives the simulators' control routes (sim/kit/README.md) from end-to-end tests.
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
