// Process boundaries, enforced: the engine (src/) never touches electron or the DOM, and the
// renderer reaches the engine only through the pure modules and the IPC contract.
import tseslint from 'typescript-eslint';
import globals from 'globals';
import prettierConfig from 'eslint-config-prettier';

const domGlobals = Object.keys(globals.browser).filter((name) => !(name in globals.node) && !(name in globals.es2021));

export default tseslint.config(
  { ignores: ['node_modules/**', 'out/**', 'dist/**', 'test-artifacts/**', 'reports/**', '.stryker-tmp/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Type-only imports say so: they vanish from the bundle and never pull a module in at run time.
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  // Formatting is Prettier's (width 120, .prettierrc.json); no lint rule argues with it.
  prettierConfig,
  {
    files: ['src/**/*.ts'],
    languageOptions: { globals: { ...globals.node } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'src/ is the engine: it must not import electron (keep that in electron/).' },
          ],
          patterns: [
            { group: ['electron/*'], message: 'src/ must not import electron.' },
            { group: ['**/renderer/**', '**/electron/**'], message: 'src/ must not import the shell or the renderer.' },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        ...domGlobals.map((name) => ({ name, message: `src/ is the engine: no DOM globals (${name}).` })),
      ],
    },
  },
  {
    // The renderer's own imports. What those modules import in turn (no Node, no electron, no
    // package the renderer does not ship, no circle) is proved by test/unit/renderer-import-graph.test.ts.
    files: ['renderer/src/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The renderer talks to the engine only through window.kiosk.' }],
          patterns: [
            {
              regex:
                '^(\\.\\./)+src/(?!(imei|capture|messages)(/|$)|ipc/(contract|schemas|channel-types|wire)(\\.js|\\.ts)?$)',
              message:
                'The renderer may import only src/imei, src/capture, src/messages and the IPC contract (src/ipc/contract, schemas, channel-types, wire).',
            },
            { group: ['node:*'], message: 'The renderer has no Node.js.' },
          ],
        },
      ],
    },
  },
  {
    // Every word the operator reads comes from renderer/src/i18n/messages.ts (English and Spanish).
    files: ['renderer/src/**/*.tsx'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'JSXText[value=/[A-Za-z]{2,}/]',
          message: 'Screen text belongs in renderer/src/i18n/messages.ts (in every language), not in the markup.',
        },
        {
          selector: 'JSXAttribute[name.name=/^(aria-label|title|placeholder|alt)$/] > Literal[value=/[A-Za-z]{2,}/]',
          message: 'Labels a person reads or hears belong in renderer/src/i18n/messages.ts, not in the markup.',
        },
      ],
    },
  },
);
