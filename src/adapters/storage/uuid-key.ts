/**
 * A uuid as PostgreSQL compares it: its 32 hex digits in lower case. PostgreSQL reads other
 * spellings too (upper case, braces, hyphens elsewhere or none) and answers in its own, so a
 * store that answers "which of these ids" matches the rows it got back to the ids it was given
 * by this key, and answers with the ids as given.
 */
export const uuidKey = (id: string): string => id.toLowerCase().replace(/[^0-9a-f]/g, '');
