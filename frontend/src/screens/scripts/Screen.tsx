// The scripts section: Lua rules (conditions, scores, actions).
export { ScriptsScreen } from './ScriptsScreen';
