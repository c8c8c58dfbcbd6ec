// Simulator latency settings of the mission workload: none, and values like the real operators'.
// The simulators read these variables at start (see the README settings table).

/** A named set of simulator settings. */
export interface LatencyProfile {
  name: 'off' | 'realistic';
  description: string;
  env: Record<string, string>;
}

export const LATENCY_PROFILES: LatencyProfile[] = [
  { name: 'off', description: 'simulators answer at once', env: { SIM_LATENCY_MS: '0' } },
  {
    name: 'realistic',
    description: 'each simulator call takes 80 ms, like a public open-data API seen from a data centre',
    env: { SIM_LATENCY_MS: '80' },
  },
];
