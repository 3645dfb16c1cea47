import { pageWorkerCount } from '../../compute/workerCount';
import { useExplorerStore } from '../../state/explorerStore';

/**
 * Which tfjs backend the workers run on, and why (verified in the worker with tf.getBackend()), and
 * how many workers score at once (?workers=N sets it).
 */
export function BackendBadge() {
  const backend = useExplorerStore((s) => s.backend);
  const error = useExplorerStore((s) => s.backendError);
  const workers = pageWorkerCount();
  if (error) {
    return (
      <span className="badge badge-error" data-testid="backend-badge" data-backend="none">
        No backend: {error}
      </span>
    );
  }
  if (!backend) {
    return (
      <span className="badge" data-testid="backend-badge" data-backend="">
        Starting workers…
      </span>
    );
  }
  return (
    <span
      className={`badge badge-${backend.name}`}
      data-testid="backend-badge"
      data-backend={backend.name}
      title={backend.reason}
    >
      {backend.label} × {workers} {workers === 1 ? 'worker' : 'workers'} — {backend.reason}
    </span>
  );
}
