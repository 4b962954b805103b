// Types of start-options.mjs (plain JavaScript so `npm start` runs on Node without a build).
export declare const DEFAULT_PORT: number;
export declare const DEFAULT_HOST: string;

export type ServeOptions =
  | { readonly ok: true; readonly port: number; readonly host: string; readonly lan: boolean }
  | { readonly ok: false; readonly message: string };

export declare function serveOptions(
  env: Readonly<Record<string, string | undefined>>,
  argv: readonly string[],
): ServeOptions;

export declare function serveAddresses(
  options: { readonly port: number; readonly host: string },
  interfaces: Readonly<
    Record<
      string,
      | readonly {
          readonly address: string;
          readonly family: string | number;
          readonly internal: boolean;
        }[]
      | undefined
    >
  >,
): string[];
