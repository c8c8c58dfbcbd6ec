// `npm run bench` (writes docs/benchmarks.md) and `npm run bench:smoke` (a second per party,
// written to a temporary file). Flags: --smoke, --soak, --out FILE, --skip public|mission.
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { ConfigError, runMain } from '../kit/src/env.js';
import { REPO_ROOT } from '../tools/composition.js';
import { runBench, type BenchOptions } from './harness.js';
import { checkTargets } from './targets.js';

interface Flags {
  smoke: boolean;
  soak: boolean;
  out?: string;
  skip: ('public' | 'mission')[];
}

function parseFlags(argv: string[]): Flags {
  const flags: Flags = { smoke: false, soak: false, skip: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--smoke') flags.smoke = true;
    else if (arg === '--soak') flags.soak = true;
    else if (arg === '--out' && argv[i + 1]) flags.out = argv[++i];
    else if (arg === '--skip' && (argv[i + 1] === 'public' || argv[i + 1] === 'mission'))
      flags.skip.push(argv[++i] as 'public' | 'mission');
    else
      throw new ConfigError(
        `unknown option "${arg}" (expected --smoke, --soak, --out FILE, --skip public|mission)`,
      );
  }
  return flags;
}

runMain('bench', async () => {
  const argv = process.argv.slice(2);
  const flags = parseFlags(argv);
  const options: BenchOptions = {
    smoke: flags.smoke,
    soak: flags.soak,
    skip: flags.skip,
    log: (line) => console.error(line),
    command: ['npm run bench', ...(argv.length ? ['--', ...argv] : [])].join(' '),
  };
  const out =
    flags.out ??
    (flags.smoke ? join(tmpdir(), 'benchmarks-smoke.md') : join(REPO_ROOT, 'docs', 'benchmarks.md'));
  const { report, markdown } = await runBench(options);
  writeFileSync(out, markdown);
  for (const check of checkTargets(report)) {
    console.log(
      `${check.met === undefined ? '  -  ' : check.met ? ' met ' : ' MISS '} ${check.target}: ${check.measured}`,
    );
  }
  console.log(
    `\nwrote ${out.startsWith(REPO_ROOT) ? relative(REPO_ROOT, out) : out} in ${report.durationS.toFixed(0)} s`,
  );
});
