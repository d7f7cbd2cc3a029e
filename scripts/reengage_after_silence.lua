-- Title: Gone quiet after being active
-- Kind: condition
-- Summary: Yes when the contact was active before but has done nothing for
--   silent_days days (no open, click or visit): the moment for a
--   re-engagement email. A contact who was never active does not count:
--   that is a different problem.
-- Params:
--   silent_days (number, default 30): days without activity
--   activity_types (list, default email_opened,email_clicked,page_visited): events that count as activity
-- Title (fr): Devenu silencieux après avoir été actif
-- Summary (fr): Oui quand le contact a été actif mais n’a rien fait depuis silent_days
--   jours (ni ouverture, ni clic, ni visite) : le moment d’un courriel de
--   relance. Un contact qui n’a jamais été actif ne compte pas : c’est un
--   autre problème.
-- Params (fr):
--   silent_days: jours sans activité
--   activity_types: événements qui comptent comme activité
-- Reads: events of the activity types

local silent_days = params.silent_days or 30
local types = params.activity_types or "email_opened,email_clicked,page_visited"
if type(types) == "string" then types = text.split(types) end

local last_active = nil
for _, t in ipairs(types) do
  local ev = events.last(t)
  if ev and (last_active == nil or ev.time > last_active) then
    last_active = ev.time
  end
end

if last_active == nil then
  return false -- never active
end
return dates.days_between(last_active, now) >= silent_days
