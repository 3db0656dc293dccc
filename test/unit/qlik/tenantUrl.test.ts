import assert from 'node:assert/strict';
import { hostnameMismatch, isLoopbackHost, isQlikCloudHost, normalizeTenantUrl } from '../../../src/qlik/tenantUrl';

describe('qlik/tenantUrl: tenant address normaliser', () => {
  const good: [string, string][] = [
    ['acme.eu.qlikcloud.com', 'https://acme.eu.qlikcloud.com'],
    ['https://acme.eu.qlikcloud.com', 'https://acme.eu.qlikcloud.com'],
    ['https://acme.eu.qlikcloud.com/', 'https://acme.eu.qlikcloud.com'],
    ['https://acme.eu.qlikcloud.com/hub/', 'https://acme.eu.qlikcloud.com'],
    ['https://ACME.EU.QlikCloud.com/hub/spaces?x=1#top', 'https://acme.eu.qlikcloud.com'],
    ['  acme.us.qlikcloud.com/console  ', 'https://acme.us.qlikcloud.com'],
    ['HTTPS://acme.ap.qlikcloud.com', 'https://acme.ap.qlikcloud.com'],
    ['https://acme.eu.qlikcloud.com:443/hub', 'https://acme.eu.qlikcloud.com'],
    ['https://acme.eu.qlikcloud.com:8443', 'https://acme.eu.qlikcloud.com:8443'],
    ['http://127.0.0.1:4000', 'http://127.0.0.1:4000'],
    ['http://127.1.2.3:4000/api', 'http://127.1.2.3:4000'],
    ['http://localhost:4000', 'http://localhost:4000'],
    ['localhost:4000', 'http://localhost:4000'],
    ['127.0.0.1:4000', 'http://127.0.0.1:4000'],
    ['http://[::1]:4000/', 'http://[::1]:4000'],
    ['https://127.0.0.1:4443', 'https://127.0.0.1:4443'],
  ];
  for (const [input, origin] of good) {
    it(`normalises ${JSON.stringify(input)} → ${origin}`, () => {
      const r = normalizeTenantUrl(input);
      assert.ok(r.ok, r.ok ? '' : r.error);
      assert.equal(r.origin, origin);
    });
  }

  const bad: [string, RegExp][] = [
    ['', /Enter the tenant address/],
    ['ftp://acme.eu.qlikcloud.com', /Only https:\/\//],
    ['ftp:acme.eu.qlikcloud.com', /Only https:\/\//],
    ['javascript:alert(1)', /Only https:\/\//],
    ['file:///etc/passwd', /Only https:\/\//],
    ['http://acme.eu.qlikcloud.com', /plain http is only allowed for this computer/],
    ['http://10.0.0.1:8080', /plain http/],
    ['http://128.0.0.1', /plain http/],
    ['https://user:pass@acme.eu.qlikcloud.com', /user name or password/],
    ['https://user@acme.eu.qlikcloud.com', /user name or password/],
    ['user:pass@acme.eu.qlikcloud.com', /user name or password/],
    ['http://user@127.0.0.1:4000', /user name or password/],
    ['acme', /full host name/],
    ['https://acme eu.qlikcloud.com', /spaces/],
    ['https://acme.eu.qlikcloud.com\\@evil.com', /backslashes/],
    ['https://', /not a valid address/],
    ['acme.eu.qlikcloud.com\u202e', /invisible/],
    ['x'.repeat(3000), /too long/],
  ];
  for (const [input, message] of bad) {
    it(`refuses ${JSON.stringify(input).slice(0, 60)}`, () => {
      const r = normalizeTenantUrl(input);
      assert.equal(r.ok, false);
      if (!r.ok) assert.match(r.error, message);
    });
  }

  it('knows loopback hosts', () => {
    for (const h of ['127.0.0.1', '127.255.255.254', 'localhost', 'LOCALHOST', '[::1]']) assert.ok(isLoopbackHost(h), h);
    for (const h of ['128.0.0.1', '10.0.0.1', 'localhost.evil.com', '127.0.0.1.evil.com', '[::2]', '127.0.0.256']) {
      assert.ok(!isLoopbackHost(h), h);
    }
  });

  it('issue 12: plain HTTP only for localhost, 127.0.0.0/8 and [::1] exactly (not "localhost." or "127.0.0.1.")', () => {
    for (const h of ['localhost.', '127.0.0.1.', 'LOCALHOST.']) assert.ok(!isLoopbackHost(h), h);
    assert.equal(normalizeTenantUrl('http://localhost.:8080').ok, false);
    assert.ok(normalizeTenantUrl('http://localhost:8080').ok);
    const fqdn = normalizeTenantUrl('acme.eu.qlikcloud.com.');
    assert.ok(
      fqdn.ok && fqdn.origin === 'https://acme.eu.qlikcloud.com' && fqdn.hostname === 'acme.eu.qlikcloud.com',
      JSON.stringify(fqdn),
    );
  });

  it('issue 12: knows a Qlik Cloud host from a look-alike, and a host name the tenant does not list', () => {
    for (const h of ['acme.eu.qlikcloud.com', 'ACME.US.QLIKCLOUD.COM', 'my-alias.qlikcloud.com']) assert.ok(isQlikCloudHost(h), h);
    for (const h of [
      'qlikcloud.com',
      'acme.eu.qlikcloud.com.example.net',
      'acmeqlikcloud.com',
      'evil-qlikcloud.com',
      'acme.eu.qlikcloud.co',
    ]) {
      assert.ok(!isQlikCloudHost(h), h);
    }
    assert.ok(!hostnameMismatch('acme.eu.qlikcloud.com', ['ACME.eu.qlikcloud.com', 'alias.qlikcloud.com']));
    assert.ok(hostnameMismatch('acme.eu.qlikcloud.com', ['globex.eu.qlikcloud.com']));
    assert.ok(!hostnameMismatch('acme.eu.qlikcloud.com', []), 'no list: nothing to compare');
  });
});
