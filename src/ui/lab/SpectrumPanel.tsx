/** Placeholder until the panel is built. */
export function SpectrumPanel() {
  return <p className="meta">This panel is being built.</p>;
}
