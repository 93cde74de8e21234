// Socket limits for the public server (scripts/server.mjs), in their own module so a test
// can put them on a plain http server and send the attacks.
//  - requestTimeout stays 0: a 500 MB upload or a long chat stream may take many minutes
//    while bytes keep flowing;
//  - an idle socket (no byte in either direction for SOCKET_IDLE_TIMEOUT_S) is closed, so a
//    client that stops sending halfway through a body cannot hold a connection forever;
//  - headers must arrive within HEADERS_TIMEOUT_S;
//  - at most MAX_CONNECTIONS sockets are open at once; more are closed on arrival.
// The settings are validated and documented with the others (lib/config/env-schema.ts).

const number = (value, fallback) => {
  const n = Number(value);
  return value !== undefined && value !== "" && Number.isFinite(n) && n > 0 ? n : fallback;
};

export function httpLimits(env = process.env) {
  return {
    idleMs: Math.round(number(env.SOCKET_IDLE_TIMEOUT_S, 120) * 1000),
    headersMs: Math.round(number(env.HEADERS_TIMEOUT_S, 30) * 1000),
    maxConnections: Math.floor(number(env.MAX_CONNECTIONS, 1024)),
  };
}

/** Applies the limits to `server` and returns them. */
export function applyHttpLimits(server, env = process.env) {
  const limits = httpLimits(env);
  server.requestTimeout = 0;
  server.headersTimeout = limits.headersMs;
  server.keepAliveTimeout = Math.min(65_000, limits.idleMs);
  // With no 'timeout' listener on the server, Node destroys a socket idle this long.
  server.timeout = limits.idleMs;
  server.maxConnections = limits.maxConnections;
  return limits;
}
