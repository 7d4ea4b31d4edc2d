/**
 * Emmett's decider: plain functions over plain data. `decide` answers a command with events
 * (or throws a DomainError); `evolve` folds an event into the state; `initialState` is the
 * state before the stream's first event.
 */
export interface Decider<Command, Event, State> {
  decide(command: Command, state: State): Event[];
  evolve(state: State, event: Event): State;
  initialState(): State;
}
