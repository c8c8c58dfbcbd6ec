// The gateway's entry point in production mode, as a real child process: it refuses to start on
// the secrets that ship in the repository, in one line naming the setting to give, and starts
// once real ones are given.
import { spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../kit/src/paths.js';
import { DEVELOPMENT_JWT_SECRET } from '../src/config.js';

interface Run {
  code: number | null;
  output: string;
}

const running: ReturnType<typeof spawn>[] = [];
afterEach(() => {
  for (const child of running.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

/**
 * Runs `gateway/src/index.ts` with `env` on top of this process's environment (its secrets
 * removed); resolves when it exits, or when its output matches `until` (then it is stopped).
 */
function runGateway(env: Record<string, string>, until?: RegExp): Promise<Run> {
  const base = { ...process.env };
  for (const name of ['JWT_SECRET', 'JWT_PUBLIC_KEY_FILE', 'JWT_JWKS_URL', 'GATEWAY_SECRET', 'PRODUCTION'])
    delete base[name];
  const child = spawn(process.execPath, ['--import', 'tsx', 'gateway/src/index.ts', '--port', '0'], {
    cwd: REPO_ROOT,
    env: { ...base, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.push(child);
  let output = '';
  return new Promise((resolve) => {
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      if (until?.test(output)) child.kill('SIGTERM');
    };
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    child.once('exit', (code) => resolve({ code, output }));
  });
}

function lines(run: Run): string[] {
  return run.output.trim().split('\n');
}

describe('gateway start-up in production', () => {
  it('refuses to start without a token secret, in one line naming JWT_SECRET', async () => {
    const run = await runGateway({ NODE_ENV: 'production', GATEWAY_SECRET: 'a-gateway-secret' });
    expect(run.code).not.toBe(0);
    expect(lines(run)).toHaveLength(1);
    expect(lines(run)[0]).toMatch(/^gateway: JWT_SECRET is required in production/);
    expect(lines(run)[0]).toContain('JWT_JWKS_URL');
  });

  it('refuses to start on the development token secret', async () => {
    const run = await runGateway({
      PRODUCTION: 'true',
      JWT_SECRET: DEVELOPMENT_JWT_SECRET,
      GATEWAY_SECRET: 'a-gateway-secret',
    });
    expect(run.code).not.toBe(0);
    expect(lines(run)).toEqual([expect.stringMatching(/^gateway: JWT_SECRET is the development secret/)]);
  });

  it('refuses to start without a gateway secret, in one line naming GATEWAY_SECRET', async () => {
    const run = await runGateway({ PRODUCTION: 'true', JWT_SECRET: 'a-production-secret-of-our-own' });
    expect(run.code).not.toBe(0);
    expect(lines(run)).toEqual([expect.stringMatching(/^gateway: GATEWAY_SECRET is required in production/)]);
  });

  it('starts with both secrets given', async () => {
    const run = await runGateway(
      {
        PRODUCTION: 'true',
        JWT_SECRET: 'a-production-secret-of-our-own',
        GATEWAY_SECRET: 'a-gateway-secret',
      },
      /gateway ready: GraphiQL at http:\/\/\S+/,
    );
    expect(run.output).toMatch(/gateway ready: GraphiQL at http:\/\/\S+/);
  });
});
