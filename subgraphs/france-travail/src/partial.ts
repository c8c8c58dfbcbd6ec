// Saying so when an answer is partial: a resolver that ran out of its time budget returns what it
// has and notes what is missing here; a plugin turns the notes into PARTIAL_RESULT errors, each
// with the path of the field it concerns, next to the data (the gateway passes them on).
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { GraphQLResolveInfo } from 'graphql';
import { ErrorCode } from '../../../kit/src/errors.js';

type Path = (string | number)[];

/** One field answered in part. */
export interface PartialNotice {
  path: Path;
  missingDepartments: string[];
}

/** Per-request list of partial answers. */
export class PartialCollector {
  private readonly notices = new Map<string, PartialNotice>();

  /** Notes that the field at `info.path` lacks the offers of these departments. */
  note(info: Pick<GraphQLResolveInfo, 'path'>, missingDepartments: readonly string[]): void {
    if (missingDepartments.length === 0) return;
    const path = pathOf(info.path);
    this.notices.set(path.join('.'), { path, missingDepartments: [...missingDepartments].sort() });
  }

  list(): PartialNotice[] {
    return [...this.notices.values()];
  }
}

/** A context that carries a {@link PartialCollector}. */
export interface PartialAwareContext extends BaseContext {
  partial: PartialCollector;
}

/** Apollo plugin: one PARTIAL_RESULT error per partial field, data left in place. */
export function partialResultPlugin<TContext extends PartialAwareContext>(
  operator: string,
  label: string,
  budgetMs: number,
): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, contextValue }) {
          const notices = contextValue.partial.list();
          if (notices.length === 0 || response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          result.errors = [
            ...(result.errors ?? []),
            ...notices.map((notice) => ({
              message:
                `${label} could not be read in full within ${budgetMs} ms: offers of department(s) ` +
                `${notice.missingDepartments.join(', ')} are missing from this answer (ask again: what was read is cached).`,
              path: notice.path,
              extensions: {
                code: ErrorCode.PARTIAL_RESULT,
                operator,
                missingDepartments: notice.missingDepartments,
              },
            })),
          ];
        },
      };
    },
  };
}

function pathOf(path: GraphQLResolveInfo['path'] | undefined): Path {
  const parts: Path = [];
  for (let p = path; p; p = p.prev) parts.unshift(p.key);
  return parts;
}
