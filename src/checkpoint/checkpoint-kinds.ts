/** The moments a checkpoint can record (schemas/checkpoint.schema.json). */
export const CHECKPOINT_KINDS = ['start', 'progress', 'blocked', 'handoff', 'done', 'rescue'] as const;

/** One of {@link CHECKPOINT_KINDS}. */
export type CheckpointKind = (typeof CHECKPOINT_KINDS)[number];
