/**
 * A data file that could not be loaded, said in both languages: the status bar and the panels
 * show the interface's (a bureau that copied `dist/` incompletely sees why in Chinese).
 */
export class DataLoadError extends Error {
  constructor(
    message: string,
    readonly message_zh: string,
  ) {
    super(message);
    this.name = 'DataLoadError';
  }
}

/** An error's sentence in the interface's language (Chinese where the error carries it). */
export function loadErrorMessage(error: unknown, lang: 'zh' | 'en'): string {
  if (lang === 'zh' && error instanceof DataLoadError) return error.message_zh;
  return error instanceof Error ? error.message : String(error);
}

/** Fetches a file the build emitted; a failure is a {@link DataLoadError} naming the file. */
export async function fetchDataFile(path: string, url: string): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(url);
  } catch {
    throw new DataLoadError(
      `${path} could not be loaded: the server did not answer.`,
      `${path} 未能加载：服务器没有响应。`,
    );
  }
  if (!response.ok) {
    const status = String(response.status);
    throw new DataLoadError(
      `${path} could not be loaded (HTTP ${status}).`,
      `${path} 未能加载（HTTP ${status}）。`,
    );
  }
  return response;
}
