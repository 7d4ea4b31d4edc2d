import { protocol } from '@electric-sql/pglite';
import type { CompiledQuery, QueryResult } from 'kysely';
import pg from 'pg';
import pgUtils from 'pg/lib/utils.js';
import type { PgliteSession } from './pglite-session.ts';

type BackendMessage = InstanceType<(typeof protocol.messages)['CommandCompleteMessage']> | { name: string };
type RowDescription = InstanceType<(typeof protocol.messages)['RowDescriptionMessage']>;
type DataRow = InstanceType<(typeof protocol.messages)['DataRowMessage']>;
type CommandComplete = InstanceType<(typeof protocol.messages)['CommandCompleteMessage']>;

/**
 * One query on the PGlite session, sent as node-postgres sends it to PostgreSQL: parameters
 * prepared by pg (`prepareValue`, untyped: the server infers their types), the extended
 * protocol's parse, bind, describe, execute and sync in one buffer — one call into PGlite's
 * WebAssembly instead of PGlite's `query()` (six calls, the first two only to ask the
 * statement's parameter types) — or, without parameters, one simple query as pg does; rows
 * parsed with pg's type parsers. So embedded code reads the same values as in production
 * (int8 and numeric as strings, timestamps as Date, …) and pays less per statement.
 */
export async function executeOnPglite<R>(
  session: PgliteSession,
  query: CompiledQuery,
): Promise<QueryResult<R>> {
  return answerOf<R>(await session.exchange(pgliteRequest(query)));
}

/** A named prepared statement to run a query as, and whether this request must parse it first. */
export interface PreparedStatement {
  name: string;
  parse: boolean;
}

/**
 * The bytes `executeOnPglite` sends for `query` (as the named `statement` when given: parsed only
 * when `parse` says so, bound to its name). Throws (without anything sent) when a parameter
 * cannot be serialised. Requests concatenated go in one call (`answersOf` splits the answer).
 */
export function pgliteRequest(query: CompiledQuery, statement?: PreparedStatement): Uint8Array {
  const { serialize } = protocol;
  if (query.parameters.length === 0) return serialize.query(query.sql);
  const name = statement?.name ?? '';
  return Buffer.concat([
    ...(statement?.parse === false ? [] : [serialize.parse({ name, text: query.sql })]),
    serialize.bind({ statement: name, values: query.parameters.map((value) => pgUtils.prepareValue(value)) }),
    serialize.describe({ type: 'P' }),
    serialize.execute({}),
    serialize.sync(),
  ]);
}

/** The statement's result from PGlite's answer, or its error thrown. */
export function answerOf<R>(answer: Uint8Array): QueryResult<R> {
  const [settled] = answersOf(answer, 1);
  // Throws the statement's error (a DatabaseError with code, constraint, …) after the whole
  // exchange, sync included: the session is ready for the next statement either way.
  if (settled!.status === 'rejected') throw settled!.reason;
  return settled!.value.result as QueryResult<R>;
}

/** One statement's answer, and whether its request's Parse went through (`parseComplete`). */
export type PgliteAnswer = PromiseSettledResult<{
  result: QueryResult<unknown>;
  command: string | undefined;
}> & {
  parsed: boolean;
};

/**
 * The answers to `count` requests sent in one call, in order: each ends with its ReadyForQuery
 * (its Sync's, or its simple query's), and is its result with its command tag, or its error.
 */
export function answersOf(answer: Uint8Array, count: number): PgliteAnswer[] {
  const answers: BackendMessage[][] = [[]];
  new protocol.Parser().parse(answer, (message) => {
    answers.at(-1)!.push(message as BackendMessage);
    if (message.name === 'readyForQuery') answers.push([]);
  });
  if (answers.length !== count + 1)
    throw new Error(`PGlite answered ${answers.length - 1} of ${count} statements sent together`);
  return answers.slice(0, count).map((messages) => {
    const parsed = messages.some((message) => message.name === 'parseComplete');
    const error = messages.find((message) => message.name === 'error');
    return error
      ? { status: 'rejected', reason: error, parsed }
      : { status: 'fulfilled', value: toAnswer(messages), parsed };
  });
}

/** A statement's rows (parsed as pg parses them) and affected-row count, and its command tag. */
function toAnswer(messages: BackendMessage[]): { result: QueryResult<unknown>; command: string | undefined } {
  let parsers: ((text: string) => unknown)[] = [];
  let names: string[] = [];
  const rows: unknown[] = [];
  let complete: CommandComplete | undefined;
  for (const message of messages) {
    if (message.name === 'rowDescription') {
      const fields = (message as RowDescription).fields;
      names = fields.map((field) => field.name);
      parsers = fields.map((field) => pg.types.getTypeParser(field.dataTypeID, 'text'));
    } else if (message.name === 'dataRow') {
      const values = (message as DataRow).fields;
      const row: Record<string, unknown> = {};
      for (let i = 0; i < names.length; i++) {
        const value = values[i];
        row[names[i]!] = value === null || value === undefined ? null : parsers[i]!(value);
      }
      rows.push(row);
    } else if (message.name === 'commandComplete') {
      complete = message as CommandComplete;
    }
  }
  // As Kysely's PostgreSQL driver reads pg's result: affected rows for data-changing commands.
  const match = complete ? /^([A-Za-z]+)(?: (\d+))?(?: (\d+))?/.exec(complete.text) : null;
  const command = match?.[1];
  const count = match?.[3] ?? match?.[2];
  if (
    count !== undefined &&
    (command === 'INSERT' || command === 'UPDATE' || command === 'DELETE' || command === 'MERGE')
  )
    return { result: { rows, numAffectedRows: BigInt(count) }, command };
  return { result: { rows }, command };
}
