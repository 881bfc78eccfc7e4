/**
 * Guard rails shared by the parent and the listener child: the bench only ever touches loopback
 * addresses, and never port 2024 (a system service of the bench machine listens on 0.0.0.0:2024).
 */
export const FORBIDDEN_PORT = 2024;
export const EXCLUDE_PORTS_FLAG = String(FORBIDDEN_PORT);

export function isLoopbackV4(address: string): boolean {
  const octets = address.split('.');
  if (octets.length !== 4 || octets[0] !== '127') return false;
  return octets.every((o) => /^\d{1,3}$/.test(o) && Number(o) <= 255);
}

export function assertSafeTarget(host: string, port?: number): void {
  if (!isLoopbackV4(host)) throw new Error(`refusing non-loopback address ${host}`);
  if (port === FORBIDDEN_PORT) throw new Error(`refusing port ${FORBIDDEN_PORT} on ${host}`);
}

/** --subnet: the first three octets of a 127.x.y.0/24 network, the only kind a bench fleet may use. */
export function loopbackSubnet(subnet: string): string {
  if (!/^127\.\d{1,3}\.\d{1,3}$/.test(subnet) || subnet.split('.').some((o) => Number(o) > 255)) {
    throw new Error(`--subnet must be the first three octets of a 127.x.y.0/24 network, got "${subnet}"`);
  }
  return subnet;
}
