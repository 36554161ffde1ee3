import { BadRequestException } from '@nestjs/common';
import { CinnoxOptionsError } from 'nestjs-cinnox';

/**
 * The library refuses a bad argument (a cursor that is not one of its pages') with a CinnoxOptionsError: the
 * client sent it, so it is a 400 naming it, never a 500 or a 503. Any other error is returned as it was.
 */
export function refusedArgumentAsBadRequest(error: unknown): unknown {
  return error instanceof CinnoxOptionsError ? new BadRequestException(`${error.option}: ${error.message}`, { cause: error }) : error;
}
