/** Which shipped data files could not be loaded, and why; the app works on without them. */
import { useGroundTruthStore } from '../../state/groundTruthState';

export function ShippedDataProblems() {
  const problems = useGroundTruthStore((s) => s.shippedProblems);
  if (problems.length === 0) return null;
  return (
    <div className="notice" role="status" data-testid="gt-shipped-problems">
      Some shipped data could not be loaded; the app works without it:
      <ul>
        {problems.map((p) => (
          <li key={`${p.what}:${p.why}`} data-what={p.what}>
            {p.what}: {p.why}
          </li>
        ))}
      </ul>
    </div>
  );
}
