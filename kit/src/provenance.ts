// Provenance of every operator record and figure (`Source` in kit/schema/common.graphql): who
// publishes the data, where, when this copy was read, and whether the values are real.

/** The GraphQL `Source` value. */
export interface SourceInfo {
  publisher: string;
  dataset: string;
  url: string;
  /** ISO 8601 instant of the last read from the publisher, or null when never read. */
  retrievedAt: string | null;
  illustrative: boolean;
}

/** What a client knows of the dataset it reads. */
export interface DatasetDescription {
  publisher: string;
  dataset: string;
  /** The publisher's page or endpoint for this dataset on the REAL host. */
  url: string;
  /** The real publisher's base URL (the setting's default). */
  realBaseUrl: string;
}

/**
 * Describes a dataset read through `configuredBaseUrl`: the values are illustrative unless that
 * URL is the real publisher's host, so a simulator (or any stand-in) is never taken for the source.
 */
export function describeSource(
  description: DatasetDescription,
  configuredBaseUrl: string,
  retrievedAt: Date | string | null,
): SourceInfo {
  return {
    publisher: description.publisher,
    dataset: description.dataset,
    url: description.url,
    retrievedAt: retrievedAt === null ? null : new Date(retrievedAt).toISOString(),
    illustrative: !sameOrigin(configuredBaseUrl, description.realBaseUrl),
  };
}

function sameOrigin(a: string, b: string): boolean {
  try {
    return new URL(a).origin === new URL(b).origin;
  } catch {
    return false;
  }
}
