/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { configDefaults } from 'vitest/config';

/**
 * The test files that run in Node, without a page (jsdom): plain logic,
 * stores and geometry that never touch the DOM, localStorage or window,
 * each checked to pass there. A page costs each file about a second of CPU
 * to set up. Every other test file gets a page: a new one does unless
 * listed here, and a listed one that starts using the page fails at once
 * ("document is not defined"): move it out of this list.
 */
const NODE = [
  'src/api/engineText.test.ts',
  'src/api/fieldTypes.test.ts',
  'src/features/funnel/canvas/FindStep.test.ts',
  'src/features/funnel/canvas/MinimapView.test.ts',
  'src/features/funnel/canvas/RoutedEdge.test.ts',
  'src/features/funnel/canvas/a11yNames.test.ts',
  'src/features/funnel/canvas/convert.test.ts',
  'src/features/funnel/canvas/crossings.test.ts',
  'src/features/funnel/canvas/failureText.test.ts',
  'src/features/funnel/canvas/farPictureLook.test.ts',
  'src/features/funnel/canvas/farPictureRelease.test.ts',
  'src/features/funnel/canvas/frames.test.ts',
  'src/features/funnel/canvas/ids.test.ts',
  'src/features/funnel/canvas/issues.test.ts',
  'src/features/funnel/canvas/layout.test.ts',
  'src/features/funnel/canvas/minimap.test.ts',
  'src/features/funnel/canvas/opening.test.ts',
  'src/features/funnel/canvas/outline.test.ts',
  'src/features/funnel/canvas/overlay.test.ts',
  'src/features/funnel/canvas/ports.test.ts',
  'src/features/funnel/canvas/route.test.ts',
  'src/features/funnel/canvas/rules.test.ts',
  'src/features/funnel/canvas/stepSearch.test.ts',
  'src/features/funnel/canvas/summary.test.ts',
  'src/features/funnel/screen/folding.test.ts',
  'src/features/funnel/screen/printPicture.test.ts',
  'src/features/funnel/stores/editor.autosave.test.ts',
  'src/features/funnel/stores/editor.clipboard.test.ts',
  'src/features/funnel/stores/editor.frames.test.ts',
  'src/features/funnel/stores/editor.history.test.ts',
  'src/features/funnel/stores/editor.test.ts',
  'src/features/funnel/stores/flows.test.ts',
  'src/features/funnel/stores/funnel.test.ts',
  'src/i18n/dict.test.ts',
  'src/i18n/format.test.ts',
  'src/i18n/glossary.test.ts',
  'src/i18n/simNames.test.ts',
  'src/screens/contacts/labels.test.ts',
  'src/screens/emails/blocks.test.ts',
  'src/screens/emails/problemText.test.ts',
  'src/screens/emails/readable.test.ts',
  'src/screens/scripts/header.test.ts',
  'src/screens/scripts/lint.test.ts',
  'src/screens/simulation/csv.test.ts',
  'src/screens/simulation/format.test.ts',
  'src/stores/contactsImport.test.ts',
  'src/stores/contactsScoring.test.ts',
  'src/stores/contactsSegments.test.ts',
  'src/stores/contactsTable.test.ts',
  'src/stores/draftConflict.test.ts',
  'src/stores/emails.test.ts',
  'src/stores/emailsSending.test.ts',
  'src/stores/failures.test.ts',
  'src/stores/scripts.test.ts',
  'src/stores/settings.test.ts',
  'src/stores/simulation.test.ts',
  'src/stores/simulationModel.test.ts',
];

// The desktop window loads the built files from frontend/dist (embedded in
// the Go binary); the dev binary serves the same folder to a browser.
export default defineConfig({
  plugins: [react()],
  base: './',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    // The app, and the canvas benchmark page (bench/canvas.mjs drives it).
    rolldownOptions: {
      input: { main: 'index.html', bench: 'bench/canvas.html' },
    },
  },
  test: {
    globals: true,
    reporters: ['default', './scripts/count-reporter.ts'],
    css: false,
    // CI runs every suite at once on two cores: the 5 s default fails
    // slow-but-correct tests under load. A hang still fails, just later.
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // The files in NODE run without a page; every other one with jsdom.
    projects: [
      { extends: true, test: { name: 'page', environment: 'jsdom', setupFiles: ['./src/test/setup.ts'], include: ['src/**/*.test.{ts,tsx}'], exclude: [...configDefaults.exclude, ...NODE] } },
      { extends: true, test: { name: 'node', environment: 'node', include: NODE } },
    ],
  },
});
