// Defined once at module scope: a new object on each render would make
// React Flow re-render every node on every drag step.
import type { NodeTypes } from '@xyflow/react';
import { NoteNodeView } from './NoteNodeView';
import { FrameNodeView } from './FrameNodeView';
import { StepNodeView } from './StepNodeView';

export const nodeTypes: NodeTypes = { step: StepNodeView, note: NoteNodeView, frame: FrameNodeView };
