import type { GraphSketch } from './model.js';
import { mermaidId, mermaidLabel } from './escape.js';

/** The comment's picture: PR revisions highlighted, heads drawn as stadiums, collapsed chains dotted. */
export function sketchToMermaid(sketch: GraphSketch): string {
  const lines = ['graph BT'];
  for (const n of sketch.nodes) {
    const label = mermaidLabel(`${n.id}${n.origin === 'pr' ? ' (PR)' : ''}${n.head ? ' · head' : ''}`);
    lines.push(`  ${mermaidId(n.id)}${n.head ? `([${label}])` : `[${label}]`}`);
  }
  for (const e of sketch.edges)
    lines.push(`  ${mermaidId(e.to)} ${e.indirect ? '-.->' : '-->'} ${mermaidId(e.from)}`);
  const pr = sketch.nodes.filter((n) => n.origin === 'pr').map((n) => mermaidId(n.id));
  // Red is for what is wrong: the PR's heads that fork, not a PR head that is the only one.
  const heads = sketch.nodes.filter((n) => n.extraHead).map((n) => mermaidId(n.id));
  lines.push('  classDef pr fill:#ddf4ff,stroke:#0969da');
  lines.push('  classDef newhead fill:#ffebe9,stroke:#cf222e,stroke-width:2px');
  if (pr.length) lines.push(`  class ${pr.join(',')} pr`);
  if (heads.length) lines.push(`  class ${heads.join(',')} newhead`);
  return lines.join('\n');
}
