/** Placeholder until the panel is built. */
export function PrecondPanel() {
  return <p className="meta">This panel is being built.</p>;
}
