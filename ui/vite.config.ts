import { defineConfig } from "vitest/config";

// Tauri serves the built UI from ui/dist and, in development, loads the dev server on
// port 1420 (see src-tauri/tauri.conf.json). WebKitGTK is the engine on Linux.
export default defineConfig({
  root: new URL(".", import.meta.url).pathname,
  clearScreen: false,
  envPrefix: ["VITE_", "TAURI_"],
  server: {
    port: 1420,
    strictPort: true,
    watch: { ignored: ["**/src-tauri/**", "**/target/**"] },
  },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: ["es2021", "safari15"],
    sourcemap: false,
  },
  test: {
    include: ["test/**/*.test.ts"],
    environment: "node",
  },
});
