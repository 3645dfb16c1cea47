/** Placeholder until the panel is built. */
export function FrequencyBiasPanel() {
  return <p className="meta">This panel is being built.</p>;
}
