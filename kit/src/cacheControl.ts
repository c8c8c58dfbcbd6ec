// The Cache-Control header of a subgraph's answers (from the schema's @cacheControl hints), as
// Apollo Server's own cache-control plugin computes it, without that plugin's per-field hook.
// The stock plugin hooks every field of every request: Apollo Server then wraps each resolver,
// allocates a policy, a hint object and two closures per field, and chains a promise on every
// async result; for a national picture (hundreds of thousands of fields) that was a third of a
// subgraph's CPU. No resolver here sets a dynamic hint, so what a field adds to the answer's
// policy depends on its definition alone: it is computed once, at start, and a resolved field
// only narrows the request's policy by it. The one dynamic case, `_entities` (narrowed by the
// cache hint of each representation's type), is reproduced.
import type { ApolloServerPlugin, BaseContext, GraphQLRequestContext } from '@apollo/server';
import {
  defaultFieldResolver,
  getNamedType,
  isCompositeType,
  isInterfaceType,
  isObjectType,
  type ConstDirectiveNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLFieldResolver,
  type GraphQLObjectType,
  type GraphQLSchema,
} from 'graphql';

type Scope = 'PUBLIC' | 'PRIVATE';
type Policy = GraphQLRequestContext<BaseContext>['overallCachePolicy'];

/** A hint as @cacheControl writes it. */
interface Annotation {
  maxAge?: number;
  scope?: Scope;
  inheritMaxAge?: boolean;
}

/** What one resolved field adds to the request's policy. */
interface Hint {
  maxAge?: number;
  scope?: Scope;
}

/** Where a request's policy waits for its fields (Apollo Server passes resolvers nothing else per request). */
const POLICY = Symbol('cacheControlPolicy');

/** Options of {@link installCacheControl}. */
export interface CacheControlOptions {
  /** maxAge of a composite or root field with no hint (Apollo Server's default: 0, not cacheable). */
  defaultMaxAge?: number;
}

/**
 * Makes every resolved field of `schema` narrow its request's cache policy by the field's hint
 * (wrapping the resolvers of the fields that have one), and returns the plugin that hands each
 * request's policy to them and writes the Cache-Control header. Use it with
 * ApolloServerPluginCacheControlDisabled(), in place of the stock plugin.
 */
export function installCacheControl<TContext extends BaseContext>(
  schema: GraphQLSchema,
  options: CacheControlOptions = {},
): ApolloServerPlugin<TContext> {
  const defaultMaxAge = options.defaultMaxAge ?? 0;
  const roots = new Set([schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()]);
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__') || !isObjectType(type)) continue;
    for (const field of Object.values(type.getFields())) wrapField(schema, type, field, roots, defaultMaxAge);
  }
  return {
    async requestDidStart() {
      return {
        async executionDidStart({ contextValue, overallCachePolicy }) {
          if (typeof contextValue !== 'object' || contextValue === null) return;
          // As the stock plugin: a policy already narrowed before execution is left as it is.
          const narrowedBefore =
            overallCachePolicy.maxAge !== undefined || overallCachePolicy.scope !== undefined;
          (contextValue as Record<symbol, unknown>)[POLICY] = narrowedBefore ? undefined : overallCachePolicy;
        },
        async willSendResponse({ response, overallCachePolicy }) {
          const existing = response.http.headers.get('cache-control');
          const headerHint = existingHint(existing);
          if (headerHint === 'unparsable') return;
          const policy = { maxAge: overallCachePolicy.maxAge, scope: overallCachePolicy.scope };
          if (headerHint !== 'none' && headerHint !== 'no-store') narrow(policy, headerHint);
          const cacheable = policy.maxAge !== undefined && policy.maxAge !== 0;
          if (
            cacheable &&
            headerHint !== 'no-store' &&
            response.body.kind === 'single' &&
            !response.body.singleResult.errors
          ) {
            const scope = policy.scope ?? 'PUBLIC';
            response.http.headers.set('cache-control', `max-age=${policy.maxAge}, ${scope.toLowerCase()}`);
          } else {
            response.http.headers.set('cache-control', 'no-store');
          }
        },
      };
    },
  };
}

