// Sentences of the Settings screen's workspace settings (the settings
// themselves carry their label and help in both languages, from the engine).
export const en = {
  'settings.you.title': 'You',
  'settings.you.help': 'About you, in this workspace.',
  'settings.contacts.title': 'Contacts',
  'settings.contacts.help': 'How contacts move through their stages and how their score counts.',
  'settings.servers.title': 'Local servers',
  'settings.servers.help': 'For a website, a proxy or a tunnel that reaches this computer. Most people never change these.',
  'settings.item.save': 'Save',
  'settings.item.saved': 'Saved',
  'settings.item.on': 'On',
  'settings.item.off': 'Off',
  'settings.item.editedIn': 'Changed in {where}.',
  'settings.item.readOnly': 'Cannot be changed: {reason}.',
  'settings.item.notSet': 'Not set',
  'settings.item.unreadable': 'Cannot be read: {message}',
  'settings.item.loadFailed': 'The settings could not be read: {message}',
};

export const fr: Record<keyof typeof en, string> = {
  'settings.you.title': 'Vous',
  'settings.you.help': 'À propos de vous, dans cet espace de travail.',
  'settings.contacts.title': 'Contacts',
  'settings.contacts.help': 'Comment les contacts avancent d’une étape du cycle à l’autre et comment compte leur pointage.',
  'settings.servers.title': 'Serveurs locaux',
  'settings.servers.help': 'Pour un site Web, un mandataire ou un tunnel qui joint cet ordinateur. La plupart des gens n’y touchent jamais.',
  'settings.item.save': 'Enregistrer',
  'settings.item.saved': 'Enregistré',
  'settings.item.on': 'Activé',
  'settings.item.off': 'Désactivé',
  'settings.item.editedIn': 'Se modifie dans {where}.',
  'settings.item.readOnly': 'Ne peut pas être changé : {reason}.',
  'settings.item.notSet': 'Non réglé',
  'settings.item.unreadable': 'Illisible : {message}',
  'settings.item.loadFailed': 'Les réglages n’ont pas pu être lus : {message}',
};
