/** True in the `vite build --mode test` bundle that the end-to-end tests drive. */
declare const __ATLAS_TEST_MODE__: boolean;

interface ImportMetaEnv {
  /** `public` builds open in public mode unless the URL says `?mode=planner`. */
  readonly VITE_ATLAS_MODE?: string;
}
