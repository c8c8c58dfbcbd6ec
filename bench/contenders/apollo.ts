// Child process of the harness: a stock @apollo/gateway under @apollo/server's
// startStandaloneServer, default settings, on the supergraph given as argument.
import { readFileSync } from 'node:fs';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { runMain } from '../../kit/src/env.js';
import { serveHarness } from '../child.js';

runMain('bench apollo', async () => {
  const gateway = new ApolloGateway({ supergraphSdl: readFileSync(process.argv[2] ?? '', 'utf8') });
  const server = new ApolloServer({ gateway });
  const { url } = await startStandaloneServer(server, { listen: { port: 0, host: '127.0.0.1' } });
  serveHarness({ url });
});
