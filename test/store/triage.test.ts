import { describe, expect, it } from 'vitest';
import { forEachBackend } from '../helpers/backends.js';


forEachBackend((backend) => {
  describe('triage log (migration 003)', () => {
    it('keeps every decision and answers with the newest per fingerprint', async () => {
      const store = await backend.open();
      const base = { reason: 'r', actor: 'lan', auditId: 1 };
      await store.triage.record({ ...base, fingerprint: 'aa', status: 'accepted-risk', at: '2026-01-01T00:00:00.000Z' });
      await store.triage.record({ ...base, fingerprint: 'bb', status: 'false-positive', at: '2026-01-01T00:00:01.000Z' });
      await store.triage.record({ ...base, fingerprint: 'aa', status: 'open', reason: '', at: '2026-01-02T00:00:00.000Z', auditId: 2 });
      const current = await store.triage.current(['aa', 'bb', 'cc']);
      expect(current.get('aa')).toMatchObject({ status: 'open', auditId: 2 });
      expect(current.get('bb')).toEqual({ fingerprint: 'bb', status: 'false-positive', reason: 'r', actor: 'lan', at: '2026-01-01T00:00:01.000Z', auditId: 1 });
      expect(current.has('cc')).toBe(false);
      expect((await store.triage.history('aa')).map((d) => d.status)).toEqual(['accepted-risk', 'open']);
    });

    it('answers for more fingerprints than one query can bind', async () => {
      const store = await backend.open();
      await store.triage.record({ fingerprint: 'fp-1200', status: 'accepted-risk', reason: 'r', actor: 'a', at: 't', auditId: null });
      const many = Array.from({ length: 1500 }, (_, i) => `fp-${i}`);
      expect([...(await store.triage.current(many)).keys()]).toEqual(['fp-1200']);
    });
  });
});
