// The DTOs' decorators need the metadata polyfill that Nest loads in an app.
import 'reflect-metadata';
import { Type } from 'class-transformer';
import { IsEmail, IsIn, IsInt, IsOptional, IsString, MaxLength, Min, ValidateNested } from 'class-validator';
import { CinnoxError } from 'nestjs-cinnox';
import { describe, expect, it } from 'vitest';
import { toJsonSchema } from './to-json-schema.js';

describe('toJsonSchema', () => {
  it('follows a DTO: a property added to the class shows in the schema', () => {
    class Party {
      @IsString()
      name!: string;
    }
    class Note {
      @MaxLength(10)
      @IsString()
      title!: string;

      @IsOptional()
      @ValidateNested()
      @Type(() => Party)
      author?: Party;
    }
    expect(toJsonSchema(Note)).toEqual({
      type: 'object',
      required: ['title'],
      properties: {
        title: { type: 'string', maxLength: 10 },
        author: {
          oneOf: [
            { type: 'object', required: ['name'], properties: { name: { type: 'string' } } },
            { type: 'array', items: { type: 'object', required: ['name'], properties: { name: { type: 'string' } } } },
          ],
        },
      },
    });

    // Decorating a new property, as a field added to the DTO's source would.
    Min(1)(Note.prototype, 'pages');
    IsInt()(Note.prototype, 'pages');
    IsIn(['draft', 'final'])(Note.prototype, 'state');
    IsOptional()(Note.prototype, 'state');
    const changed = toJsonSchema(Note);
    expect(changed.required).toEqual(['title', 'pages']);
    expect(changed.properties).toMatchObject({
      pages: { type: 'integer', minimum: 1 },
      state: { enum: ['draft', 'final'] },
    });
  });

  it('includes inherited properties', () => {
    class Base {
      @IsOptional()
      @IsString()
      type?: string;
    }
    class Derived extends Base {
      @IsInt()
      count!: number;
    }
    expect(toJsonSchema(Derived)).toEqual({
      type: 'object',
      required: ['count'],
      properties: { count: { type: 'integer' }, type: { type: 'string' } },
    });
  });

  it('refuses a constraint it cannot describe, naming it, rather than leave it out', () => {
    class Contact {
      @IsEmail()
      email!: string;
    }
    expect(() => toJsonSchema(Contact)).toThrow(CinnoxError);
    expect(() => toJsonSchema(Contact)).toThrow('Cannot describe Contact.email in OpenAPI: its class-validator constraint "isEmail"');
  });
});
