// Where a push may go: an https URL whose host resolves only to public addresses. Checked when a device
// subscribes and again right before each push, whose connection then goes to the address checked (so a
// name that re-resolves to an inside address between check and connect cannot reach it).
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { isLoopbackAddress, isPublicAddress } from '../../lib/public-address.js';

/** The endpoint may never be used (not https, not public): a 422 at subscribe time, a dead subscription later. */
export class EndpointRejected extends Error {}

/** The endpoint's host could not be resolved right now (DNS failure): worth trying again later. */
export class EndpointUnresolved extends Error {}

export interface PushTarget {
  url: URL;
  /** The checked address the connection must go to. */
  address: string;
  family: 4 | 6;
}

function isLocalhostName(hostname: string): boolean {
  const name = hostname.toLowerCase().replace(/\.$/, '');
  return name === 'localhost' || name.endsWith('.localhost');
}

/** Parses and checks the URL alone (no DNS): https, a host, no credentials. */
export function parseEndpoint(raw: string, allowInsecure: boolean): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new EndpointRejected('must be an absolute URL');
  }
  if (url.protocol !== 'https:' && !(allowInsecure && url.protocol === 'http:')) {
    throw new EndpointRejected('must be an https URL');
  }
  if (url.username !== '' || url.password !== '') throw new EndpointRejected('must not carry credentials');
  if (url.hostname === '') throw new EndpointRejected('must name a host');
  if (isLocalhostName(url.hostname) && !allowInsecure) {
    throw new EndpointRejected('must be on a public address');
  }
  return url;
}

async function resolve(hostname: string): Promise<{ address: string; family: 4 | 6 }[]> {
  const literal = hostname.replace(/^\[(.*)\]$/, '$1');
  const family = isIP(literal);
  if (family !== 0) return [{ address: literal, family: family as 4 | 6 }];
  try {
    const found = await lookup(literal, { all: true, verbatim: true });
    return found.map((entry) => ({ address: entry.address, family: entry.family as 4 | 6 }));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new EndpointUnresolved(`has a host name that could not be resolved (${code})`);
  }
}

/**
 * Resolves the endpoint's host and accepts it only when every address is public (with
 * PUSH_ALLOW_INSECURE_ENDPOINTS, loopback too; plain http only to loopback).
 */
export async function checkEndpoint(raw: string, allowInsecure: boolean): Promise<PushTarget> {
  const url = parseEndpoint(raw, allowInsecure);
  const addresses = await resolve(url.hostname);
  if (addresses.length === 0) throw new EndpointUnresolved('has a host name with no address');
  const allowed = (address: string) =>
    isPublicAddress(address) || (allowInsecure && isLoopbackAddress(address));
  if (!addresses.every((entry) => allowed(entry.address))) {
    throw new EndpointRejected('must be on a public address (not private, loopback, link-local or reserved)');
  }
  if (url.protocol === 'http:' && !addresses.every((entry) => isLoopbackAddress(entry.address))) {
    throw new EndpointRejected('must be an https URL');
  }
  return { url, ...addresses[0]! };
}
