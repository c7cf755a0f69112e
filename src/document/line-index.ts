/**
 * Offsets to 1-based line and column, for any text.
 * Line endings are `\n`, `\r\n` and a lone `\r`, as CommonMark counts them, so a
 * file saved with old Mac line endings still gets the right line numbers.
 */

/** A place in a file: 1-based line and 1-based column (UTF-16 code units). */
export interface Place {
  line: number;
  column: number;
}

/** Maps string offsets (UTF-16 code units) of one text to {@link Place}s. */
export class LineIndex {
  /** Offset at which each line starts; `starts[0]` is always 0. */
  private readonly starts: number[];
  private readonly length: number;

  constructor(text: string) {
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) {
        starts.push(i + 1);
      } else if (c === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      }
    }
    this.starts = starts;
    this.length = text.length;
  }

  /** How many lines the text has (a final line ending opens one more, empty line). */
  get lineCount(): number {
    return this.starts.length;
  }

  /**
   * The place of an offset. Offsets outside the text are clamped into it, so a
   * finding never points past the end of its file.
   */
  place(offset: number): Place {
    const at = Math.max(0, Math.min(Math.floor(offset), this.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.starts[mid] as number) <= at) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: at - (this.starts[lo] as number) + 1 };
  }
}
