/** Placeholder until the panel is built. */
export function ResidualPanel() {
  return <p className="meta">This panel is being built.</p>;
}
