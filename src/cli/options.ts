/** Option parsers shared by the commands. */
import { InvalidArgumentError } from 'commander';

/** Parses a whole number of at least `min`. */
export function wholeNumber(min: number): (value: string) => number {
  return (value) => {
    if (!/^\d+$/.test(value) || Number(value) < min) throw new InvalidArgumentError(`a whole number of at least ${min}`);
    return Number(value);
  };
}
