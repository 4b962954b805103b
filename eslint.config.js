import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

/** Pure core: runs in tests, workers and benchmarks, so it must not reach for the UI or the map. */
const CORE_BOUNDARY = {
  patterns: [
    { group: ['react', 'react-*', 'react/*'], message: 'src/core is pure: no React.' },
    { group: ['maplibre-gl', 'maplibre-gl/*'], message: 'src/core is pure: no MapLibre.' },
    { group: ['zustand', 'zustand/*'], message: 'src/core is pure: no store.' },
    { group: ['**/state/**', '**/map/**', '**/ui/**'], message: 'src/core imports only core.' },
  ],
};

/** A rule that `from` imports nothing (type-only imports included) from these folders of src/. */
function boundary(from, folders, why) {
  return {
    files: [`src/${from}/**`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: folders.map((folder) => ({
            group: [`**/${folder}/**`],
            message: `src/${from} must not import from src/${folder}: ${why}`,
          })),
        },
      ],
    },
  };
}

/**
 * Which way imports run (issue 14): ui and app meet only in the store (src/state: slices and the
 * command contracts) and in src/start-atlas.tsx, the composition root; the workers and the page
 * share only the interfaces in src/core; storage sits below app.
 */
const LAYER_BOUNDARIES = [
  boundary('app', ['ui', 'workers'], 'pass what it needs through src/state or src/core.'),
  boundary('ui', ['app', 'workers', 'storage'], 'use the store or the command contexts.'),
  boundary('workers', ['app', 'ui', 'state', 'map'], 'a worker runs core code (and storage).'),
  boundary('storage', ['app', 'ui', 'workers', 'map'], 'storage sits below the app.'),
  boundary('state', ['app', 'ui', 'workers', 'storage', 'map'], 'the store is shared by all.'),
];

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'dist-test/**',
      'dist-*/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      'geodata/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.browser },
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/restrict-template-expressions': [
        'error',
        { allowNumber: true, allowBoolean: false, allowNullish: false },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      // zustand actions read best as `(x) => set({ x })`.
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true }],
    },
  },
  {
    files: ['**/*.tsx', 'src/ui/**', 'src/app/**'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  { files: ['src/core/**'], rules: { 'no-restricted-imports': ['error', CORE_BOUNDARY] } },
  ...LAYER_BOUNDARIES,
  {
    files: ['scripts/**', 'tests/**', '*.config.ts', '*.config.js', '.ci/**'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      ...tseslint.configs.disableTypeChecked.languageOptions,
      globals: { ...globals.node },
    },
  },
);
