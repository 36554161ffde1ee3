/**
 * The fields of a notification that may come flat or wrapped in `message` (the enquiry and SMS pages list
 * them flat, their siblings wrap them): the `message` object when there is one, else the body itself.
 */
export function notificationFields<T extends object>(body: T & { message?: T | null }): T {
  return body.message ?? body;
}
