// Resolvers and data of the accounts subgraph of the public gateways workload.
import type { GraphQLResolverMap } from '../../kit/src/subgraphServer.js';

interface User {
  id: string;
  name: string;
  username: string;
  birthday: number;
}

const USERS: User[] = [
  ['1', 'Uri Goldshtein', 'urigo'],
  ['2', 'Dotan Simha', 'dotansimha'],
  ['3', 'Kamil Kisiela', 'kamilkisiela'],
  ['4', 'Arda Tanrikulu', 'ardatan'],
  ['5', 'Gil Gardosh', 'gilgardosh'],
  ['6', 'Laurin Quast', 'laurin'],
].map(([id, name, username]) => ({ id: id!, name: name!, username: username!, birthday: 1234567890 }));

export const accountsResolvers: GraphQLResolverMap<unknown> = {
  Query: {
    me: () => USERS[0],
    user: (_root, args: { id: string }) => USERS.find((user) => user.id === args.id) ?? null,
    users: () => USERS,
  },
  User: {
    __resolveReference: (reference: { id: string }) => USERS.find((user) => user.id === reference.id) ?? null,
  },
};