function wrapField(
  schema: GraphQLSchema,
  parent: GraphQLObjectType,
  field: GraphQLField<unknown, unknown>,
  roots: Set<GraphQLObjectType | null | undefined>,
  defaultMaxAge: number,
): void {
  const target = getNamedType(field.type);
  const composite = isCompositeType(target);
  // The field's own policy before the default applies: its type's hint, then the field's.
  const own: Hint = {};
  let inherit = false;
  if (composite) {
    const typeHint = annotationOf(target);
    replace(own, typeHint);
    inherit = typeHint.inheritMaxAge === true;
  }
  const fieldHint = fieldAnnotation(field);
  if (fieldHint.inheritMaxAge && own.maxAge === undefined) {
    inherit = true;
    if (fieldHint.scope) replace(own, { scope: fieldHint.scope });
  } else replace(own, fieldHint);
  // Composite fields that do not inherit, and root fields, fall back on the default maxAge.
  const settle = (hint: Hint, root: boolean): Hint =>
    hint.maxAge === undefined && ((composite && !inherit) || root)
      ? narrowed(hint, { maxAge: defaultMaxAge })
      : hint;
  const resolve: GraphQLFieldResolver<unknown, unknown> = field.resolve ?? defaultFieldResolver;
  const isRoot = roots.has(parent);

  if (isRoot && field.name === '_entities') {
    // @apollo/subgraph narrows `_entities` by the hint of each representation's type.
    field.resolve = (source, args: { representations?: { __typename?: string }[] }, context, info) => {
      const policy = policyOf(context);
      if (policy) {
        const hint = { ...own };
        for (const representation of args.representations ?? []) {
          const type = schema.getType(representation.__typename ?? '');
          if (type && (isObjectType(type) || isInterfaceType(type))) narrow(hint, annotationOf(type));
        }
        policy.restrict(settle(hint, info.path.prev === undefined));
      }
      return resolve(source, args, context, info);
    };
    return;
  }
  const nested = settle(own, false);
  const top = settle(own, true);
  if (!isRoot && isEmpty(nested)) return; // adds nothing: left unwrapped
  field.resolve = (source, args, context, info) => {
    policyOf(context)?.restrict(isRoot && info.path.prev === undefined ? top : nested);
    return resolve(source, args, context, info);
  };
}

function policyOf(context: unknown): Policy | undefined {
  return typeof context === 'object' && context !== null
    ? ((context as Record<symbol, unknown>)[POLICY] as Policy | undefined)
    : undefined;
}

function isEmpty(hint: Hint): boolean {
  return hint.maxAge === undefined && hint.scope === undefined;
}

/** Apollo's `replace`: every part the hint states wins. */
function replace(target: Hint, hint: Hint): void {
  if (hint.maxAge !== undefined) target.maxAge = hint.maxAge;
  if (hint.scope !== undefined) target.scope = hint.scope;
}

/** Apollo's `restrict`: the shorter maxAge, and PRIVATE once any part is private. */
function narrow(target: Hint, hint: Hint): void {
  if (hint.maxAge !== undefined && (target.maxAge === undefined || hint.maxAge < target.maxAge))
    target.maxAge = hint.maxAge;
  if (hint.scope !== undefined && target.scope !== 'PRIVATE') target.scope = hint.scope;
}

function narrowed(hint: Hint, by: Hint): Hint {
  const copy = { ...hint };
  narrow(copy, by);
  return copy;
}

function existingHint(header: string | undefined): Hint | 'none' | 'no-store' | 'unparsable' {
  if (!header) return 'none';
  if (header === 'no-store') return 'no-store';
  const match = /^max-age=(\d+), (public|private)$/.exec(header);
  if (!match) return 'unparsable';
  return { maxAge: Number(match[1]), scope: match[2] === 'public' ? 'PUBLIC' : 'PRIVATE' };
}

function annotationOf(type: GraphQLCompositeType): Annotation {
  const nodes = [type.astNode, ...(type.extensionASTNodes ?? [])];
  for (const node of nodes) {
    const hint = fromDirectives(node?.directives);
    if (hint) return hint;
  }
  return {};
}

function fieldAnnotation(field: GraphQLField<unknown, unknown>): Annotation {
  return fromDirectives(field.astNode?.directives) ?? {};
}

function fromDirectives(directives: readonly ConstDirectiveNode[] | undefined): Annotation | undefined {
  const directive = directives?.find((d) => d.name.value === 'cacheControl');
  if (!directive?.arguments) return undefined;
  const argument = (name: string) => directive.arguments?.find((a) => a.name.value === name)?.value;
  const scopeValue = argument('scope');
  const scopeName = scopeValue?.kind === 'EnumValue' ? scopeValue.value : undefined;
  const scope = scopeName === 'PUBLIC' || scopeName === 'PRIVATE' ? scopeName : undefined;
  const inherit = argument('inheritMaxAge');
  if (inherit?.kind === 'BooleanValue' && inherit.value) return { inheritMaxAge: true, scope };
  const maxAge = argument('maxAge');
  return { maxAge: maxAge?.kind === 'IntValue' ? parseInt(maxAge.value, 10) : undefined, scope };
}
