const js = require('@eslint/js');
const tseslint = require('typescript-eslint');
const regexp = require('eslint-plugin-regexp');
const redos = require('eslint-plugin-redos');

module.exports = tseslint.config(
  { ignores: ['node_modules/', '.data/', '.cache/', 'dist/', 'coverage/', 'scratch/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    // User text reaches many patterns: none may backtrack super-linearly (one message once stalled
    // the bot for minutes on `<at>.*?</at>`), so the checks that find such patterns are errors.
    // recheck (eslint-plugin-redos) also finds the quadratic scans eslint-plugin-regexp misses, such
    // as that `<at>.*?<\/at>` over unclosed tags.
    plugins: { regexp, redos },
    rules: {
      'regexp/no-super-linear-backtracking': 'error',
      'regexp/no-super-linear-move': 'error',
      'regexp/no-misleading-capturing-group': 'error',
      'redos/no-vulnerable': ['error', { checker: 'automaton', timeout: 10_000 }],
    },
  },
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      // Services are channel-neutral: only bot/<channel>/ may speak to a chat SDK.
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['botbuilder*', '@slack/*'], message: 'Only bot/<channel>/ imports chat SDKs.' },
          ],
        },
      ],
    },
  },
  {
    files: ['bot/**/*.ts', 'test/**/*.ts', 'bench/**/*.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['**/*.js'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: {
        require: 'readonly',
        module: 'writable',
        process: 'readonly',
        __dirname: 'readonly',
        console: 'readonly',
      },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
