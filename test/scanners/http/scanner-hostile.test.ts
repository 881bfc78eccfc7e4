import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebServer, type WebPersonality, type WebServer } from '../../../fixtures/servers/web.js';
import { auditInProcess, type InProcessAudit } from '../../helpers/audit.js';

// Broken and hostile web servers on 127.0.82.x:8080. Short limits: every one of them must end.
const MISBEHAVIOURS: Array<NonNullable<WebPersonality['misbehave']>> = ['huge-body', 'endless-redirect', 'redirect-loop', 'invalid-header', 'drip', 'reset'];
const hostOf = (misbehave: string) => `127.0.82.${MISBEHAVIOURS.indexOf(misbehave as never) + 1}`;
const servers: WebServer[] = [];
let audit: InProcessAudit;

beforeAll(async () => {
  for (const misbehave of MISBEHAVIOURS) servers.push(await startWebServer(hostOf(misbehave), 8080, { misbehave }));
  audit = await auditInProcess(MISBEHAVIOURS.map(hostOf), { ports: '8080', scanners: ['ports', 'http'], http: { timeoutMs: 1500, maxBodyBytes: 256 * 1024, maxRedirects: 5 } });
}, 120_000);

afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

describe('hostile web servers', () => {
  it('end the audit, complete', () => {
    expect(audit.status).toBe('complete');
  });

  it('cut a body that never ends at the size limit', () => {
    expect(audit.facts('http.site', { host: hostOf('huge-body') })[0]).toMatchObject({ truncated: true, bodyBytes: 256 * 1024 });
  });

  it('stop endless redirects and loops, and say why', () => {
    expect(audit.facts('http.site', { host: hostOf('endless-redirect') })[0]).toMatchObject({ stopped: 'max-redirects', redirects: 5 });
    expect(audit.facts('http.site', { host: hostOf('redirect-loop') })[0]?.stopped).toBe('loop');
  });

  it('turn invalid headers, a drip and resets into scan errors, not crashes', () => {
    for (const misbehave of ['invalid-header', 'drip', 'reset']) {
      const errors = audit.facts('scan.error', { host: hostOf(misbehave) }).filter((e) => e.scanner === 'http');
      expect(errors, misbehave).toHaveLength(1);
      expect(audit.facts('http.site', { host: hostOf(misbehave) }), misbehave).toEqual([]);
    }
    expect(audit.facts('scan.error', { host: hostOf('drip') })[0]?.reason).toBe('timeout');
  });

  it('leave the site rules of unreadable sites not assessed or not applicable, never passed', () => {
    for (const misbehave of ['invalid-header', 'drip', 'reset']) {
      const passed = audit.findings.filter((f) => f.host === hostOf(misbehave) && f.ruleId.startsWith('http.') && f.outcome === 'pass');
      expect(passed.map((f) => f.ruleId), misbehave).toEqual([]);
    }
  });
});
