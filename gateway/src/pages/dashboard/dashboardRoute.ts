// Serves the reference dashboard: GET /dashboard (the page) and /dashboard/app.js (its script,
// bundled from client.ts). The operations it runs are read from operations/ at start.
import { readFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { OPERATIONS_DIR } from '../../../../kit/src/paths.js';
import { bundleClient } from '../clientBundle.js';
import type { DashboardConfig } from './client.js';
import { dashboardPage } from './page.js';

export const DASHBOARD_PATH = '/dashboard';

const CLIENT_ENTRY = fileURLToPath(new URL('./client.ts', import.meta.url));
const SCRIPT_PATH = `${DASHBOARD_PATH}/app.js`;

/** True for the paths this route answers. */
export function isDashboardPath(path: string): boolean {
  return path === DASHBOARD_PATH || path === `${DASHBOARD_PATH}/` || path === SCRIPT_PATH;
}

/** Makes the dashboard handler; throws at start when an operation file it needs is missing. */
export function createDashboard(operationsDir = OPERATIONS_DIR, defaultTerritoryId = 'ti-4405') {
  const read = (name: string) => readFileSync(join(operationsDir, `${name}.graphql`), 'utf8');
  const config: DashboardConfig = {
    endpoint: '/graphql',
    operations: {
      TerritoryDashboard: read('TerritoryDashboard'),
      TerritoryDirectory: read('TerritoryDirectory'),
      RegionSupportPicture: read('RegionSupportPicture'),
    },
    defaultTerritoryId,
  };
  const page = dashboardPage(config, SCRIPT_PATH);

  /** Serves one dashboard path (see {@link isDashboardPath}). */
  return async function serveDashboard(path: string, res: ServerResponse): Promise<void> {
    if (path === SCRIPT_PATH) {
      const script = await bundleClient(CLIENT_ENTRY);
      res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-cache' });
      res.end(script);
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(page);
  };
}
