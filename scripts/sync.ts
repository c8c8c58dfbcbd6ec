// `npm run sync [--full] [source…]`: syncs the mirrored open datasets into the mirror (the SQLite
// file by default, PostgreSQL with DATABASE_URL), with a progress bar and a report per source.
// Exit code 1 when a source failed; the others still ran.
import { runMain } from '../kit/src/env.js';
import { parseSyncArgs, runSyncCommand } from '../stack/sync.js';

runMain('sync', async () => {
  const outcome = await runSyncCommand(parseSyncArgs(process.argv.slice(2)), process.env);
  process.exitCode = outcome.exitCode;
});
