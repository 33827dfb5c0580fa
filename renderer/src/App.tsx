import { useEffect, useState } from 'react';
import type { AppMode } from '../../src/ipc/contract';
import { ImeiField } from './ImeiField';

interface AppInfo {
  name: string;
  version: string;
  mode: AppMode;
}

export function App() {
  const [info, setInfo] = useState<AppInfo | undefined>();
  const [infoError, setInfoError] = useState<string | undefined>();

  useEffect(() => {
    window.kiosk.app.info({}).then(setInfo, (error: unknown) => setInfoError(String(error)));
  }, []);

  return (
    <div className="app">
      {info?.mode === 'training' && (
        <div className="training-banner" role="status">
          TRAINING — no patient data is sent. Connections go to the built-in simulator.
        </div>
      )}
      <header className="app-header">
        <h1>IMEI Kiosk</h1>
        {info && <span className="app-version">v{info.version}</span>}
      </header>
      {infoError && (
        <p className="status status-error" role="alert">
          The kiosk engine is not answering: {infoError}. Restart the kiosk.
        </p>
      )}
      <main>
        <ImeiField />
      </main>
    </div>
  );
}
