import dns from "node:dns";
import http from "node:http";
import https from "node:https";
import net from "node:net";
import type { Readable } from "node:stream";
import { AppError } from "@/lib/errors";
import { isBlockedAddress } from "./blocked-address";
import { nameFromUrl } from "./check-file-name";
import { tooLargeError, writeHashed, type Written } from "./write-hashed";

// Downloads one URL to a file with the upload limits, a timeout and protection against
// server-side request forgery: every hop (first request and each redirect) is checked,
// on the addresses DNS actually answered and on the socket's connected peer, so a name
// that resolves to 127.0.0.1 or a redirect to 169.254.169.254 is refused.

export type LookupFn = (
  hostname: string,
  options: dns.LookupAllOptions,
  callback: (err: NodeJS.ErrnoException | null, addresses: dns.LookupAddress[]) => void,
) => void;

export interface DownloadOptions {
  maxBytes: number;
  timeoutMs: number;
  /** Which peer addresses may be contacted (default: none of the blocked ranges). */
  allowAddress?: (ip: string) => boolean;
  maxRedirects?: number;
  signal?: AbortSignal;
  /** DNS resolver; tests inject one. */
  lookup?: LookupFn;
}

export interface Downloaded extends Written {
  name: string;
  finalUrl: string;
}

export const publicOnly = (ip: string) => !isBlockedAddress(ip);

function refused(host: string): AppError {
  return new AppError(
    "forbidden",
    `Links to private or local network addresses (${host}) can't be imported. Use a public link, or download the file and upload it.`,
  );
}

export function parseImportUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new AppError(
      "bad_request",
      `"${raw.slice(0, 80)}" is not a web link. Paste a full link starting with https://.`,
      { field: "urls" },
    );
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new AppError(
      "bad_request",
      "Only http and https links can be imported. Paste a link starting with https://.",
      { field: "urls" },
    );
  }
  return url;
}

function guardedLookup(lookup: LookupFn, allow: (ip: string) => boolean) {
  return (hostname: string, options: dns.LookupOptions, cb: (...args: unknown[]) => void) => {
    lookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return cb(err);
      const bad = addresses.find((a) => !allow(a.address));
      if (bad || addresses.length === 0) return cb(refused(hostname));
      if (options.all) cb(null, addresses);
      else cb(null, addresses[0].address, addresses[0].family);
    });
  };
}

// Imports get their own agents without keep-alive: a socket pooled by the global agent
// (which keeps sockets alive on Node 20) skips both the DNS check and the connect check,
// so a pooled connection to an internal host would be reused for an import of that host.
const importAgents = {
  "http:": new http.Agent({ keepAlive: false, maxSockets: 16 }),
  "https:": new https.Agent({ keepAlive: false, maxSockets: 16 }),
};

function requestOnce(
  url: URL,
  opts: DownloadOptions,
  allow: (ip: string) => boolean,
  signal: AbortSignal,
): Promise<http.IncomingMessage> {
  const literal = url.hostname.replace(/^\[|\]$/g, "");
  if (net.isIP(literal) && !allow(literal)) return Promise.reject(refused(url.hostname));
  const lib = url.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    const req = lib.request(url, {
      method: "GET",
      agent: importAgents[url.protocol as "http:" | "https:"],
      signal,
      lookup: guardedLookup(
        opts.lookup ?? (dns.lookup as unknown as LookupFn),
        allow,
      ) as unknown as typeof dns.lookup,
      headers: {
        "user-agent": "VideoSkillOnline/1 (media import)",
        accept: "video/*,audio/*,image/*,*/*;q=0.5",
      },
    });
    req.on("socket", (socket) => {
      // Last line of defence: whatever resolved, the connected peer must be allowed.
      socket.once("connect", () => {
        const peer = socket.remoteAddress;
        if (!peer || !allow(peer)) req.destroy(refused(url.hostname));
      });
    });
    req.on("response", resolve);
    req.on("error", reject);
    req.end();
  });
}

function explain(err: unknown, url: URL, timeoutMs: number, timedOut: boolean): AppError {
  if (timedOut) {
    return new AppError(
      "timeout",
      `Downloading ${url.hostname} took longer than ${Math.round(timeoutMs / 1000)} seconds and was stopped. Try a faster link, or download the file and upload it.`,
    );
  }
  if (err instanceof AppError) return err;
  const code = (err as NodeJS.ErrnoException).code;
  if (code === "ENOTFOUND" || code === "EAI_AGAIN")
    return new AppError(
      "bad_request",
      `The server ${url.hostname} could not be found. Check the link and try again.`,
      { cause: err },
    );
  if ((err as Error).name === "AbortError")
    return new AppError("cancelled", "The import was cancelled.", { cause: err });
  return new AppError(
    "upstream",
    `Could not download from ${url.hostname} (${code ?? (err as Error).message}). Check that the link opens in a browser, then try again.`,
    { cause: err },
  );
}

/** Downloads `raw` into `dest` (which must not exist). */
export async function downloadUrl(
  raw: string,
  dest: string,
  opts: DownloadOptions,
): Promise<Downloaded> {
  const allow = opts.allowAddress ?? publicOnly;
  const maxRedirects = opts.maxRedirects ?? 5;
  const timeout = AbortSignal.timeout(opts.timeoutMs);
  const signal = opts.signal ? AbortSignal.any([opts.signal, timeout]) : timeout;
  let url = parseImportUrl(raw);
  try {
    for (let hop = 0; ; hop++) {
      const res = await requestOnce(url, opts, allow, signal);
      const status = res.statusCode ?? 0;
      if (status >= 300 && status < 400 && res.headers.location) {
        res.resume();
        if (hop >= maxRedirects)
          throw new AppError(
            "bad_request",
            `The link redirected more than ${maxRedirects} times. Use the final link to the file instead.`,
          );
        url = parseImportUrl(new URL(res.headers.location, url).toString());
        continue;
      }
      if (status !== 200) {
        res.resume();
        throw new AppError(
          "bad_request",
          `The server at ${url.hostname} answered HTTP ${status} instead of the file. Check that the link opens in a browser, then try again.`,
        );
      }
      const length = Number(res.headers["content-length"]);
      if (Number.isFinite(length) && length > opts.maxBytes) {
        res.destroy();
        throw tooLargeError(opts.maxBytes);
      }
      const written = await writeHashed(res as Readable, dest, opts.maxBytes, signal);
      return {
        ...written,
        name: nameFromUrl(url, res.headers["content-disposition"]),
        finalUrl: url.toString(),
      };
    }
  } catch (err) {
    throw explain(err, url, opts.timeoutMs, timeout.aborted && !opts.signal?.aborted);
  }
}
