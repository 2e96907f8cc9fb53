// ESLint over the whole tree, with type information (typescript-eslint) and React's hook rules.
// The environment rule (what each folder may import) stays in scripts/check-boundaries.mjs, run by `npm test`.
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      'release/',
      'dist-installers/',
      'test-results/',
      'playwright-report/',
      '.tmp/',
      'build/',
      'tests/fixtures/',
      '**/*.cjs',
      '**/*.mjs',
      '**/*.php',
    ],
  },
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        project: ['./tsconfig.node.json', './tsconfig.web.json', './tsconfig.e2e.json'],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Off: targets, stores and test doubles implement Promise-returning interfaces with bodies that may not await;
      // the promise rules above are what catch real mistakes (a promise dropped or passed where none is awaited).
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    // Vitest's asymmetric matchers (expect.any, expect.objectContaining, …) are typed `any`: placing one in an
    // expected object is what they are for.
    files: ['tests/**/*.ts', 'e2e/**/*.ts'],
    rules: { '@typescript-eslint/no-unsafe-assignment': 'off' },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
);
