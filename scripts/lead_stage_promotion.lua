-- Title: Lead stage promotion
-- Kind: action
-- Summary: Moves a contact up the funnel from their score: lead -> MQL at
--   mql_score, MQL -> SQL at sql_score once they asked for a demo. Never
--   moves a contact down, and leaves customers alone. Returns no changes
--   when nothing moves.
-- Params:
--   mql_score (number, default 50): score that makes a lead marketing-qualified
--   sql_score (number, default 80): score that, with a demo request, makes a sales-qualified lead
--   demo_form (string, default demo): the form_submitted event's data.form for a demo request
-- Reads: contact.score, contact.stage, events form_submitted

local mql = params.mql_score or 50
local sql = params.sql_score or 80
local demo_form = params.demo_form or "demo"

local stage = contact.stage
if stage == "" then stage = "lead" end

if stage == "lead" and contact.score >= mql then
  stage = "MQL"
end
if stage == "MQL" and contact.score >= sql
    and events.exists("form_submitted", {where = {form = demo_form}}) then
  stage = "SQL"
end

if stage == contact.stage or (contact.stage == "" and stage == "lead") then
  return {}
end
return {stage = stage, tags_add = {"stage-" .. text.lower(stage)}}
