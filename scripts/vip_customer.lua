-- Title: VIP customer
-- Kind: action
-- Summary: Adds up the contact's purchases over the last within_days days,
--   stores the total as a field, and tags the contact VIP (and makes them a
--   customer) when it reaches min_total; removes the tag when it no longer
--   does.
-- Params:
--   min_total (number, default 1000): purchases total that makes a VIP
--   within_days (number, default 365): how far back purchases count
--   tag (string, default vip): the tag for VIPs
--   amount_prop (string, default amount): the purchase event property holding the amount
--   total_field (string, default purchases_total): the contact field that receives the total
-- Title (fr): Client VIP
-- Summary (fr): Additionne les achats du contact sur les within_days derniers jours,
--   enregistre le total dans un champ, et ajoute l’étiquette VIP (et en fait
--   un client) quand il atteint min_total ; retire l’étiquette quand ce
--   n’est plus le cas.
-- Params (fr):
--   min_total: total des achats qui fait un VIP
--   within_days: jusqu’où les achats comptent, en jours
--   tag: l’étiquette des VIP
--   amount_prop: la propriété de l’événement d’achat qui contient le montant
--   total_field: le champ du contact qui reçoit le total
-- Reads: events purchase with data.amount

local min_total = params.min_total or 1000
local within_days = params.within_days or 365
local tag = params.tag or "vip"
local amount_prop = params.amount_prop or "amount"
local total_field = params.total_field or "purchases_total"

local total = events.sum("purchase", amount_prop, {within_days = within_days})

local changes = {fields = {[total_field] = total}}
if total >= min_total then
  changes.tags_add = {tag}
  if contact.stage ~= "customer" then changes.stage = "customer" end
elseif contact:has_tag(tag) then
  changes.tags_remove = {tag}
end
return changes
