-- Title: Clean up the region field
-- Kind: action
-- Summary: Data clean-up: rewrites the many spellings of a province or
--   state (Québec, Quebec, QUEBEC, Qc, qc.) to one code (QC), so segments
--   and conditions match. Unknown values are left alone and tagged for a
--   human to look at.
-- Params:
--   field (string, default province): the contact field to clean
--   review_tag (string, default region-to-review): tag for values the script does not know
-- Title (fr): Nettoyer le champ région
-- Summary (fr): Nettoyage des données : réécrit les nombreuses graphies d’une province
--   ou d’un État (Québec, Quebec, QUEBEC, Qc, qc.) en un seul code (QC),
--   pour que les segments et les tests correspondent. Les valeurs inconnues
--   restent telles quelles et reçoivent une étiquette pour qu’une personne
--   les vérifie.
-- Params (fr):
--   field: le champ du contact à nettoyer
--   review_tag: étiquette des valeurs que la règle ne connaît pas
-- Reads: contact.fields[field]

local field = params.field or "province"
local review_tag = params.review_tag or "region-to-review"

-- Spellings, folded (lower case, no accents, no dots or spaces), to codes.
local codes = {
  quebec = "QC", qc = "QC", pq = "QC",
  ontario = "ON", on = "ON", ont = "ON",
  britishcolumbia = "BC", bc = "BC", colombiebritannique = "BC",
  alberta = "AB", ab = "AB",
  manitoba = "MB", mb = "MB",
  novascotia = "NS", ns = "NS", nouvelleecosse = "NS",
  newbrunswick = "NB", nb = "NB", nouveaubrunswick = "NB",
}

local raw = contact.fields[field]
if raw == nil or text.trim(raw) == "" then
  return {}
end

local key = string.gsub(text.fold(raw), "[%s%.%-']", "")
local code = codes[key]
if code == nil then
  return {tags_add = {review_tag}}
end
if code == raw then
  return {} -- already clean
end
return {fields = {[field] = code}, tags_remove = {review_tag}}
