// Vite's "?url" asset imports (the renderer's tsconfig loads no vite/client types).
declare module '*.wasm?url' {
  const url: string;
  export default url;
}
