/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

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
    environment: 'jsdom',
    globals: true,
    setupFiles: ['./src/test/setup.ts'],
    include: ['src/**/*.test.{ts,tsx}'],
    reporters: ['default', './scripts/count-reporter.ts'],
    css: false,
    // CI runs every suite at once on two cores: the 5 s default fails
    // slow-but-correct tests under load. A hang still fails, just later.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
