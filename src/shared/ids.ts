import { v7 } from 'uuid';

/** Ids are passed in like the clock. UUIDv7 sorts by creation time, which keeps indexes warm. */
export interface IdGenerator {
  next(): string;
}

export const uuidV7Generator: IdGenerator = { next: () => v7() };
