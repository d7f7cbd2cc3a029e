// Defined once at module scope: a new object on each render would make
// React Flow re-render every node on every drag step.
import type { NodeTypes } from '@xyflow/react';
import { NoteNodeView } from './NoteNodeView';
import { FrameNodeView } from './FrameNodeView';
import { KeptStep } from './FarPicture';

export const nodeTypes: NodeTypes = { step: KeptStep, note: NoteNodeView, frame: FrameNodeView };
