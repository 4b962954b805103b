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

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'dist-test/**',
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
