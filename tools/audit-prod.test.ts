import { describe, expect, it } from 'vitest';
import { judgeAudit } from './audit-prod';

describe('judgeAudit', () => {
  it('fails on a high or critical advisory and names the package', () => {
    const r = judgeAudit({
      metadata: { vulnerabilities: { high: 1 } },
      vulnerabilities: {
        papaparse: { severity: 'high', via: [] },
        zod: { severity: 'low', via: [] },
      },
    });
    expect(r.ok).toBe(false);
    expect(r.text).toContain('papaparse (high)');
    expect(r.text).not.toContain('zod');
  });

  it('passes a clean report, and passes with a notice when the service is unreachable', () => {
    expect(judgeAudit({ metadata: { vulnerabilities: { low: 2 } }, vulnerabilities: {} }).ok).toBe(
      true,
    );
    const offline = judgeAudit({ statusCode: 405, message: '405 Method Not Allowed' });
    expect(offline.ok).toBe(true);
    expect(offline.text).toMatch(/^NOTICE/);
  });
});
