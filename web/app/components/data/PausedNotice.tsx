import { Alert } from '../ui';

/** The emergency brake, said calmly: nothing is lost, nothing needs doing. */
export function PausedNotice({ className }: { className?: string }) {
  return (
    <Alert tone="info" className={className} announce={false}>
      Imports are paused for maintenance. Your connection is safe; new activities will arrive when we resume.
    </Alert>
  );
}
