import { deepStrictEqual, fail, strictEqual } from 'node:assert/strict';
import type { Decider } from '../decider.ts';
import { DomainError, type ErrorCode } from '../errors.ts';

/**
 * `given(events).when(command).then(events)` — or `.thenFails(code)` — for any decider:
 * the state is folded from the given events, as the command handler would load it.
 */
export function deciderSpecification<Command, Event, State>(decider: Decider<Command, Event, State>) {
  return (given: readonly Event[]) => ({
    when: (command: Command) => {
      const state = given.reduce(decider.evolve, decider.initialState());
      const run = () => decider.decide(command, state);
      return {
        // biome-ignore lint/suspicious/noThenProperty: given/when/then is the spec's vocabulary; never awaited
        then(expected: readonly Event[]): void {
          deepStrictEqual(run(), expected);
        },
        /** Fails with a DomainError of `code`; `check` may look closer at it. */
        thenFails(code: ErrorCode, check: (error: DomainError) => void = () => {}): void {
          let events: Event[];
          try {
            events = run();
          } catch (error) {
            if (!(error instanceof DomainError)) throw error;
            strictEqual(error.code, code, error.message);
            check(error);
            return;
          }
          fail(`expected ${code}, got events ${JSON.stringify(events)}`);
        },
        /** The events, for assertions that do not fit `then`. */
        events: run,
      };
    },
  });
}
