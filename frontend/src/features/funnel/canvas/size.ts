// A step's default size, for steps React Flow has not measured yet. Kept
// apart from layout.ts so that the frames (which layout.ts uses) can read it too.

/** Default node size when React Flow has not measured a node yet. */
export const NODE_WIDTH = 248;
export const NODE_HEIGHT = 96;

/**
 * sidePortY is where output i of n sits on a left-to-right step of height
 * h, from its top: a single output at the middle of the right edge; named
 * outputs (Yes, No, branches) on rows at the step's foot, 24 px apart, the
 * last 17 px above the bottom edge (frames.css draws them so). The layout
 * gives ELK these places, so it orders the next steps as the links leave.
 */
export function sidePortY(h: number, i: number, n: number, named: boolean): number {
  if (!named) return h / 2;
  return h - 17 - (n - 1 - i) * 24;
}

/**
 * LITE_HEIGHT is the height of a step's far-out box while a funnel opens
 * (StepNodeView.tsx, LiteStep), as its full card measures at the canvas's
 * font: a plain one 74 px, one with a row of named outputs (Yes, No) 108 px.
 * A card taller still (two lines of words) grows when it replaces the box.
 */
export function liteHeight(labelled: boolean): number {
  return labelled ? 108 : 74;
}
