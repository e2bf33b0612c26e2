/** Where a value of a JSON text is: the line of a dotted path, for located errors in JSON input files. */

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/**
 * The one-based line where the value at a dotted path ("fleet[1].capacity") starts in a JSON text,
 * or, when that value is absent, where its nearest present parent starts. Undefined for invalid JSON.
 */
export function locateJsonPath(text: string, path: string): number | undefined {
  const wanted = path.replace(/\[(\d+)\]/g, '.$1').split('.').filter((part) => part !== '');
  const lines = new Map<string, number>();
  let pos = 0;
  const skipSpace = (): void => {
    while (pos < text.length && /\s/.test(text[pos] as string)) pos++;
  };
  const readString = (): string => {
    const start = pos;
    pos++;
    while (pos < text.length && text[pos] !== '"') pos += text[pos] === '\\' ? 2 : 1;
    pos++;
    return JSON.parse(text.slice(start, pos)) as string;
  };
  const value = (key: string): void => {
    skipSpace();
    lines.set(key, lineAt(text, pos));
    const ch = text[pos];
    if (ch === '{') {
      pos++;
      skipSpace();
      while (pos < text.length && text[pos] !== '}') {
        skipSpace();
        const name = readString();
        skipSpace();
        pos++; // ':'
        value(key === '' ? name : `${key}.${name}`);
        skipSpace();
        if (text[pos] === ',') pos++;
        skipSpace();
      }
      pos++;
    } else if (ch === '[') {
      pos++;
      let index = 0;
      skipSpace();
      while (pos < text.length && text[pos] !== ']') {
        value(key === '' ? String(index) : `${key}.${index}`);
        index++;
        skipSpace();
        if (text[pos] === ',') pos++;
        skipSpace();
      }
      pos++;
    } else if (ch === '"') {
      readString();
    } else {
      while (pos < text.length && !/[\s,\]}]/.test(text[pos] as string)) pos++;
    }
  };
  try {
    JSON.parse(text);
    value('');
  } catch {
    return undefined;
  }
  for (let n = wanted.length; n >= 0; n--) {
    const line = lines.get(wanted.slice(0, n).join('.'));
    if (line !== undefined) return line;
  }
  return undefined;
}
