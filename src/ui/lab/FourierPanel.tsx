/** Placeholder until the panel is built. */
export function FourierPanel() {
  return <p className="meta">This panel is being built.</p>;
}
