/** The escape character of the patterns below; SQL using them says `ESCAPE '\'`. */
export const LIKE_ESCAPE = '\\';

/**
 * A `LIKE`/`ILIKE` pattern matching text that contains `text` literally: `%`, `_` and the escape
 * character itself lose their wildcard meaning. Passed as a query parameter, never spliced into SQL.
 */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => LIKE_ESCAPE + c)}%`;
}
