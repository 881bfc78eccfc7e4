import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startListeners, type ListenerSet } from '../../../fixtures/servers/listeners.js';
import { auditInProcess, type InProcessAudit } from '../../helpers/audit.js';

// Loopback only: 127.0.131.60, never port 2024.
const HOST = '127.0.131.60';
let listeners: ListenerSet;
let audit: InProcessAudit;

beforeAll(async () => {
  // The backdoored vsftpd 2.3.4 release (CVE-2011-2523), as a banner that answers nothing after it.
  listeners = await startListeners([{ host: HOST, port: 2121, banner: '220 (vsFTPd 2.3.4)\r\n' }]);
  audit = await auditInProcess([HOST], { ports: '2121', scanners: ['ports', 'services', 'software'], services: { nmap: false, timeoutMs: 1500 } });
});
afterAll(() => listeners.close());

describe('a service that greets and then stays silent', () => {
  it('is still named by its greeting, and its version judged', () => {
    expect(audit.facts('service.identity', { port: 2121 })[0]).toMatchObject({ service: 'ftp', product: 'vsftpd', version: '2.3.4', banner: '220 (vsFTPd 2.3.4)' });
    expect(audit.facts('software.product', { port: 2121 })[0]).toMatchObject({ product: 'vsftpd', version: '2.3.4', location: 'tcp/2121' });
    const critical = audit.findings.find((f) => f.ruleId === 'software.vulnerable.critical');
    expect(critical).toMatchObject({ outcome: 'fail', evidence: { product: 'vsftpd', cves: ['CVE-2011-2523'], maxCvss: 9.8 } });
  });
});
