import { describe, expect, it } from 'vitest';
import { RttEstimator } from '../../../src/scanners/ports/rtt.js';

describe('RttEstimator', () => {
  it('uses the initial timeout until a sample arrives', () => {
    expect(new RttEstimator(1000, 100, 3000).timeoutMs()).toBe(1000);
    expect(new RttEstimator(250, 100, 3000).timeoutMs()).toBe(250);
  });

  it('first sample: SRTT = R, RTTVAR = R/2, timeout = SRTT + 4·RTTVAR = 3R', () => {
    const rtt = new RttEstimator(1000, 10, 3000);
    rtt.sample(100);
    expect(rtt.timeoutMs()).toBe(300);
  });

  it('later samples smooth with alpha 1/8 and beta 1/4 (RFC 6298)', () => {
    const rtt = new RttEstimator(1000, 10, 10_000);
    rtt.sample(100); // srtt 100, rttvar 50
    rtt.sample(200); // rttvar 0.75·50 + 0.25·100 = 62.5; srtt 0.875·100 + 0.125·200 = 112.5
    expect(rtt.timeoutMs()).toBe(363); // 112.5 + 250 = 362.5, rounded
    rtt.sample(112.5); // rttvar 0.75·62.5 + 0 = 46.875; srtt 112.5
    expect(rtt.timeoutMs()).toBe(300); // 112.5 + 187.5
  });

  it('converges towards a steady round trip', () => {
    const rtt = new RttEstimator(1000, 1, 10_000);
    for (let i = 0; i < 100; i++) rtt.sample(40);
    expect(rtt.timeoutMs()).toBe(40);
  });

  it('is clamped to the minimum', () => {
    const rtt = new RttEstimator(1000, 100, 3000);
    rtt.sample(5);
    expect(rtt.timeoutMs()).toBe(100);
  });

  it('is clamped to the maximum', () => {
    const rtt = new RttEstimator(1000, 100, 3000);
    rtt.sample(2000);
    expect(rtt.timeoutMs()).toBe(3000);
  });

  it('the initial timeout is not clamped', () => {
    expect(new RttEstimator(5000, 100, 3000).timeoutMs()).toBe(5000);
  });
});
