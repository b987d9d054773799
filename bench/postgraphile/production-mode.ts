// Grafast fixes its mode when it is first loaded, from GRAPHILE_ENV or else NODE_ENV: under NODE_ENV=test or
// development it runs its development checks and plans at a cost. The peer is measured as it runs in production,
// so this module is imported before PostGraphile (server.ts) unless GRAPHILE_ENV says otherwise.
process.env.GRAPHILE_ENV ??= 'production';
