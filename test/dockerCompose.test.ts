// Docker cannot run here, so docker-compose.yml is kept right by reading it: every subgraph of
// schema/supergraph.yaml is a service whose port matches, and the gateway routes to it; no secret
// is written in it, each comes from the environment and compose refuses to start without it.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readSupergraphConfig, REPO_ROOT } from '../tools/composition.js';
import { MIRRORED_SOURCES, REGISTRY_SERVICE } from '../stack/mirrorSources.js';
import { SERVICES } from '../stack/registry.js';
import { GATEWAY_BUNDLE } from '../tools/gatewayBundle.js';
import { DEVELOPMENT_JWT_SECRET } from '../gateway/src/config.js';

interface ComposeService {
  build?: unknown;
  image?: string;
  command?: string | string[];
  environment?: Record<string, string | number>;
  ports?: string[];
  depends_on?: string[] | Record<string, unknown>;
}

const text = readFileSync(join(REPO_ROOT, 'docker-compose.yml'), 'utf8');
const compose = parse(text) as { services: Record<string, ComposeService> };

/** Compose's "required variable" form: `${NAME:?message}` fails `docker compose up` when NAME is unset or empty. */
function requiredFromEnvironment(name: string): RegExp {
  return new RegExp(`^\\$\\{${name}:\\?[^}]+\\}$`);
}

/** Settings whose value is a credential, by name. */
const SECRET_SETTING = /SECRET|PASSWORD|API_KEY|TOKEN/;

