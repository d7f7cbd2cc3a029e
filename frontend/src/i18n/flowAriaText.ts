// React Flow's own words (its controls, minimap and screen-reader help),
// merged into the dictionary; flowAria.ts hands them to the library.
export const en = {
  'rf.node.help': 'Press Enter or Space to select a step, Delete to remove it, Escape to cancel.',
  'rf.node.helpKeys': 'Press Enter or Space to select a step, then the arrow keys to move it. Delete removes it, Escape cancels.',
  'rf.node.moved': 'Step moved {direction}. New position: {x}, {y}.',
  'rf.edge.help': 'Press Enter or Space to select a link, then Delete to remove it or Escape to cancel.',
  'rf.controls': 'Zoom controls',
  'rf.zoomIn': 'Zoom in',
  'rf.zoomOut': 'Zoom out',
  'rf.fitView': 'Show the whole funnel',
  'rf.interactive': 'Lock or unlock the canvas',
  'rf.minimap': 'Overview of the funnel',
  'rf.handle': 'Link point',
} as const;

export const fr: Record<keyof typeof en, string> = {
  'rf.node.help': 'Entrée ou Espace pour sélectionner une étape, Suppr pour la retirer, Échap pour annuler.',
  'rf.node.helpKeys': 'Entrée ou Espace pour sélectionner une étape, puis les flèches pour la déplacer. Suppr la retire, Échap annule.',
  'rf.node.moved': 'Étape déplacée vers {direction}. Nouvelle position : {x}, {y}.',
  'rf.edge.help': 'Entrée ou Espace pour sélectionner un lien, puis Suppr pour le retirer ou Échap pour annuler.',
  'rf.controls': 'Commandes de zoom',
  'rf.zoomIn': 'Zoom avant',
  'rf.zoomOut': 'Zoom arrière',
  'rf.fitView': 'Voir tout le tunnel',
  'rf.interactive': 'Verrouiller ou déverrouiller le canevas',
  'rf.minimap': 'Vue d’ensemble du tunnel',
  'rf.handle': 'Point de liaison',
};
