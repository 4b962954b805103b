/** True in the `vite build --mode test` bundle that the end-to-end tests drive. */
declare const __ATLAS_TEST_MODE__: boolean;
