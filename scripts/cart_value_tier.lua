-- Title: Cart value tier
-- Kind: action
-- Summary: Sorts an abandoned cart into a tier (high, mid, low) from its
--   value, stores the tier and the value on the contact and tags it, so the
--   reminder emails can differ. Reads the value from the triggering event,
--   or else from the contact's last cart_abandoned event.
-- Params:
--   high_threshold (number, default 200): carts worth at least this are "high"
--   mid_threshold (number, default 50): carts worth at least this are "mid", below are "low"
--   tag_prefix (string, default cart-): the tag added is this prefix plus the tier
--   event_type (string, default cart_abandoned): the event that carries props.value
-- Title (fr): Niveau de valeur du panier
-- Summary (fr): Classe un panier abandonné dans un niveau (high, mid, low) selon sa
--   valeur, enregistre le niveau et la valeur sur le contact et lui ajoute
--   une étiquette, pour que les courriels de relance diffèrent. Lit la
--   valeur dans l’événement déclencheur, sinon dans le dernier panier
--   abandonné du contact.
-- Params (fr):
--   high_threshold: les paniers d’au moins cette valeur sont « high »
--   mid_threshold: les paniers d’au moins cette valeur sont « mid », en dessous « low »
--   tag_prefix: l’étiquette ajoutée est ce préfixe suivi du niveau
--   event_type: l’événement qui porte la valeur du panier
-- Reads: event.data.value or events cart_abandoned

local high = params.high_threshold or 200
local mid = params.mid_threshold or 50
local prefix = params.tag_prefix or "cart-"
local event_type = params.event_type or "cart_abandoned"

local cart = event
if cart == nil or cart.type ~= event_type then
  cart = events.last(event_type)
end
if cart == nil then
  error("no " .. event_type .. " event: put this action after a cart trigger")
end

local value = tonumber(cart.props.value) or 0
local tier = "low"
if value >= high then
  tier = "high"
elseif value >= mid then
  tier = "mid"
end

-- Remove the other tiers' tags, so a contact has only one.
local remove = {}
for _, t in ipairs({"high", "mid", "low"}) do
  if t ~= tier then table.insert(remove, prefix .. t) end
end

return {
  fields = {cart_tier = tier, cart_value = value},
  tags_add = {prefix .. tier},
  tags_remove = remove,
}
