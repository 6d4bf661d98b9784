import { useEffect, useState } from 'react';
import { disablePush, enablePush, pushIsOn, registration } from '~/utils/push-device';

type State = 'checking' | 'unavailable' | 'off' | 'on' | 'denied' | 'working';

const WORDS: Record<State, string> = {
  checking: 'Checking this device…',
  unavailable: 'Push is not available in this browser yet: install Cadence as an app, or open it in a browser that supports push.',
  off: 'Push is off on this device.',
  on: 'Push is on for this device.',
  denied: 'Notifications are blocked for Cadence in this browser’s settings; allow them there, then try again.',
  working: 'One moment…',
};

/** "Push on this device": permission is asked only from the tap, never on load. */
export function PushDevice() {
  const [state, setState] = useState<State>('checking');
  useEffect(() => {
    void (async () => {
      if (!(await registration())) return setState('unavailable');
      if (Notification.permission === 'denied') return setState('denied');
      setState((await pushIsOn()) ? 'on' : 'off');
    })();
  }, []);
  const toggle = async () => {
    const was = state;
    setState('working');
    try {
      if (was === 'on') {
        await disablePush();
        setState('off');
      } else setState(await enablePush());
    } catch {
      setState('unavailable');
    }
  };
  return (
    <div className="prefs-push-device" id="push-device">
      <p role="status">{WORDS[state]}</p>
      {state === 'off' || state === 'on' || state === 'working' ? (
        <button type="button" className="btn btn-secondary" onClick={toggle} disabled={state === 'working'}>
          {state === 'on' ? 'Turn off push on this device' : 'Push on this device'}
        </button>
      ) : null}
    </div>
  );
}
