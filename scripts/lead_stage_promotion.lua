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
-- Title (fr): Avancer l’étape du cycle
-- Summary (fr): Fait avancer un contact selon son pointage : prospect → MQL à mql_score,
--   MQL → SQL à sql_score une fois qu’il a demandé une démo. Ne fait jamais
--   reculer un contact et laisse les clients tels quels. Ne change rien
--   quand rien ne bouge.
-- Params (fr):
--   mql_score: pointage qui fait d’un prospect un prospect qualifié marketing (MQL)
--   sql_score: pointage qui, avec une demande de démo, fait un prospect qualifié ventes (SQL)
--   demo_form: le nom du formulaire de demande de démo
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
