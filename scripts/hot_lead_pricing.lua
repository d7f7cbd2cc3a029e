-- Title: Hot lead: visited the pricing page
-- Kind: condition
-- Summary: Yes when the contact visited the pricing page at least min_visits
--   times in the last within_days days: a buying signal worth an alert to
--   sales. Any page whose path starts with `path` counts (/pricing,
--   /pricing/team...).
-- Params:
--   min_visits (number, default 2): visits needed
--   within_days (number, default 7): how far back to look
--   path (string, default /pricing): the page path prefix
--   event_type (string, default page_visited): the event recorded for a page view
-- Title (fr): Prospect chaud : a visité la page des prix
-- Summary (fr): Oui quand le contact a visité la page des prix au moins min_visits fois
--   dans les within_days derniers jours : un signal d’achat qui mérite une
--   alerte aux ventes. Toute page dont le chemin commence par `path` compte
--   (/pricing, /pricing/team…).
-- Params (fr):
--   min_visits: visites nécessaires
--   within_days: jusqu’où regarder en arrière, en jours
--   path: le début du chemin de la page
--   event_type: l’événement enregistré pour une page vue
-- Reads: events page_visited with data.path

local min_visits = params.min_visits or 2
local within_days = params.within_days or 7
local path = params.path or "/pricing"
local event_type = params.event_type or "page_visited"

local visits = events.count(event_type, {
  within_days = within_days,
  filter = function(ev)
    return text.starts_with(ev.data.path, path)
  end,
})

return visits >= min_visits
