import { describe, expect, it } from 'vitest';
import { watchXnnFailures, xnnFailureCount } from './xnnFailures';

describe('the XNNPACK failure watch', () => {
  it('counts allocation failures printed to the console or stderr, and nothing else', () => {
    watchXnnFailures();
    watchXnnFailures(); // a second call must not count each message twice
    const before = xnnFailureCount();
    console.log('an ordinary line about XNN');
    expect(xnnFailureCount()).toBe(before);
    console.error('XNN status 3 not successful (out of memory)');
    expect(xnnFailureCount()).toBe(before + 1);
    process.stderr.write('XNN status 5 not successful\n');
    expect(xnnFailureCount()).toBe(before + 2);
  });
});
