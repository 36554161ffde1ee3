import { describe, expect, it } from 'vitest';
import { findContentProblem } from './find-content-problem.js';

describe('findContentProblem', () => {
  it('accepts JSON in UTF-8, uncompressed, however often it is asked', () => {
    for (const type of ['application/json', 'application/json; charset=utf-8', 'application/cloudevents+json', 'application/json']) {
      expect(findContentProblem(type, undefined)).toBeUndefined();
      expect(findContentProblem(type, 'identity')).toBeUndefined();
    }
  });

  it('still refuses a compressed body, and other types and charsets, after an acceptable type was seen', () => {
    expect(findContentProblem('application/json', undefined)).toBeUndefined();
    expect(findContentProblem('application/json', 'gzip')).toContain('Content-Encoding "gzip"');
    expect(findContentProblem('text/plain', undefined)).toContain('must be application/json');
    expect(findContentProblem(undefined, undefined)).toContain('got "none"');
    expect(findContentProblem('application/json; charset=latin1', undefined)).toContain('charset "latin1"');
    expect(findContentProblem('application/json', undefined)).toBeUndefined();
  });
});
