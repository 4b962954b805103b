/** Types of scripts/build-cli.mjs (plain JavaScript so `npm ci` can run it without tsx). */
export declare const ROOT: string;
export declare const CLI_BUNDLE: string;
export declare const CLI_INPUTS: string;
export declare function buildCli(): number;
