// The DTOs' decorators need the metadata polyfill that Nest loads in an app.
import 'reflect-metadata';
import { Type } from 'class-transformer';
import { IsString, MaxLength, Validate, ValidateNested, ValidatorConstraint, type ValidatorConstraintInterface } from 'class-validator';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cinnoxPayloadShapes } from '../testing/hook-payload-shapes.js';
import { CINNOX_HOOK_DEFINITIONS } from '../hooks/cinnox-hooks.registry.js';
import { compileValidityCheck } from './compile-validity-check.js';
import { toHookDto } from './to-hook-dto.js';

const shapes = cinnoxPayloadShapes();
const classValidatorSays = (hook: keyof typeof CINNOX_HOOK_DEFINITIONS, body: object): boolean =>
  toHookDto(CINNOX_HOOK_DEFINITIONS[hook], body).errors.length === 0;

// Values that sit on and across every kind of constraint the DTOs have: types, blanks, lengths, numbers.
const awkward = fc.oneof(
  fc.constantFrom(null, '', ' ', 'x', 0, -1, 1.5, 2 ** 53, 85291234567, true, [], {}, [{}], [null], [{ number: 1 }], { eid: 5 }),
  fc.string({ maxLength: 3 }),
  fc.constantFrom(65, 257, 1025).map((length) => 'a'.repeat(length)),
  fc.jsonValue({ maxDepth: 2 }),
);

// Every path to a value in a JSON body, parents first.
function paths(value: unknown, prefix: string[] = []): string[][] {
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, child]) => [[...prefix, key], ...paths(child, [...prefix, key])]);
}

function mutate(body: Record<string, unknown>, path: string[], replacement: unknown, remove: boolean): Record<string, unknown> {
  const copy = structuredClone(body);
  let parent = copy as Record<string, unknown>;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string, unknown>;
  if (remove) delete parent[path.at(-1)!];
  else parent[path.at(-1)!] = replacement;
  return copy;
}

describe('compileValidityCheck', () => {
  it.each(shapes.map((payload) => [payload.hook, payload.shape, payload] as const))(
    '%s, %s: a valid notification passes without class-validator',
    (hook, _shape, { body }) => {
      expect(classValidatorSays(hook, body)).toBe(true);
      expect(compileValidityCheck(CINNOX_HOOK_DEFINITIONS[hook].dto)(body)).toBe(true);
    },
  );

  it('passes the handshake of every hook', () => {
    for (const definition of Object.values(CINNOX_HOOK_DEFINITIONS))
      expect(compileValidityCheck(definition.dto)({ challenge: 'abc' })).toBe(true);
  });

  it('agrees with class-validator on every body one change away from a valid one (a field replaced, added or removed)', () => {
    const cases = fc.constantFrom(...shapes).chain((payload) =>
      fc.record({
        payload: fc.constant(payload),
        path: fc.oneof(
          fc.constantFrom(...paths(payload.body)),
          fc
            .tuple(fc.constantFrom([], ...paths(payload.body)), fc.constantFrom('extra', 'number', 'eid', 'callees'))
            .map(([at, key]) => [...at, key]),
        ),
        replacement: awkward,
        remove: fc.boolean(),
      }),
    );
    let passed = 0;
    fc.assert(
      fc.property(cases, ({ payload, path, replacement, remove }) => {
        let body: Record<string, unknown>;
        try {
          body = mutate(payload.body, path, replacement, remove);
        } catch {
          return; // the path ran through a value that is not an object
        }
        const fast = compileValidityCheck(CINNOX_HOOK_DEFINITIONS[payload.hook].dto)(body);
        if (fast) passed++;
        expect(fast).toBe(classValidatorSays(payload.hook, body));
      }),
      { numRuns: 3000 },
    );
    // The comparison ran on both verdicts, not only on refusals.
    expect(passed).toBeGreaterThan(300);
  });

  it('checks each element of an array for an `each` constraint, and the value itself otherwise', () => {
    class Each {
      @MaxLength(3, { each: true })
      names!: string | string[];
    }
    const check = compileValidityCheck(Each);
    expect([check({ names: ['abc', 'd'] }), check({ names: 'abc' }), check({ names: ['abc', 'defg'] }), check({ names: 'abcd' })]).toEqual([
      true,
      true,
      false,
      false,
    ]);
  });

  it('answers "ask class-validator" for what it does not model', () => {
    @ValidatorConstraint({ async: true })
    class Later implements ValidatorConstraintInterface {
      validate(): Promise<boolean> {
        return Promise.resolve(true);
      }
    }
    class Async {
      @Validate(Later)
      name!: string;
    }
    class Defaulted {
      @IsString()
      name = 'default';
    }
    class Untyped {
      @ValidateNested()
      inner!: object;
    }
    class Leaf {
      @IsString()
      name!: string;
    }
    class Typed {
      @ValidateNested()
      @Type(() => Leaf)
      inner!: Leaf;
    }
    expect(compileValidityCheck(Async)({ name: 'a' })).toBe(false);
    expect(compileValidityCheck(Defaulted)({ name: 'a' })).toBe(false);
    expect(compileValidityCheck(Untyped)({ inner: {} })).toBe(false);
    expect(compileValidityCheck(class Bare {})({})).toBe(false);
    // The control: the same shapes, modelled, pass.
    expect(compileValidityCheck(Typed)({ inner: { name: 'a' } })).toBe(true);
    expect(compileValidityCheck(Typed)({ inner: [{ name: 'a' }, undefined] })).toBe(true);
    expect(compileValidityCheck(Typed)({ inner: [{ name: 1 }] })).toBe(false);
    expect(compileValidityCheck(Typed)({ inner: 'a' })).toBe(false);
  });
});
