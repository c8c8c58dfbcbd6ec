// `npm run sync [--full] [source…]`: syncs the mirrored sources into the mirror (the SQLite file by
// default, PostgreSQL with DATABASE_URL), with a progress bar and a report per source. Exit code 1
// when a source failed; the others still ran.
// `npm run sync -- --schedule`: stays up and keeps the mirror synced like `npm start`'s scheduler
// (first the sources never synced, then every SYNC_INTERVAL and each window's own interval), for
// deployments whose services run apart; only sources whose upstream URL is set; stops on SIGTERM.
import { once } from 'node:events';
import { runMain } from '../kit/src/env.js';
import { parseSyncArgs, runSyncCommand, startStackSync } from '../stack/sync.js';

function logLine(message: string, fields: Record<string, unknown> = {}): void {
  console.log(JSON.stringify({ time: new Date().toISOString(), level: 'info', message, ...fields }));
}

runMain('sync', async () => {
  const command = parseSyncArgs(process.argv.slice(2));
  if (command.schedule) {
    const sync = startStackSync(process.env, logLine);
    logLine('mirror sync scheduler started', { skipped: sync.skipped });
    await Promise.race([once(process, 'SIGTERM'), once(process, 'SIGINT')]);
    await sync.stop();
    return;
  }
  const outcome = await runSyncCommand(command, process.env);
  process.exitCode = outcome.exitCode;
});
