// Entry point: `npm run gateway -- --supergraph FILE --port N` serves the gateway alone.
import { runMain } from '../../kit/src/env.js';
import { listen } from '../../kit/src/listen.js';
import { readGatewayConfig } from './config.js';
import { createGatewayApp } from './server.js';

runMain('gateway', async () => {
  const config = readGatewayConfig(process.env, process.argv.slice(2));
  const app = await createGatewayApp(config);
  const running = await listen(app.handle, config.port, config.host);
  console.log(`gateway ready: GraphiQL at ${running.url}/ , GraphQL at ${running.url}/graphql`);
  const stop = () => {
    void running
      .close()
      .then(() => app.stop())
      .then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
});
