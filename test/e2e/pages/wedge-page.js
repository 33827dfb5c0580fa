// Test page for the e2e wedge tests: the global listener (useWedgeScanner) plus an ordinary field
// (a patient name), to check that scans land in the list and typing lands in the field, and a button
// and a checkbox, to check that keys meant for controls still work.
import { createElement, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { useWedgeScanner } from '../../../renderer/src/wedge/index.ts';

function Page() {
  const [scans, setScans] = useState([]);
  const [name, setName] = useState('');
  const [presses, setPresses] = useState(0);
  const [sounds, setSounds] = useState(false);
  useWedgeScanner((scan) =>
    setScans((list) => [
      ...list,
      {
        text: scan.text,
        imeis: scan.candidates.valid.map((c) => c.imei),
        errors: scan.candidates.invalid.map((c) => c.error.kind),
      },
    ]),
  );
  return createElement(
    'main',
    null,
    createElement('label', { htmlFor: 'name' }, 'Patient name'),
    createElement('input', {
      id: 'name',
      'data-testid': 'name',
      value: name,
      onChange: (e) => setName(e.target.value),
    }),
    createElement(
      'button',
      { type: 'button', 'data-testid': 'press', onClick: () => setPresses((n) => n + 1) },
      `Pressed ${presses}`,
    ),
    createElement(
      'label',
      null,
      createElement('input', {
        type: 'checkbox',
        'data-testid': 'sounds',
        checked: sounds,
        onChange: (e) => setSounds(e.target.checked),
      }),
      'Sounds',
    ),
    createElement(
      'ul',
      { 'data-testid': 'scans' },
      scans.map((s, i) =>
        createElement('li', { key: i, 'data-imeis': s.imeis.join(','), 'data-errors': s.errors.join(',') }, s.text),
      ),
    ),
  );
}

createRoot(document.getElementById('root')).render(createElement(Page));
