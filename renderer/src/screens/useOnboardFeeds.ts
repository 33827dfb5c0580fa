/** What the engine pushes to the Onboard screen, live: the queue depth, a plugged-in modem's IMEI, a serial scanner's problem. */
import { useEffect, useState } from 'react';
import type { QueueStatus, SerialStatus } from '../../../src/ipc/schemas';

export interface OnboardFeeds {
  readonly queue: QueueStatus | undefined;
  readonly offer: SerialStatus['offer'];
  readonly serialProblem: SerialStatus['problem'];
}

export function useOnboardFeeds(): OnboardFeeds {
  const [queue, setQueue] = useState<QueueStatus>();
  const [offer, setOffer] = useState<SerialStatus['offer']>();
  const [serialProblem, setSerialProblem] = useState<SerialStatus['problem']>();

  useEffect(() => {
    void window.kiosk.queue.status({}).then(setQueue, () => undefined);
    return window.kiosk.on('queue.changed', setQueue);
  }, []);

  // A plugged-in device's modem IMEI is offered as it arrives.
  useEffect(() => {
    const showStatus = (s: SerialStatus) => {
      setOffer(s.offer);
      setSerialProblem(s.problem);
    };
    void window.kiosk.serial.status({}).then(showStatus, () => undefined);
    const offOffer = window.kiosk.on('serial.offer', setOffer);
    // An unplugged device's offer goes away with it; a serial scanner's problem (unplugged, port busy) shows.
    const offChanged = window.kiosk.on('serial.changed', showStatus);
    return () => {
      offOffer();
      offChanged();
    };
  }, []);

  return { queue, offer, serialProblem };
}
