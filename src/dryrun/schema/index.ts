/** Schema snapshots of a throwaway database and their diff (issue 14 §1, and the round trip's comparison). */
export * from './model.js';
export { snapshot } from './snapshot.js';
export {
  diff,
  equal,
  type SchemaDiff,
  type SchemaChange,
  type FieldChange,
  type ObjectKind,
} from './diff.js';
export { renderDiff, renderChange, explainMismatch, describeObject, type RenderOptions } from './render.js';
