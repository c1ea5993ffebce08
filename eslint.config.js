// Lint: typescript-eslint strict (type-aware), React hooks, import order. Formatting is Prettier's.
import js from '@eslint/js';
import importX from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'data/', 'node_modules/', 'test/artifacts/', 'db/migrations/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    plugins: { 'import-x': importX },
    rules: {
      'import-x/order': [
        'error',
        { groups: ['builtin', 'external', 'internal', 'parent', 'sibling', 'index'], alphabetize: { order: 'asc', caseInsensitive: true } },
      ],
      'import-x/no-duplicates': 'error',
      // `_name` says "deliberately unused" (express's four-argument error handler, a skipped tuple slot).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      // Type-aware rules that catch real bugs: a promise nobody awaits or handles.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
    },
  },
  {
    files: ['client/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  {
    // A test states what it expects to be there; `!` on a lookup is that statement.
    files: ['**/*.test.ts', 'test/**/*.ts', 'server/bench/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off', '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // Each rule once (issue 13.4): Shanghai time is formatted by formatShanghai and phone numbers
    // are read by parsePhone; test/rules-once.test.ts guards what a syntax rule cannot see.
    files: ['**/*.{ts,tsx}'],
    ignores: ['shared/calendar/shanghai.ts', 'shared/calendar/shanghai.test.ts', 'shared/phone.ts', 'shared/phone.test.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.object.name='Intl'][callee.property.name='DateTimeFormat'], Property[key.name='timeZone']",
          message: 'Format Shanghai time with formatShanghai (shared/calendar/shanghai.ts).',
        },
        {
          selector: 'CallExpression[callee.property.name=/^toLocale(Date|Time)String$/]',
          message: 'Format Shanghai time with formatShanghai (shared/calendar/shanghai.ts), not the device zone.',
        },
      ],
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['libphonenumber-js', 'libphonenumber-js/*'], message: 'Read phone numbers with parsePhone (shared/phone.ts).' }] },
      ],
    },
  },
  { files: ['**/*.js', '**/*.cjs'], ...tseslint.configs.disableTypeChecked },
  { files: ['**/*.cjs'], languageOptions: { sourceType: 'commonjs' } },
);
