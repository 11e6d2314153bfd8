import { describe, expect, it } from 'vitest';
import { verifyZaloSignature } from '../../../src/channels/zalo/signature';
import { signedZaloEvent } from '../../fakes/zalo-api';

const appId = '4143000000000000001';
const oaSecretKey = 'oa-secret-key';

describe('Zalo webhook signature', () => {
  const event = signedZaloEvent({ appId, oaSecretKey, userId: '8412345', text: 'xin chào', timestamp: '1763870400000' });
  const body = Buffer.from(event.body);

  it('accepts the mac Zalo computes over app id, raw body, timestamp and OA secret key', () => {
    expect(verifyZaloSignature(event.headers['x-zevent-signature'], body, appId, oaSecretKey)).toBe(true);
  });

  it('refuses a tampered body, another secret, a missing or malformed header', () => {
    expect(verifyZaloSignature(event.headers['x-zevent-signature'], Buffer.from(event.body.replace('xin', 'xen')), appId, oaSecretKey)).toBe(false);
    expect(verifyZaloSignature(event.headers['x-zevent-signature'], body, appId, 'other-key')).toBe(false);
    expect(verifyZaloSignature(undefined, body, appId, oaSecretKey)).toBe(false);
    expect(verifyZaloSignature('mac=zz', body, appId, oaSecretKey)).toBe(false);
    expect(verifyZaloSignature(event.headers['x-zevent-signature'], undefined, appId, oaSecretKey)).toBe(false);
    expect(verifyZaloSignature(event.headers['x-zevent-signature'], Buffer.from('not json'), appId, oaSecretKey)).toBe(false);
  });
});
