// Child process of the harness: our gateway (the real createGatewayApp, configured as
// `npm run gateway -- --supergraph FILE --port 0` would be) on the supergraph given as argument.
import { runMain } from '../../kit/src/env.js';
import { listen } from '../../kit/src/listen.js';
import { readGatewayConfig } from '../../gateway/src/config.js';
import { createGatewayApp } from '../../gateway/src/server.js';
import { serveHarness } from '../child.js';

runMain('bench ours', async () => {
  const config = readGatewayConfig(process.env, ['--supergraph', process.argv[2] ?? '', '--port', '0']);
  const app = await createGatewayApp(config);
  const running = await listen(app.handle, config.port, config.host);
  serveHarness({ url: `${running.url}/graphql` });
});
