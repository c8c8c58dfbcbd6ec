// Opens the company registry client from its settings, for a subgraph's start-up sync or the
// sync service: the resilient upstream client with its long-lived cache, and how to close both.
import { openUpstream } from '../upstream/operatorSubgraph.js';
import { CompanyRegistryClient } from './companyRegistryClient.js';
import type { RegistrySettings } from './registrySettings.js';

/** An open registry client. */
export interface OpenedRegistry {
  registry: CompanyRegistryClient;
  close(): Promise<void>;
}

/** Opens API Recherche d'entreprises (cache namespace `recherche-entreprises:search`). */
export function openCompanyRegistry(settings: RegistrySettings): OpenedRegistry {
  const opened = openUpstream(settings.upstream, {
    operator: 'recherche-entreprises',
    label: "API Recherche d'entreprises",
    source: 'search',
    breaker: settings.breaker,
  });
  return { registry: new CompanyRegistryClient(opened.upstream), close: opened.close };
}
