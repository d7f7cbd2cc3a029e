-- Title: Downloaded the white paper in this funnel
-- Kind: condition
-- Summary: Yes when the contact downloaded the given asset since they
--   entered this funnel. Downloads from before the funnel do not count (use
--   within_days instead of since entry by setting since_entry to false).
-- Params:
--   asset (string, default whitepaper): the download event's props.asset
--   since_entry (boolean, default true): only count downloads since the contact entered the funnel
--   within_days (number, default 30): when since_entry is false, how far back to look
-- Title (fr): A téléchargé le livre blanc dans ce tunnel
-- Summary (fr): Oui quand le contact a téléchargé le document choisi depuis son entrée
--   dans ce tunnel. Les téléchargements d’avant ne comptent pas (mettez
--   since_entry à non pour compter plutôt les within_days derniers jours).
-- Params (fr):
--   asset: le nom du document téléchargé
--   since_entry: ne compter que les téléchargements depuis l’entrée du contact dans le tunnel
--   within_days: quand since_entry est à non, jusqu’où regarder en arrière, en jours
-- Reads: events file_downloaded with props.asset

local asset = params.asset or "whitepaper"
local since_entry = params.since_entry
if since_entry == nil then since_entry = true end

local opts = {where = {asset = asset}}
if since_entry then
  opts.since_entry = true
else
  opts.within_days = params.within_days or 30
end
return events.exists("file_downloaded", opts)
