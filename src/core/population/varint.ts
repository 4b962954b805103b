/**
 * Unsigned LEB128 variable-length integers, the building block of the population grid's binary
 * sections: small counts (most cells hold tens or hundreds of people) take one or two bytes.
 * Values are JavaScript numbers up to 2^53 − 1; arithmetic avoids 32-bit bit operations.
 */
export class VarintWriter {
  #bytes = new Uint8Array(1024);
  #length = 0;

  /** Appends one non-negative safe integer. */
  write(value: number): void {
    if (!Number.isSafeInteger(value) || value < 0) {
      throw new RangeError(`A varint must be a non-negative safe integer, not ${String(value)}.`);
    }
    let rest = value;
    do {
      const low = rest % 128;
      rest = Math.floor(rest / 128);
      this.#push(rest > 0 ? low + 128 : low);
    } while (rest > 0);
  }

  /** The bytes written so far (a copy). */
  bytes(): Uint8Array {
    return this.#bytes.slice(0, this.#length);
  }

  #push(byte: number): void {
    if (this.#length === this.#bytes.length) {
      const grown = new Uint8Array(this.#bytes.length * 2);
      grown.set(this.#bytes);
      this.#bytes = grown;
    }
    this.#bytes[this.#length++] = byte;
  }
}

/** Reads varints from a byte range; reports the first malformed or truncated value instead of throwing. */
export class VarintReader {
  #position: number;
  readonly #end: number;
  readonly #bytes: Uint8Array;

  constructor(bytes: Uint8Array, start = 0, end = bytes.length) {
    this.#bytes = bytes;
    this.#position = start;
    this.#end = end;
  }

  /** True when every byte of the range has been read. */
  get done(): boolean {
    return this.#position >= this.#end;
  }

  /** The next value, or -1 when the range ends inside a value or the value is not a safe integer. */
  read(): number {
    let value = 0;
    let scale = 1;
    while (this.#position < this.#end) {
      const byte = this.#bytes[this.#position++] ?? 0;
      value += (byte % 128) * scale;
      if (byte < 128) return Number.isSafeInteger(value) ? value : -1;
      scale *= 128;
      if (scale > 2 ** 53) return -1;
    }
    return -1;
  }
}
