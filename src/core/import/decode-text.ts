/**
 * Bytes to text for the text formats (CSV, TSV, GeoJSON, KML). Chinese users' files come in UTF-8
 * (with or without a byte-order mark, as Excel writes "CSV UTF-8"), in GBK/GB18030 (Excel's plain
 * "CSV" on a Chinese Windows) and occasionally in UTF-16 ("Unicode text"). `auto` tries them in
 * that order: a BOM decides; otherwise strict UTF-8; otherwise GB18030, a superset of GBK.
 */
import type { ImportProblem, TextEncodingChoice } from './import-types';
import { formatCount, problem } from './problems';

export type DecodedEncoding = 'utf-8' | 'utf-8-bom' | 'utf-16' | 'gb18030';

export interface DecodedText {
  readonly text: string;
  /** The encoding used. */
  readonly encoding: DecodedEncoding;
  /** True when the text was decoded as UTF-16 (with a byte-order mark, or detected without). */
  readonly utf16: boolean;
  readonly problems: ImportProblem[];
}

const REPLACEMENT = '\uFFFD';

function countReplacements(text: string): number {
  let count = 0;
  let at = text.indexOf(REPLACEMENT);
  while (at !== -1) {
    count += 1;
    at = text.indexOf(REPLACEMENT, at + 1);
  }
  return count;
}

function replacementWarning(fileName: string, encoding: string, count: number): ImportProblem {
  return problem(
    'encoding-replacement',
    'warning',
    fileName,
    `Expected text that is valid ${encoding}, found ${formatCount(count)} byte sequence${count === 1 ? '' : 's'} that could not be decoded and show as "�"; choose another encoding if names look wrong.`,
    `应为有效的 ${encoding} 文本，实际有 ${formatCount(count)} 处字节无法解码，显示为 "�"；如名称显示异常，请选择其他编码。`,
  );
}

/**
 * UTF-16 without a byte-order mark, told by its zero bytes: text in UTF-8 or GB18030 has none,
 * while UTF-16 puts one beside every ASCII character (digits, commas, column names), all on the
 * same side. Looks at the first 4 KiB; null when it is not UTF-16.
 */
export function utf16WithoutBom(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const length = Math.min(bytes.length, 4096) & ~1;
  if (length < 4) return null;
  let zerosEven = 0;
  let zerosOdd = 0;
  for (let index = 0; index < length; index += 1) {
    if (bytes[index] !== 0) continue;
    if (index % 2 === 0) zerosEven += 1;
    else zerosOdd += 1;
  }
  const pairs = length / 2;
  if (zerosOdd >= pairs * 0.2 && zerosEven <= zerosOdd * 0.05) return 'utf-16le';
  if (zerosEven >= pairs * 0.2 && zerosOdd <= zerosEven * 0.05) return 'utf-16be';
  return null;
}

/** The decoded text, with a warning when it holds characters that could not be decoded. */
function decodedAs(
  text: string,
  encoding: DecodedEncoding,
  utf16: boolean,
  label: string,
  fileName: string,
): DecodedText {
  const count = countReplacements(text);
  return {
    text,
    encoding,
    utf16,
    problems: count > 0 ? [replacementWarning(fileName, label, count)] : [],
  };
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

/**
 * Decodes `bytes` as chosen (or detected) and reports how. A BOM is stripped. With a chosen
 * encoding, undecodable bytes become U+FFFD and are counted in an `encoding-replacement` warning.
 */
export function decodeText(
  bytes: Uint8Array,
  choice: TextEncodingChoice,
  fileName = 'the file',
): DecodedText {
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) {
    const label = bytes[0] === 0xff ? 'utf-16le' : 'utf-16be';
    return decodedAs(
      new TextDecoder(label).decode(bytes.subarray(2)),
      'utf-16',
      true,
      'UTF-16',
      fileName,
    );
  }
  const bom = startsWith(bytes, [0xef, 0xbb, 0xbf]);
  if (choice === 'gb18030') {
    return decodedAs(
      new TextDecoder('gb18030').decode(bytes),
      'gb18030',
      false,
      'GB18030',
      fileName,
    );
  }
  const body = bom ? bytes.subarray(3) : bytes;
  if (choice === 'utf-8') {
    return decodedAs(
      new TextDecoder('utf-8', { ignoreBOM: true }).decode(body),
      bom ? 'utf-8-bom' : 'utf-8',
      false,
      'UTF-8',
      fileName,
    );
  }
  if (bom) {
    // A UTF-8 BOM is a statement of intent: decode as UTF-8 even if some bytes are broken.
    return decodedAs(
      new TextDecoder('utf-8', { ignoreBOM: true }).decode(body),
      'utf-8-bom',
      false,
      'UTF-8',
      fileName,
    );
  }
  const unmarked = utf16WithoutBom(bytes);
  if (unmarked !== null) {
    return decodedAs(new TextDecoder(unmarked).decode(bytes), 'utf-16', true, 'UTF-16', fileName);
  }
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body);
    return { text, encoding: 'utf-8', utf16: false, problems: [] };
  } catch {
    const text = new TextDecoder('gb18030').decode(bytes);
    const count = countReplacements(text);
    const found: ImportProblem[] = [
      problem(
        'encoding-gb18030',
        'warning',
        fileName,
        'Expected UTF-8 text, found bytes that are not valid UTF-8; the file was decoded as GBK/GB18030, the encoding Chinese Excel writes; choose another encoding if names look wrong.',
        '应为 UTF-8 文本，实际包含非 UTF-8 字节；已按 GBK/GB18030（中文版 Excel 保存 CSV 时使用的编码）解码；如名称显示异常，请选择其他编码。',
      ),
    ];
    if (count > 0) found.push(replacementWarning(fileName, 'GB18030', count));
    return { text, encoding: 'gb18030', utf16: false, problems: found };
  }
}
