// Test page for the e2e camera tests: the real CameraPanel, with what it reports exposed on window.
// Plain JS (no JSX) so the Node typecheck, which includes test/**, has nothing to compile here.
import { createElement, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { CameraPanel } from '../../../renderer/src/camera/index.ts';

const params = new URLSearchParams(location.search);
const engine = params.get('engine') === 'zxing-js' ? 'zxing-js' : 'wasm';
window.__camera = { imeis: [], stats: undefined, mountedAt: performance.now() };

function Page() {
  const [visible, setVisible] = useState(true);
  return createElement(
    'main',
    null,
    createElement(
      'button',
      { type: 'button', 'data-testid': 'toggle', onClick: () => setVisible((v) => !v) },
      visible ? 'Hide camera' : 'Show camera',
    ),
    visible &&
      createElement(CameraPanel, {
        engine,
        onImei: (candidate) =>
          window.__camera.imeis.push({ imei: candidate.imei, label: candidate.label ?? null, at: performance.now() }),
        onStats: (stats) => {
          window.__camera.stats = stats;
        },
      }),
  );
}

createRoot(document.getElementById('root')).render(createElement(Page));
