// Streams the elements of a top-level JSON array (Opendatasoft's `exports/json`) one by one, so
// a large export is parsed element by element, not as one string.

/** Yields each element of the JSON array arriving as text chunks; a cut-off array throws. */
export async function* jsonArrayItems(chunks: AsyncIterable<string>): AsyncIterable<unknown> {
  let depth = 0;
  let inString = false;
  let escaped = false;
  let item = '';
  let opened = false;
  let closed = false;
  for await (const chunk of chunks) {
    for (const ch of chunk) {
      if (closed) {
        if (!/\s/.test(ch)) throw new Error('JSON export has data after its closing bracket');
        continue;
      }
      if (!opened) {
        if (ch === '[') opened = true;
        else if (!/\s|\ufeff/.test(ch))
          throw new Error(`JSON export should be an array, starts with "${ch}"`);
        continue;
      }
      if (inString) {
        item += ch;
        if (escaped) escaped = false;
        else if (ch === '\\') escaped = true;
        else if (ch === '"') inString = false;
        continue;
      }
      if (depth === 0 && (ch === ',' || ch === ']')) {
        if (item.trim() !== '') yield JSON.parse(item);
        item = '';
        if (ch === ']') closed = true;
        continue;
      }
      if (ch === '"') inString = true;
      else if (ch === '{' || ch === '[') depth++;
      else if (ch === '}' || ch === ']') depth--;
      item += ch;
    }
  }
  if (!closed) throw new Error('JSON export ends before its closing bracket: the download is truncated');
}
