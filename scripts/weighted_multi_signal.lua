-- Title: Weighted multi-signal score
-- Kind: score
-- Summary: One score from several signals, each weighted: profile
--   completeness, temperature, a demo request, recent pricing visits and
--   the newsletter list. Change the weights to match your funnel; a weight
--   of 0 turns a signal off. The result is between 0 and 100.
-- Params:
--   profile_weight (number, default 20): share for a complete profile (job title, company, phone)
--   temperature_weight (number, default 30): share for temperature (hot = all, warm = half)
--   demo_weight (number, default 30): share for a demo request form in the last 30 days
--   pricing_weight (number, default 10): share for a pricing page visit in the last 14 days
--   newsletter_weight (number, default 10): share for being on the newsletter list
-- Title (fr): Pointage pondéré à plusieurs signaux
-- Summary (fr): Un seul pointage à partir de plusieurs signaux, chacun pondéré : profil
--   complet, température, demande de démo, visites récentes de la page des
--   prix et liste de l’infolettre. Changez les poids selon votre tunnel ; un
--   poids de 0 éteint un signal. Le résultat va de 0 à 100.
-- Params (fr):
--   profile_weight: part pour un profil complet (poste, entreprise, téléphone)
--   temperature_weight: part pour la température (chaud = tout, tiède = moitié)
--   demo_weight: part pour une demande de démo dans les 30 derniers jours
--   pricing_weight: part pour une visite de la page des prix dans les 14 derniers jours
--   newsletter_weight: part pour être dans la liste de l’infolettre
-- Reads: contact.fields, contact.temperature, contact.lists, events form_submitted and page_visited

local w = {
  profile = params.profile_weight or 20,
  temperature = params.temperature_weight or 30,
  demo = params.demo_weight or 30,
  pricing = params.pricing_weight or 10,
  newsletter = params.newsletter_weight or 10,
}

-- Each signal is a number between 0 and 1.
local signals = {}

local filled, wanted = 0, {"job_title", "company", "phone"}
for _, name in ipairs(wanted) do
  local v = contact.fields[name]
  if v ~= nil and v ~= "" then filled = filled + 1 end
end
signals.profile = filled / #wanted

local temp = {hot = 1, warm = 0.5}
signals.temperature = temp[contact.temperature] or 0

signals.demo = events.exists("form_submitted", {within_days = 30, where = {form = "demo"}}) and 1 or 0

signals.pricing = events.exists("page_visited", {
  within_days = 14,
  filter = function(ev) return text.starts_with(ev.data.path, "/pricing") end,
}) and 1 or 0

signals.newsletter = contact:in_list("newsletter") and 1 or 0

local total, max = 0, 0
for name, weight in pairs(w) do
  total = total + weight * signals[name]
  max = max + weight
end
if max == 0 then return 0 end
return math.floor(100 * total / max + 0.5)
