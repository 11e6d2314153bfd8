// Statements run thousands of times a second (the dossier intake's), built and compiled by
// Kysely once per database and then run with new parameters: building and compiling a Kysely
// query costs more CPU than SQLite takes to run it. The SQL still comes from Kysely's compiler
// for the database's own dialect, so SQLite and PostgreSQL both keep working without a branch.
import { CompiledQuery, type Compilable } from 'kysely';

const MARK = '\u0000motcua-param:';

/** A compiled statement waiting for its parameters, named as when it was built. */
export type Template<P> = (params: P) => CompiledQuery;

/**
 * Builds the query once with a marker per parameter, compiles it, and remembers which name
 * each placeholder stands for: the binding order is then whatever Kysely's compiler chose.
 */
export function template<P extends object>(build: (param: <K extends keyof P & string>(name: K) => P[K]) => Compilable): Template<P> {
  const compiled = build((name) => `${MARK}${name}` as never).compile();
  const names = compiled.parameters.map((value) => {
    if (typeof value !== 'string' || !value.startsWith(MARK)) throw new Error(`store: statement parameter ${String(value)} was not given by name: ${compiled.sql}`);
    return value.slice(MARK.length) as keyof P;
  });
  return (params) => CompiledQuery.raw(compiled.sql, names.map((name) => params[name]));
}
