// `npm run token -- --scopes contacts:read,drafts:read [--subject NAME] [--expires 1h]`: prints an
// HS256 token signed with the gateway's JWT_SECRET (the development secret by default), to try the
// restricted fields in GraphiQL (header `Authorization: Bearer <token>`).
import { runMain } from '../kit/src/env.js';
import { readGatewayConfig } from '../gateway/src/config.js';
import { parseTokenArgs, signDevelopmentToken } from '../gateway/src/guards/devToken.js';

runMain('token', async () => {
  const args = parseTokenArgs(process.argv.slice(2));
  const { auth } = readGatewayConfig(process.env);
  console.log(await signDevelopmentToken(auth.jwtSecret, args));
});
