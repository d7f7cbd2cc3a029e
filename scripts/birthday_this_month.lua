-- Title: Birthday this month
-- Kind: condition
-- Summary: Yes when the contact's birthday falls in the current month,
--   in the contact's time zone. A missing or unreadable birth date is a no
--   (print tells you which, in a test run).
-- Params:
--   field (string, default birth_date): the contact field holding the date, as YYYY-MM-DD
-- Title (fr): Anniversaire ce mois-ci
-- Summary (fr): Oui quand l’anniversaire du contact tombe ce mois-ci, dans son fuseau
--   horaire. Une date de naissance absente ou illisible donne non (un essai
--   dit laquelle).
-- Params (fr):
--   field: le champ du contact qui contient la date, au format AAAA-MM-JJ
-- Reads: contact.fields[field], contact.timezone, now

local field = params.field or "birth_date"
local raw = contact.fields[field]
if raw == nil or raw == "" then
  print("no " .. field)
  return false
end

local born, problem = dates.parse(raw)
if born == nil then
  print(problem)
  return false
end

local birth_month = dates.parts("UTC", born).month -- dates are stored as UTC midnight
local this_month = dates.parts(contact.timezone).month
return birth_month == this_month
