/** The `default` of an exhaustive `switch`: a case added to a union and not handled fails to compile. */
export function assertNever(value: never): never {
  throw new Error(`unhandled case: ${JSON.stringify(value)}`);
}
