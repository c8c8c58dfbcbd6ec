// The France Travail client credentials of the simulated partner API. The simulator accepts them
// and the france-travail subgraph sends them by default, so `npm start` needs no real account;
// both read them from here so neither depends on the other.

/** Client id the simulator accepts by default. */
export const SIMULATED_CLIENT_ID = 'territoires-graph';
/** Client secret the simulator accepts by default. */
export const SIMULATED_CLIENT_SECRET = 'simulated-secret';
