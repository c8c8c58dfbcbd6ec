// The shape of one harness run's figures: filled by the harness, judged by targets.ts and
// rendered by report.ts (a module of its own so that neither of those imports the other).
import type { RunContext } from './machine.js';
import type { MissionResult } from './mission/missionWorkload.js';
import type { PublicResult } from './publicWorkload.js';
import type { SoakResult } from './soak.js';

/** Everything one harness run measured. */
export interface BenchReport {
  command: string;
  startedAt: string;
  durationS: number;
  smoke: boolean;
  context: RunContext;
  public?: PublicResult;
  mission?: MissionResult;
  /** Why the mission workload could not run, when it could not. */
  missionError?: string;
  soak?: SoakResult;
}
