// Whether the real Redis the cache tests need answers on 127.0.0.1:6379. Without it those tests
// are skipped with a printed reason, unless REQUIRE_REDIS=1 (CI), which makes them fail instead.
import { Socket } from 'node:net';

/** URL of the Redis the tests use. */
export const TEST_REDIS_URL = 'redis://127.0.0.1:6379';

/** Resolves true when Redis answers PING within a second. */
export function redisAnswers(): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    const finish = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1_000, () => finish(false));
    socket.once('error', () => finish(false));
    socket.once('data', (chunk) => finish(chunk.toString().startsWith('+PONG')));
    socket.connect(6379, '127.0.0.1', () => socket.write('PING\r\n'));
  });
}

/** Whether to run the Redis tests: true if Redis answers; false (with a printed reason) or a throw under REQUIRE_REDIS=1. */
export async function shouldRunRedisTests(suite: string): Promise<boolean> {
  if (await redisAnswers()) return true;
  if (process.env.REQUIRE_REDIS === '1')
    throw new Error(`${suite}: REQUIRE_REDIS=1 but no Redis answers at ${TEST_REDIS_URL}.`);
  console.warn(
    `${suite}: skipping Redis tests — no Redis answers at ${TEST_REDIS_URL} (set REQUIRE_REDIS=1 to fail instead).`,
  );
  return false;
}
