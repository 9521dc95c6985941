import { describe, expect, it } from 'vitest';
import { asksForJsonp, crossOriginProblem } from '../origins/originPolicy.js';

const allowed = ['https://app.example.com'];

describe('crossOriginProblem', () => {
  it('checks nothing without cors', () => {
    expect(crossOriginProblem({ origin: 'https://evil.example.net' }, undefined)).toBeNull();
    expect(crossOriginProblem({ 'sec-fetch-site': 'cross-site' }, undefined)).toBeNull();
  });

  it('lets through an allowed Origin, whatever Sec-Fetch-Site says', () => {
    expect(
      crossOriginProblem({ origin: allowed[0], 'sec-fetch-site': 'cross-site' }, allowed),
    ).toBeNull();
  });

  it.each([
    [{ origin: 'https://evil.example.net' }],
    [{ origin: 'https://app.example.com.evil.example.net' }],
    [{ origin: 'null' }],
    [{ origin: 'https://evil.example.net', 'sec-fetch-site': 'same-origin' }],
    [{ 'sec-fetch-site': 'cross-site' }],
  ])('refuses %j', (headers) => {
    expect(crossOriginProblem(headers, allowed)).toEqual(expect.any(String));
  });

  it.each([[{}], [{ 'sec-fetch-site': 'same-site' }], [{ 'sec-fetch-site': 'none' }]])(
    'lets through %j (no Origin, not declared cross-site: a server or a script)',
    (headers) => {
      expect(crossOriginProblem(headers, allowed)).toBeNull();
    },
  );
});

describe('asksForJsonp', () => {
  it('is true exactly when the query has j, as Engine.IO decides', () => {
    expect(asksForJsonp({ EIO: '4', transport: 'polling', j: '0' })).toBe(true);
    expect(asksForJsonp({ EIO: '4', transport: 'polling', j: '' })).toBe(true);
    expect(asksForJsonp({ EIO: '4', transport: 'polling' })).toBe(false);
    expect(asksForJsonp(JSON.parse('{"__proto__":{"j":"0"}}'))).toBe(false);
  });
});