describe('docker-compose.yml', () => {
  it('opens with a comment saying how it is used', () => {
    expect(readFileSync(join(REPO_ROOT, 'docker-compose.yml'), 'utf8').startsWith('#')).toBe(true);
  });

  it('starts every service from a file that exists, or that the image builds', () => {
    const dockerfile = readFileSync(join(REPO_ROOT, 'Dockerfile'), 'utf8');
    for (const [name, service] of Object.entries(compose.services)) {
      if (!Array.isArray(service.command) || service.command[0] !== 'node') continue;
      // The script run: the first argument naming a file (options may follow it).
      const entry = service.command.find((arg) => /\.(ts|mjs)$/.test(arg))!;
      if (entry.startsWith('dist/')) {
        // Build outputs: the image must run the build that writes them.
        expect(dockerfile, `${name}: ${entry}`).toContain('RUN npm run build');
        expect(join(REPO_ROOT, entry), name).toBe(GATEWAY_BUNDLE);
      } else {
        expect(existsSync(join(REPO_ROOT, entry)), `${name}: ${entry}`).toBe(true);
      }
    }
  });

  it('writes no secret: every credential setting is taken from the environment and required', () => {
    expect(text).not.toMatch(/change-me/i);
    expect(text).not.toContain(DEVELOPMENT_JWT_SECRET);
    const credentials: string[] = [];
    for (const [name, service] of Object.entries(compose.services)) {
      for (const [key, value] of Object.entries(service.environment ?? {})) {
        if (!SECRET_SETTING.test(key)) continue;
        credentials.push(`${name}.${key}`);
        expect(String(value), `${name}: ${key}`).toMatch(requiredFromEnvironment(key));
      }
    }
    expect(credentials).toContain('gateway.GATEWAY_SECRET');
    expect(credentials).toContain('gateway.JWT_SECRET');
  });

  it('gives the gateway and every subgraph GATEWAY_SECRET from the environment, and the gateway JWT_SECRET', () => {
    const needers = ['gateway', ...SERVICES.filter((s) => s.kind === 'subgraph').map((s) => s.name)];
    for (const name of needers) {
      expect(String(compose.services[name]?.environment?.GATEWAY_SECRET), name).toMatch(
        requiredFromEnvironment('GATEWAY_SECRET'),
      );
    }
    expect(String(compose.services.gateway?.environment?.JWT_SECRET)).toMatch(
      requiredFromEnvironment('JWT_SECRET'),
    );
    expect(String(compose.services.gateway?.environment?.PRODUCTION)).toBe('true');
  });

  it('says in its header how the secrets are given (.env), and keeps .env out of the image', () => {
    const header = text.slice(0, text.search(/^[^#]/m));
    for (const word of ['.env', 'GATEWAY_SECRET', 'JWT_SECRET']) expect(header).toContain(word);
    const dockerignore = readFileSync(join(REPO_ROOT, '.dockerignore'), 'utf8').split('\n');
    expect(dockerignore).toContain('.env');
  });

  it('has the gateway and Redis, with the gateway on Redis', () => {
    expect(compose.services.gateway).toBeDefined();
    expect(compose.services.redis?.image).toMatch(/^redis:/);
    expect(compose.services.gateway?.environment?.CACHE_URL).toBe('redis://redis:6379');
  });

  for (const subgraph of readSupergraphConfig()) {
    it(`runs subgraph ${subgraph.name} on the port its routing URL names, and routes the gateway to it`, () => {
      const service = compose.services[subgraph.name];
      expect(service, `service ${subgraph.name}`).toBeDefined();
      const definition = SERVICES.find((s) => s.name === subgraph.name);
      expect(definition, `stack registry entry ${subgraph.name}`).toBeDefined();
      const port = new URL(subgraph.routingUrl).port;
      expect(String(service!.environment?.[definition!.portEnv])).toBe(port);
      expect(String(service!.environment?.HOST)).toBe('0.0.0.0');
      const envName = `SUBGRAPH_${subgraph.name.toUpperCase().replace(/-/g, '_')}_URL`;
      expect(compose.services.gateway?.environment?.[envName]).toBe(
        `http://${subgraph.name}:${port}/graphql`,
      );
      expect(compose.services.gateway?.environment?.GATEWAY_SECRET).toBe(
        service!.environment?.GATEWAY_SECRET,
      );
    });
  }

  it('runs PostgreSQL for the mirror, with a volume and a health check, and the mirror readers wait for it', () => {
    const postgres = compose.services.postgres as ComposeService & {
      volumes?: string[];
      healthcheck?: { test?: string[] };
    };
    expect(postgres?.image).toMatch(/^postgres:16/);
    const volume = postgres.volumes?.[0]?.split(':')[0];
    expect(volume).toBeTruthy();
    expect((compose as { volumes?: Record<string, unknown> }).volumes).toHaveProperty(volume!);
    expect(postgres.healthcheck?.test?.join(' ')).toContain('pg_isready');
    const password = postgres.environment?.POSTGRES_PASSWORD;
    const database = postgres.environment?.POSTGRES_DB;
    // The open datasets' readers, and the operators whose windows of live APIs sit in the mirror.
    for (const name of [
      'banque-des-territoires',
      'bpifrance',
      'ademe',
      'france-travail',
      'vte',
      'business-france',
      'dgefp',
      'apec',
      'action-logement',
    ]) {
      const service = compose.services[name];
      expect(service?.environment?.DATABASE_URL, name).toBe(
        `postgres://postgres:${password}@postgres:5432/${database}`,
      );
      expect((service?.depends_on as Record<string, { condition?: string }>)?.postgres?.condition, name).toBe(
        'service_healthy',
      );
    }
  });

  it('runs the mirror scheduler, reaching every mirrored source and the registry, on the mirror', () => {
    const sync = compose.services['mirror-sync'];
    expect(sync?.command).toEqual(['node', '--import', 'tsx', 'scripts/sync.ts', '--schedule']);
    expect(sync?.environment?.DATABASE_URL).toBe(compose.services.bpifrance?.environment?.DATABASE_URL);
    expect((sync?.depends_on as Record<string, { condition?: string }>)?.postgres?.condition).toBe(
      'service_healthy',
    );
    for (const urlEnv of new Set([...MIRRORED_SOURCES.map((s) => s.urlEnv), REGISTRY_SERVICE.urlEnv])) {
      expect(sync?.environment?.[urlEnv], urlEnv).toBeDefined();
    }
  });

  it('points every subgraph that has an upstream at a simulator service that exists', () => {
    for (const simulator of SERVICES.filter((s) => s.kind === 'simulator')) {
      const users = Object.values(compose.services).filter(
        (s) => s.environment?.[simulator.urlEnv!] !== undefined,
      );
      expect(users.length, simulator.name).toBeGreaterThan(0);
      const service = compose.services[simulator.name];
      expect(service, `simulator ${simulator.name}`).toBeDefined();
      for (const user of users) {
        expect(user.environment?.[simulator.urlEnv!]).toBe(
          `http://${simulator.name}:${service!.environment?.[simulator.portEnv]}`,
        );
      }
    }
  });
});
