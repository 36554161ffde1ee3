import { describe, expect, it } from 'vitest';
import { parseErrorBody } from './parse-error-body.js';

describe('parseErrorBody', () => {
  it('keeps a well-typed code and message', () => {
    expect(parseErrorBody({ code: 4001, message: 'url not allowed' })).toEqual({ code: 4001, message: 'url not allowed' });
  });

  it('keeps whichever half is well-typed and drops the other', () => {
    expect(parseErrorBody({ code: '4001', message: 'url not allowed' })).toEqual({ code: undefined, message: 'url not allowed' });
    expect(parseErrorBody({ code: 4001, message: { text: 'x' } })).toEqual({ code: 4001, message: undefined });
  });

  it.each([
    ['text', 'Bad Gateway'],
    ['null', null],
    ['an array', [4001]],
  ])('reads nothing from %s', (_, body) => {
    expect(parseErrorBody(body)).toEqual({});
  });
});
