-- Title: Downloaded the white paper in this flow
-- Kind: condition
-- Summary: Yes when the contact downloaded the given asset since they
--   entered this flow. Downloads from before the flow do not count (use
--   within_days instead of since entry by setting since_entry to false).
-- Params:
--   asset (string, default whitepaper): the download event's props.asset
--   since_entry (boolean, default true): only count downloads since the contact entered the flow
--   within_days (number, default 30): when since_entry is false, how far back to look
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
