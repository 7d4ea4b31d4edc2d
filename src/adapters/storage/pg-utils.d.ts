// node-postgres's parameter preparation (the package ships no types for its lib/ files).
declare module 'pg/lib/utils.js' {
  const utils: { prepareValue(value: unknown): string | Buffer | null };
  export default utils;
}
