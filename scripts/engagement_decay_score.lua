-- Title: Engagement with time decay
-- Kind: score
-- Summary: Scores recent engagement: each open, click, page visit and form
--   counts for points that halve every half_life_days, so a click last week
--   weighs more than ten clicks last year. The result is rounded.
-- Params:
--   half_life_days (number, default 14): after this many days an action counts half
--   window_days (number, default 90): actions older than this are ignored
--   open_points (number, default 1): points for an email_opened event
--   click_points (number, default 3): points for an email_clicked event
--   visit_points (number, default 2): points for a page_visited event
--   form_points (number, default 5): points for a form_submitted event
-- Title (fr): Engagement qui s’estompe avec le temps
-- Summary (fr): Compte l’engagement récent : chaque ouverture, clic, visite de page et
--   formulaire vaut des points qui diminuent de moitié tous les
--   half_life_days jours, si bien qu’un clic la semaine dernière pèse plus
--   que dix clics l’an dernier. Le résultat est arrondi.
-- Params (fr):
--   half_life_days: après ce nombre de jours, une action compte pour moitié
--   window_days: les actions plus anciennes sont ignorées
--   open_points: points pour une ouverture de courriel
--   click_points: points pour un clic dans un courriel
--   visit_points: points pour une visite de page
--   form_points: points pour un formulaire envoyé
-- Reads: events email_opened, email_clicked, page_visited, form_submitted

local half_life = params.half_life_days or 14
local window = params.window_days or 90

local weights = {
  email_opened = params.open_points or 1,
  email_clicked = params.click_points or 3,
  page_visited = params.visit_points or 2,
  form_submitted = params.form_points or 5,
}

local total = 0
for event_type, points in pairs(weights) do
  for _, ev in ipairs(events.list(event_type, {within_days = window})) do
    local age_days = dates.days_between(ev.time, now)
    total = total + points * 0.5 ^ (age_days / half_life)
  end
end

-- Round to one decimal so small clock differences do not change the score.
return math.floor(total * 10 + 0.5) / 10
