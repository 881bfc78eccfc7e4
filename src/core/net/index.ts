import type { Clock } from '../clock.js';
import { ScopeError } from '../errors.js';
import type { Scope } from '../scope/scope.js';
import { canonicalIp } from '../targets/address.js';
import { Guard, type NetLimits } from './guard.js';
import { fetchFollowing, type HttpExchange, type HttpOptions, type HttpTransport } from './http.js';
import { HttpPool } from './http-pool.js';
import type { Resolver } from './resolve.js';
import { withTcpStream, type StreamLimits, type TcpStream } from './stream.js';
import { tcpSweep, type SweepOptions } from './sweep.js';
import { Prober, type ProbeResult } from './tcp.js';
import { runTool, toolVersion, type ToolLimits, type ToolResult } from './tool.js';

export type { NetLimits } from './guard.js';
export type { HttpExchange, HttpOptions, HttpResponse } from './http.js';
export { StreamError } from './stream.js';
export type { StreamFailure, StreamLimits, TcpStream, TlsSessionInfo, TlsUpgradeOptions } from './stream.js';
export type { SweepOptions } from './sweep.js';
export { readPemFile, TrustStore, type TrustSource } from './trust.js';
export type { PortState, ProbeReason, ProbeResult } from './tcp.js';
export { ToolError, type ToolLimits, type ToolResult } from './tool.js';

/**
 * What a scanner gets for the network, already bound to its task's abort signal. There is no
 * other way for a scanner to reach a socket.
 */
export interface TaskNet {
  /** Whether the scope lets any request reach `port` (nmap's --exclude-ports). */
  allowsPort(port: number): boolean;
  resolve(host: string): Promise<string>;
  tcpProbe(host: string, address: string, port: number, timeoutMs: number): Promise<ProbeResult>;
  /** Connect-probes many ports of one host under the guard, at scanning speed. */
  tcpSweep(host: string, address: string, options: SweepOptions): Promise<void>;
  /** One TCP connection for a conversation (banners, TLS); the guard's slots are held until `use` ends. */
  withTcp<T>(host: string, address: string, port: number, limits: StreamLimits, use: (stream: TcpStream) => Promise<T>): Promise<T>;
  fetch(url: string, options: Omit<HttpOptions, 'signal'>): Promise<HttpExchange>;
  /** The ports the scope excludes, as a range list ("2024,8000-8100"); empty when none. */
  excludedPorts(): string;
  /** The version line of a local peer tool (nmap), or null when it is not installed. */
  toolVersion(command: string): Promise<string | null>;
  /**
   * Runs a peer tool that probes `ports` of one host (nmap -sV). Every port is checked against the
   * scope first; the run holds one of the host's slots, and is killed when the task is aborted.
   */
  runTool(destination: { host: string; address: string; ports: readonly number[] }, command: string, args: readonly string[], limits: ToolLimits): Promise<ToolResult>;
}

/** A task's network as the engine holds it: the scanner's view, and the end of its connections. */
export interface OwnedTaskNet extends TaskNet {
  /** Closes the task's kept-alive HTTP connections; called by the engine when the task ends. */
  release(): void;
}

export interface NetDeps {
  scope: Scope;
  limits: NetLimits;
  resolver: Resolver;
  clock: Clock;
  userAgent: string;
}

export class Network {
  readonly guard: Guard;

  /** One function for the whole audit, so what scanners derive from it can be cached per audit. */
  private readonly allowsPort: (port: number) => boolean;

  constructor(private readonly deps: NetDeps) {
    this.guard = new Guard(deps.scope, deps.limits, deps.clock);
    this.allowsPort = (port) => deps.scope.allowsPort(port);
  }

  /** Scope check before any name lookup, so an out-of-scope name is not even resolved. */
  precheck(host: string, port: number): void {
    const ip = canonicalIp(host);
    const scope = this.deps.scope;
    if (!scope.allowsPort(port)) throw new ScopeError('scope.port', { host, port });
    if (ip ? !scope.allowsAddress(ip) : !scope.allowsName(host)) throw new ScopeError('scope.host', { host });
  }

  /** Resolves a target name after checking it is in scope, and refuses an excluded answer. */
  async guardedResolve(host: string): Promise<string> {
    const ip = canonicalIp(host);
    if (!ip && !this.deps.scope.allowsName(host)) throw new ScopeError('scope.host', { host });
    const address = await this.deps.resolver.resolve(host);
    if (this.deps.scope.isExcludedAddress(address)) throw new ScopeError('scope.excluded', { host, address });
    return address;
  }

  forTask(signal: AbortSignal): OwnedTaskNet {
    const { resolver, clock } = this.deps;
    const pool = new HttpPool();
    const transport: HttpTransport = {
      resolve: (host) => resolver.resolve(host),
      precheck: (host, port) => this.precheck(host, port),
      run: (destination, taskSignal, op) => this.guard.run(destination, taskSignal, op),
      userAgent: this.deps.userAgent,
      pool,
    };
    const prober = new Prober(clock, signal);
    return {
      allowsPort: this.allowsPort,
      resolve: (host) => resolver.resolve(host),
      tcpProbe: (host, address, port, timeoutMs) =>
        this.guard.run({ host, address, port }, signal, () => prober.probe(address, port, timeoutMs)),
      tcpSweep: (host, address, options) => tcpSweep(this.guard, prober, signal, host, address, options),
      withTcp: (host, address, port, limits, use) => this.guard.run({ host, address, port }, signal, () => withTcpStream(address, port, limits, signal, use)),
      fetch: (url, options) => fetchFollowing(transport, url, { ...options, signal }),
      release: () => pool.destroy(),
      excludedPorts: () => this.deps.scope.excludePorts.toString(),
      toolVersion: (command) => toolVersion(command),
      runTool: ({ host, address, ports }, command, args, limits) => {
        if (ports.length === 0) throw new Error('runTool: no ports to probe');
        for (const port of ports) this.deps.scope.check({ host, address, port });
        return this.guard.run({ host, address, port: ports[0]! }, signal, () => runTool(command, args, limits, signal));
      },
    };
  }
}
