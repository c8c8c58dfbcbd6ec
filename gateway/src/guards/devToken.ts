// Development tokens: what `npm run token` prints, and what the tests sign with.
import { SignJWT } from 'jose';
import { ConfigError } from '../../../kit/src/env.js';

/** What a development token says. */
export interface TokenArgs {
  scopes: string[];
  subject: string;
  /** Lifetime, as jose reads it: `1h`, `30m`, `7d`… */
  expires: string;
}

/** Reads `--scopes a,b --subject NAME --expires 1h`. */
export function parseTokenArgs(argv: string[]): TokenArgs {
  const args: TokenArgs = { scopes: [], subject: 'developer', expires: '1h' };
  for (let i = 0; i < argv.length; i++) {
    const [name, inline] = (argv[i] ?? '').split('=', 2) as [string, string | undefined];
    const value = inline ?? argv[++i];
    if (value === undefined) throw new ConfigError(`${name} needs a value`);
    if (name === '--scopes')
      args.scopes = value
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
    else if (name === '--subject') args.subject = value;
    else if (name === '--expires') args.expires = value;
    else
      throw new ConfigError(`unknown option "${name}" (expected --scopes a,b --subject NAME --expires 1h)`);
  }
  return args;
}

/** Signs an HS256 token carrying the scopes (OAuth 2 `scope` claim, space-separated). */
export function signDevelopmentToken(secret: string, args: TokenArgs): Promise<string> {
  return new SignJWT({ scope: args.scopes.join(' ') })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(args.subject)
    .setIssuedAt()
    .setExpirationTime(args.expires)
    .sign(new TextEncoder().encode(secret));
}
