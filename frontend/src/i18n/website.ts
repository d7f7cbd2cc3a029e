// Sentences of Settings → Website: the sites tracked with the snippet.
export const en = {
  'website.title': 'Website',
  'website.help':
    'Paste the code of a site in its pages: visits, time on each page and clicks on links then count for your funnels and scores. Visitors stay anonymous until they give their email (a form, a link in one of your emails); their earlier visits then join their history.',
  'website.address': 'Site address',
  'website.addressPlaceholder': 'https://www.example.com',
  'website.name': 'Name (optional)',
  'website.add': 'Add the site',
  'website.none': 'No site yet. Add the address of your website (or of a copy on this computer, like http://127.0.0.1:8080).',
  'website.snippet': 'Code to paste before </head> in every page',
  'website.copy': 'Copy the code',
  'website.consent': 'Ask for consent first',
  'website.consentHelp':
    'On: nothing is recorded until your cookie banner calls flightplan(\'consent\', true). Paste the code again after changing this.',
  'website.remove': 'Remove',
  'website.removeConfirm': 'Remove {site}? Its code stops recording at once.',
  'website.removed': 'Site removed',
  'website.added': 'Site added: paste its code in your pages',
  'website.loadFailed': 'The sites could not be read: {message}',
  'website.seenNone': 'No visit recorded yet: paste the code, then open a page of the site.',
  'website.seenOne': 'The code works: 1 visitor so far, last seen {when}.',
  'website.seenMany': 'The code works: {n} visitors so far, the last seen {when}.',
};

export const fr: Record<keyof typeof en, string> = {
  'website.title': 'Site Web',
  'website.help':
    'Collez le code d’un site dans ses pages : les visites, le temps passé sur chaque page et les clics sur les liens comptent alors pour vos tunnels et vos pointages. Les visiteurs restent anonymes jusqu’à ce qu’ils donnent leur courriel (un formulaire, un lien dans un de vos courriels) ; leurs visites précédentes rejoignent alors leur historique.',
  'website.address': 'Adresse du site',
  'website.addressPlaceholder': 'https://www.exemple.com',
  'website.name': 'Nom (facultatif)',
  'website.add': 'Ajouter le site',
  'website.none': 'Aucun site pour l’instant. Ajoutez l’adresse de votre site (ou d’une copie sur cet ordinateur, comme http://127.0.0.1:8080).',
  'website.snippet': 'Code à coller avant </head> dans chaque page',
  'website.copy': 'Copier le code',
  'website.consent': 'Demander le consentement d’abord',
  'website.consentHelp':
    'Activé : rien n’est enregistré tant que votre bandeau de témoins n’appelle pas flightplan(\'consent\', true). Recollez le code après ce changement.',
  'website.remove': 'Retirer',
  'website.removeConfirm': 'Retirer {site} ? Son code cesse d’enregistrer tout de suite.',
  'website.removed': 'Site retiré',
  'website.added': 'Site ajouté : collez son code dans vos pages',
  'website.loadFailed': 'Les sites n’ont pas pu être lus : {message}',
  'website.seenNone': 'Aucune visite enregistrée pour l’instant : collez le code, puis ouvrez une page du site.',
  'website.seenOne': 'Le code fonctionne : 1 visiteur jusqu’ici, vu pour la dernière fois {when}.',
  'website.seenMany': 'Le code fonctionne : {n} visiteurs jusqu’ici, le dernier vu {when}.',
};
