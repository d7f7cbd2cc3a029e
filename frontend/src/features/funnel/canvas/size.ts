// A step's default size, for steps React Flow has not measured yet. Kept
// apart from layout.ts so that the frames (which layout.ts uses) can read it too.

/** Default node size when React Flow has not measured a node yet. */
export const NODE_WIDTH = 248;
export const NODE_HEIGHT = 96;
